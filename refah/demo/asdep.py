"""ASDEP in the demo: a round of Iğdır Merkez SYDV's team done last month over the neighbourhood the data
proposes most households in (visits recorded day by day, with the risks each found referred, a few nobody home
tried again, a refusal, a family moved away; the round closed), and a round planned for the next two weeks over
the next such neighbourhood, due from yesterday so the ASDEP worker has visits today. The catalogue gets a
service of every kind the checklist refers to where none covers Merkez yet. No violence is answered: the sealed
services are the shelters app's."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from refah.asdep import services
from refah.asdep.checklist import AREAS
from refah.asdep.enums import ProposalReason
from refah.asdep.selectors import proposal_frame
from refah.casework.enums import ProviderKind, ServiceKind
from refah.casework.models import Referral, Service
from refah.casework.selectors import service_for_household
from refah.demo.cast import extra_user
from refah.demo.clock import as_of
from refah.registry.models import Household

DONE_DAYS_AGO = 32  # the done round started then and ran a week
PLANNED_DAYS_AGO = 1  # the planned round's first visits were due yesterday
CATALOGUE = [
    (ServiceKind.HEALTH, "Iğdır Dr. Nevruz Erez Devlet Hastanesi sosyal hizmet birimi", ProviderKind.HEALTH),
    (ServiceKind.ELDERLY_CARE, "Iğdır Sosyal Hizmet Merkezi yaşlı bakım hizmetleri", ProviderKind.SHM),
    (ServiceKind.DISABILITY_CARE, "Iğdır Sosyal Hizmet Merkezi engelli bakım ve rehabilitasyon", ProviderKind.SHM),
    (ServiceKind.EDUCATION, "Iğdır İl Milli Eğitim Müdürlüğü rehberlik ve araştırma merkezi", ProviderKind.SCHOOL),
    (ServiceKind.CHILD_PROTECTION, "Iğdır Sosyal Hizmet Merkezi çocuk koruma", ProviderKind.SHM),
    (ServiceKind.ADDICTION_SUPPORT, "Iğdır Devlet Hastanesi bağımlılık polikliniği", ProviderKind.HEALTH),
    (ServiceKind.HOUSING, "Iğdır Belediyesi sosyal destek müdürlüğü", ProviderKind.MUNICIPALITY),
    (ServiceKind.SOCIAL_AID, "Iğdır Merkez Sosyal Yardımlaşma ve Dayanışma Vakfı", ProviderKind.SYDV),
    (ServiceKind.PSYCHOSOCIAL_SUPPORT, "Iğdır Sosyal Hizmet Merkezi psikososyal destek", ProviderKind.SHM),
]


def _catalogue(cast, household) -> int:
    """A Merkez service of each kind the checklist refers to, where none covers the district yet."""
    made = 0
    for kind, name, provider in CATALOGUE:
        if service_for_household(household=household, kind=kind) is None:
            Service.objects.create(
                kind=kind,
                name=name,
                provider_kind=provider,
                provider_name=name,
                office=cast.merkez if provider == ProviderKind.SYDV else None,
                province_id=household.province_id,
                district_id=household.district_id,
            )
            made += 1
    return made


def _neighbourhoods(district_id: int) -> list[int]:
    """Merkez's neighbourhoods, those the data proposes most households in first, then the most populous."""
    frame = proposal_frame(day=timezone.localdate(), district_ids=[district_id])
    ids = Household.objects.filter(pk__in=list(frame["household_id"])).values_list("neighbourhood_id", flat=True)
    everyone = Household.objects.filter(district_id=district_id).values_list("neighbourhood_id", flat=True)
    ranked = [n for n, _count in Counter(ids).most_common()]
    return ranked + [n for n, _count in Counter(everyone).most_common() if n not in ranked]


def _answers(index: int, reasons: list[str]) -> tuple[dict, dict]:
    """The checklist as the team found it: what the data proposed confirmed, and some needs the data cannot see."""
    yes = set()
    if ProposalReason.ELDERLY_ALONE in reasons:
        yes |= {"elderly_alone", "elderly_daily_help"}
    if ProposalReason.DISABLED_WITHOUT_CARE in reasons:
        yes |= {"disability_no_care"}
    if ProposalReason.CHILD_OUT_OF_SCHOOL in reasons:
        yes |= {"school_not_enrolled"} | ({"school_child_labour"} if index % 3 == 0 else set())
    for step, code in ((4, "income_basic_needs"), (7, "housing_unsafe"), (9, "health_untreated")):
        if index % step == 1:
            yes.add(code)
    for step, code in ((11, "psychosocial_distress"), (13, "addiction_substance")):
        if index % step == 5:
            yes.add(code)
    answers = {q.code: ("yes" if q.code in yes else "no") for area in AREAS for q in area.questions}
    severity = {0: "low", 1: "medium", 2: "high"}
    risks = {
        area.code: {"severity": "high" if area.code == "elderly_care" else severity[index % 3]}
        for area in AREAS
        if any(answers[q.code] == "yes" for q in area.questions)
    }
    return answers, risks


def _record(actor, visit, index: int) -> str:
    days_ago = (timezone.localdate() - visit.planned_on).days
    with as_of(days_ago, hour=10 + index % 6):
        if visit.attempt == 1 and index % 10 == 3:
            services.visit_record(actor=actor, visit=visit, outcome="nobody_home")
            return "nobody_home"
        if index % 15 == 7:
            services.visit_record(actor=actor, visit=visit, outcome="refused", note="Hane ziyareti kabul etmedi.")
            return "refused"
        if index % 20 == 11:
            note = "Komşular ailenin Ankara'ya taşındığını bildirdi."
            services.visit_record(actor=actor, visit=visit, outcome="moved", note=note)
            return "moved"
        answers, risks = _answers(index, visit.proposal_reasons)
        services.visit_record(actor=actor, visit=visit, outcome="visited", answers=answers, risks=risks)
        return "visited"


def asdep_scenario(cast) -> dict[str, int]:
    """A done round with its visits and referrals, a planned round with today's visits; what it made."""
    worker, mate, planner = cast["asdep"], extra_user(cast, "asdep2"), cast["supervisor"]
    district_id = cast.merkez.district_id
    sample = Household.objects.filter(district_id=district_id).first()
    services_made = _catalogue(cast, sample)
    first, second = _neighbourhoods(district_id)[:2]
    with as_of(DONE_DAYS_AGO):
        start = timezone.localdate()
        done = services.round_plan(
            actor=planner,
            office=cast.merkez,
            neighbourhoods=[first],
            teams=[[worker, mate]],
            starts_on=start,
            ends_on=start + dt.timedelta(days=6),
            per_day=5,
        )
    outcomes = Counter()
    for index, visit in enumerate(done.visits.order_by("planned_on", "created_at")):
        outcomes[_record(worker, visit, index)] += 1
    for index, retry in enumerate(done.visits.filter(attempt=2)):
        outcomes[_record(mate, retry, index + 1)] += 1
    with as_of(DONE_DAYS_AGO - 9):
        services.round_close(actor=planner, round_=done)
    with as_of(PLANNED_DAYS_AGO):
        start = timezone.localdate()
        planned = services.round_plan(
            actor=planner,
            office=cast.merkez,
            neighbourhoods=[second],
            teams=[[worker, mate]],
            starts_on=start,
            ends_on=start + dt.timedelta(days=13),
        )
    referrals = Referral.objects.filter(source="asdep_visit").count()
    proposed = proposal_frame(day=timezone.localdate(), district_ids=[district_id]).height
    return {
        "services added to the catalogue": services_made,
        "rounds (one done, one planned)": 2,
        "visits made": outcomes["visited"],
        "visits: nobody home, refused, moved": outcomes["nobody_home"] + outcomes["refused"] + outcomes["moved"],
        "referrals from the risks found": referrals,
        "visits planned in the current round": planned.visits.count(),
        "households proposed for the next round": proposed,
    }
