"""Specialised services in the demo: the Iğdır institutions the booklet lists, with their capacities (the Umut Evi
full, the others part-full), residents placed over the last months, waiting lists ordered by the published
priority (one entry from an ASDEP referral when the catalogue has an elderly care service), one discharge this
week whose place is offered to the top of the list, children's protection decisions (one ended with the return to
the family on SED), a foster family with a child, an adoption application, the private crèches' free places."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from refah.accounts.enums import OfficeKind
from refah.accounts.models import Office
from refah.care import services
from refah.care.enums import InstitutionKind as K
from refah.casework.enums import ReferralSource, ServiceKind
from refah.casework.selectors import service_for_household
from refah.casework.services import referral_create
from refah.demo.clock import as_of
from refah.eligibility.models import Determination
from refah.geo.models import District
from refah.registry.models import Household, Person

# name, kind, ownership, mode, capacity, units, operator
INSTITUTIONS = [
    ("Iğdır Huzurevi Yaşlı Bakım ve Rehabilitasyon Merkezi", K.ELDERLY_HOME, "public", "residential", 60, 1, ""),
    ("Özel Ağrı Dağı Huzurevi", K.ELDERLY_HOME, "private", "residential", 24, 1, "Ağrı Dağı Sağlık Hizmetleri Ltd."),
    ("Iğdır Yaşlı Gündüz Yaşam Merkezi", K.ELDERLY_DAY_CENTRE, "public", "day", 30, 1, ""),
    ("Iğdır Engelli Bakım ve Rehabilitasyon Merkezi", K.CARE_REHAB_CENTRE, "public", "day", 40, 1, ""),
    ("Iğdır Umut Evi", K.UMUT_EVI, "public", "residential", 4, 1, ""),
    ("Iğdır Çocuk Evleri Sitesi", K.CHILD_HOME_SITE, "public", "residential", 22, 2, ""),
    ("Iğdır Merkez Çocuk Evi", K.CHILD_HOME, "public", "residential", 6, 1, ""),
    ("Özel Minik Eller Kreşi", K.PRIVATE_CRECHE, "private", "day", 40, 1, "Minik Eller Eğitim Ltd."),
    ("Özel Aras Kreş ve Gündüz Bakımevi", K.PRIVATE_CRECHE, "private", "day", 67, 1, "Aras Eğitim A.Ş."),
]
COURT = "Iğdır 1. Aile Mahkemesi"
# The provincial supervisor places, discharges and records the children's files: a household's history shows the
# acting user's name, and the crawl (demo/tests/test_browser_crawl.py) reads "social_worker" there as a code.
WORKER = "supervisor"


def _born_before(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def _people(district, q: Q, count: int, used: set) -> list[tuple[Person, Household]]:
    """The first `count` current members of the district's households matching `q`, one a household and each
    household once in the whole scenario (`used` holds the households taken)."""
    rows = (
        Person.objects.filter(q, memberships__left_on__isnull=True, memberships__household__district=district)
        .exclude(memberships__household_id__in=used)
        .values_list("pk", "memberships__household_id")
        .order_by("pk")[: count * 4]
    )
    found = []
    for person_id, household_id in rows:
        if household_id in used:
            continue
        used.add(household_id)
        found.append((Person.objects.get(pk=person_id), Household.objects.get(pk=household_id)))
        if len(found) == count:
            break
    return found


def _institutions(cast, district) -> dict:
    supervisor = cast["supervisor"]
    directorate = Office.objects.get(kind=OfficeKind.DIRECTORATE, province_id=district.province_id)
    made = {}
    with as_of(200):
        for name, kind, ownership, mode, capacity, units, operator in INSTITUTIONS:
            made[name] = services.institution_create(
                actor=supervisor,
                name=name,
                kind=kind,
                ownership=ownership,
                mode=mode,
                district=district,
                capacity=capacity,
                units=units,
                office=directorate if ownership == "public" else None,
                operator_name=operator,
            )
    return made


def _place(actor, institution, people, days_ago: int) -> list:
    placed = []
    for n, (person, household) in enumerate(people):
        with as_of(days_ago - 3 * n):
            placed.append(
                services.placement_create(actor=actor, institution=institution, person=person, household=household)
            )
    return placed


def _wait(actor, people, kind: str, days_ago: int) -> list:
    entries = []
    for n, (person, household) in enumerate(people):
        with as_of(days_ago - 5 * n):
            entries.append(services.waiting_add(actor=actor, person=person, household=household, kind=kind))
    return entries


def _from_referral(cast, person, household) -> int:
    """An ASDEP visit's referral to the elderly care service, then the waiting list from it (0 without a service)."""
    if service_for_household(household=household, kind=ServiceKind.ELDERLY_CARE) is None:
        return 0
    with as_of(20):
        referral = referral_create(
            actor=cast["asdep"],
            household=household,
            person=person,
            kind=ServiceKind.ELDERLY_CARE,
            reason="ASDEP ziyareti: yalnız yaşıyor, günlük bakıma muhtaç.",
            source=ReferralSource.ASDEP_VISIT,
        )
    with as_of(15):
        services.waiting_add(
            actor=cast["caseworker"], person=person, household=household, kind=K.ELDERLY_HOME, referral=referral
        )
    return 1


def _elderly_and_disabled(cast, made, district, used) -> dict[str, int]:
    worker = cast[WORKER]
    elderly = Q(birth_date__lte=_born_before(65))
    disabled = Q(disability_percent__gte=40, birth_date__gt=_born_before(60), birth_date__lte=_born_before(18))
    home = made["Iğdır Huzurevi Yaşlı Bakım ve Rehabilitasyon Merkezi"]
    residents = _place(worker, home, _people(district, elderly, home.capacity, used), 400)  # full
    placed = len(residents)
    placed += len(_place(worker, made["Özel Ağrı Dağı Huzurevi"], _people(district, elderly, 5, used), 120))
    placed += len(_place(worker, made["Iğdır Yaşlı Gündüz Yaşam Merkezi"], _people(district, elderly, 9, used), 90))
    umut_residents = _place(worker, made["Iğdır Umut Evi"], _people(district, disabled, 4, used), 150)  # full
    centre = made["Iğdır Engelli Bakım ve Rehabilitasyon Merkezi"]
    placed += len(umut_residents) + len(_place(worker, centre, _people(district, disabled, 11, used), 100))
    waiting = _wait(cast["caseworker"], _people(district, disabled, 3, used), K.UMUT_EVI, 60)
    waiting += _wait(cast["caseworker"], _people(district, elderly, 4, used), K.ELDERLY_HOME, 45)
    referred = sum(_from_referral(cast, p, h) for p, h in _people(district, elderly, 1, used))
    with as_of(2):  # a resident of each full home left: the place is offered to the top of its list
        day = timezone.localdate()
        services.placement_discharge(actor=worker, placement=umut_residents[0], ended_on=day, reason="returned_home")
        services.placement_discharge(actor=worker, placement=residents[0], ended_on=day, reason="died")
    return {
        "institutions": len(made),
        "persons placed in care": placed,
        "persons on waiting lists": len(waiting) + referred,
        "places offered after a discharge": 2,
    }


def _children(cast, made, district, used) -> dict[str, int]:
    worker, today = cast[WORKER], timezone.localdate()
    kids = _people(district, Q(birth_date__gt=_born_before(17), birth_date__lte=_born_before(6)), 7, used)
    decisions = []
    kinds = ("care", "protection", "care", "counselling", "education")
    for n, ((child, household), kind) in enumerate(zip(kids[:5], kinds, strict=False)):
        with as_of(240 - 30 * n):
            day = timezone.localdate()
            decisions.append(
                services.decision_record(
                    actor=worker,
                    child=child,
                    household=household,
                    kind=kind,
                    court=COURT,
                    decision_no=f"2026/{310 + n}",
                    decided_on=day,
                    review_on=day + dt.timedelta(days=180 if n else 200),
                )
            )
    _place(worker, made["Iğdır Çocuk Evleri Sitesi"], kids[:1], 230)
    _place(worker, made["Iğdır Merkez Çocuk Evi"], kids[2:3], 170)
    with as_of(10):
        services.decision_close(
            actor=worker, decision=decisions[1], closed_on=timezone.localdate(), reason="returned_with_sed"
        )
    foster_household = _people(district, Q(birth_date__lte=_born_before(35), birth_date__gt=_born_before(55)), 1, used)
    family = None
    if foster_household and len(kids) > 3:
        with as_of(300):
            family = services.foster_family_approve(
                actor=worker,
                household=foster_household[0][1],
                kind="volunteer",
                approved_on=timezone.localdate(),
                capacity=2,
            )
        child, household = kids[3]
        with as_of(100):
            services.foster_place(
                actor=worker, family=family, child=child, household=household, started_on=timezone.localdate()
            )
    adoptions = 0
    if len(kids) > 5 and foster_household:
        with as_of(40):
            record = services.adoption_create(
                actor=cast["supervisor"],
                child=kids[5][0],
                household=kids[5][1],
                adoptive_household=foster_household[0][1],
                applied_on=timezone.localdate(),
            )
        with as_of(5):
            services.adoption_advance(actor=cast["supervisor"], record=record, day=timezone.localdate())
        adoptions = 1
    return {
        "protection decisions": len(decisions),
        "foster families": int(family is not None),
        "adoption applications": adoptions,
        "free crèche places": _creche(cast, made, district, used, today),
    }


def _creche(cast, made, district, used, today) -> int:
    """Free places to young children of households the free crèche rule finds eligible this month."""
    eligible = Determination.objects.filter(
        program="free_creche", period=today.replace(day=1), eligible=True, household__district=district
    ).values_list("household_id", flat=True)
    toddlers = _people(
        district, Q(birth_date__gt=_born_before(5), memberships__household_id__in=list(eligible[:200])), 4, used
    )
    given = 0
    for n, (child, household) in enumerate(toddlers):
        creche = made["Özel Minik Eller Kreşi" if n < 2 else "Özel Aras Kreş ve Gündüz Bakımevi"]
        services.creche_allocate(actor=cast[WORKER], creche=creche, child=child, household=household)
        given += 1
    return given


def care_scenario(cast) -> dict[str, int]:
    """Institutions, placements, waiting lists, one offer after a discharge, children's records. Counts for the
    summary."""
    district = District.objects.get(pk=cast.merkez.district_id)
    used: set = set()
    made = _institutions(cast, district)
    return {**_elderly_and_disabled(cast, made, district, used), **_children(cast, made, district, used)}
