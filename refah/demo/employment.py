"""Employment in the demo: members of approved households referred to İŞKUR — one household sanctioned after three
refusals judged without a valid reason (from this month, so its aid is already reduced), one with an offer
awaiting the answer (the portal shows it) and a refusal for a health reason judged valid, one whose member
started work with the employer's premium support. İŞKUR is not asked here (the simulators run beside the server,
not during the scenario): the referrals wait, and "Ask İŞKUR" on a person's page registers them."""

from __future__ import annotations

import datetime as dt

from django.test.utils import override_settings
from django.utils import timezone

from refah.demo.clock import as_of
from refah.demo.households import members
from refah.eligibility.services import determinations_for_household
from refah.employment import services
from refah.employment.selectors import work_capability

JOBS = [
    ("Depo görevlisi", "Aras Lojistik", 2_450_000, 6),
    ("Temizlik personeli", "Iğdır Devlet Hastanesi yüklenicisi", 2_300_000, 3),
    ("Üretim işçisi", "Iğdır Un Sanayi", 2_600_000, 11),
    ("Garson", "Ağrı Dağı Lokantası", 2_250_000, 2),
]


def _capable(household):
    """The first member the rules find able to work, or None."""
    today = timezone.localdate()
    for person in members(household):
        if work_capability(household=household, person=person, day=today).capable:
            return person
    return None


def _offer(actor, referral, index: int, days_ago: int, answer_in: int = 10):
    title, employer, wage, km = JOBS[index % len(JOBS)]
    with as_of(days_ago):
        today = timezone.localdate()
        return services.offer_record(
            actor=actor,
            referral=referral,
            kind="job",
            title=title,
            employer=employer,
            workplace="Iğdır Merkez",
            distance_km=km,
            monthly_wage_kurus=wage,
            offered_on=today,
            answer_by=today + dt.timedelta(days=answer_in),
        )


def _refused(actor, referral, index: int, days_ago: int, *, reason: str, valid: bool, why: str):
    offer = _offer(actor, referral, index, days_ago)
    with as_of(days_ago - 1):
        services.answer_record(actor=actor, offer=offer, answer="refused", reason=reason)
        services.refusal_decide(actor=actor, offer=offer, valid=valid, justification=why)


def _sanctioned(actor, referral, today) -> None:
    """Three refusals without a valid reason, the last judged last month: sanctioned from this month."""
    for k, days in enumerate((today.day + 22, today.day + 14, today.day + 6)):
        _refused(actor, referral, k, days, reason="no_reason", valid=False, why="Gerekçe gösterilmedi.")


def _waiting(actor, referral, today) -> None:
    """A refusal for a health reason (judged valid), and an offer awaiting the answer."""
    _refused(actor, referral, 1, today.day + 10, reason="health", valid=True, why="Sağlık raporu görüldü.")
    _offer(actor, referral, 2, 2)


def _working(actor, referral, today) -> None:
    """An offer accepted last month; in work since, with the employer's premium support."""
    accepted = _offer(actor, referral, 3, today.day + 20)
    with as_of(today.day + 18):
        services.answer_record(actor=actor, offer=accepted, answer="accepted")
        services.placement_record(
            actor=actor,
            referral=referral,
            employer=accepted.employer,
            started_on=timezone.localdate(),
            monthly_wage_kurus=accepted.monthly_wage_kurus,
            premium_support=True,
            offer=accepted,
        )


def employment_scenario(cast, households: list) -> dict[str, int]:
    """Refer a member of each of the first three households that have one able to work (last month): one is
    sanctioned, one has an offer to answer, one is in work. Counts for the summary."""
    caseworker = cast["caseworker"]
    chosen = [(h, p) for h, p in ((h, _capable(h)) for h in households) if p is not None][:3]
    today = timezone.localdate()
    with override_settings(REFAH_SOURCES={"iskur": {"url": ""}}):
        for (household, person), story in zip(chosen, (_sanctioned, _waiting, _working), strict=False):
            with as_of(today.day + 25):
                referral = services.referral_create(actor=caseworker, person=person)
            story(caseworker, referral, today)
            determinations_for_household(household=household, period=today.replace(day=1))
    return {
        "members referred to İŞKUR": len(chosen),
        "sanctions for refusing work": int(len(chosen) > 0),
        "started work (premium support)": int(len(chosen) > 2),
    }
