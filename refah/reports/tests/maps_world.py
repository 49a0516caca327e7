"""A small hand-built world for the risk map tests (March 2025, Iğdır): its figures are worked out by hand in the
tests. Merkez has the neighbourhoods BAĞLAR (h1–h4) and ZAFER (h5–h7), Tuzluca has CUMHURİYET (h8–h10)."""

import datetime as dt
import itertools
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone

from refah.care.models import Placement, ProtectionDecision
from refah.care.tests.factories import InstitutionFactory
from refah.eligibility.models import Determination
from refah.geo.models import District
from refah.payments.models import Entitlement, PaymentBatch, PaymentCycle, PaymentLine
from refah.registry import enums
from refah.registry.models import SchoolAttendance
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, NeighbourhoodFactory, PersonFactory

PERIOD = dt.date(2025, 3, 1)
_seq = itertools.count()


@dataclass
class World:
    merkez: District
    tuzluca: District
    households: dict = field(default_factory=dict)
    persons: dict = field(default_factory=dict)
    neighbourhoods: dict = field(default_factory=dict)


def _born(age: int) -> dt.date:
    return dt.date(PERIOD.year - age, 1, 15)


def _person(world, household, name, age, role=enums.Role.OTHER, **fields):
    person = PersonFactory(birth_date=_born(age), first_name=name, marital_status=enums.MaritalStatus.SINGLE, **fields)
    MembershipFactory(household=household, person=person, role=role, joined_on=dt.date(2000, 1, 1))
    world.persons[name] = person
    return person


def _household(world, key, neighbourhood, *members):
    household = HouseholdFactory(district=neighbourhood.district, neighbourhood=neighbourhood)
    world.households[key] = household
    for i, (name, age, fields) in enumerate(members):
        _person(world, household, name, age, enums.Role.REFERENCE if i == 0 else enums.Role.OTHER, **fields)
    return household


def _score(household, score, *, program="social_market", period=PERIOD, eligible=False):
    Determination.objects.create(
        household=household,
        program=program,
        period=period,
        eligible=eligible,
        amount_kurus=0,
        frequency="monthly",
        rulebook_version="test",
        input_hash=f"h{next(_seq):063d}",
        need_score=score,
    )


def build(user, office) -> World:
    """The world; `user` records the care and payment rows, `office` makes the payment batch."""
    merkez, tuzluca = District.objects.get(pcode="TUR076002"), District.objects.get(pcode="TUR076004")
    w = World(merkez, tuzluca)
    baglar = w.neighbourhoods["BAĞLAR"] = NeighbourhoodFactory(district=merkez, name="BAĞLAR")
    zafer = w.neighbourhoods["ZAFER"] = NeighbourhoodFactory(district=merkez, name="ZAFER")
    cumhuriyet = w.neighbourhoods["CUMHURİYET"] = NeighbourhoodFactory(district=tuzluca, name="CUMHURİYET")
    primary = {"school_level": enums.SchoolLevel.PRIMARY}
    out = {"school_level": enums.SchoolLevel.OUT_OF_SCHOOL}
    _household(w, "h1", baglar, ("Hasan", 70, {"disability_percent": 50}))
    _household(w, "h2", baglar, ("Hatice", 80, {}))
    _household(w, "h3", baglar, ("Ali", 70, {}), ("Zehra", 68, {}))
    _household(
        w,
        "h4",
        baglar,
        ("Murat", 40, {"disability_percent": 40}),
        ("Ece", 10, primary),
        ("Can", 12, out),
        ("Deniz", 15, {"school_level": enums.SchoolLevel.UPPER_SECONDARY}),
    )
    _household(w, "h5", zafer, ("Kemal", 40, {}), ("Sena", 9, out), ("Arda", 8, out))
    _household(w, "h6", zafer, ("Nuri", 66, {"disability_percent": 60}))
    _household(w, "h7", zafer, ("Selim", 45, {"disability_percent": 45}))
    _household(w, "h8", cumhuriyet, ("Fadime", 75, {}))
    _household(w, "h9", cumhuriyet, ("Osman", 72, {}))
    _household(w, "h10", cumhuriyet, ("Leyla", 30, {}), ("Ada", 5, {}), ("Efe", 3, {}))
    # a member who left, and one who died, before the period: counted nowhere
    gone = _person(w, w.households["h2"], "Gone", 90)
    gone.memberships.update(left_on=dt.date(2024, 12, 31))
    _person(w, w.households["h8"], "Late", 85, deceased_on=dt.date(2025, 1, 2))
    # Deniz (15): absent 12 days in February (the latest month up to the period); Ece's old absence is superseded
    SchoolAttendance.objects.create(person=w.persons["Deniz"], month=dt.date(2025, 2, 1), absence_days=12)
    SchoolAttendance.objects.create(person=w.persons["Ece"], month=dt.date(2025, 1, 1), absence_days=15)
    SchoolAttendance.objects.create(person=w.persons["Ece"], month=dt.date(2025, 2, 1), absence_days=1)
    SchoolAttendance.objects.create(person=w.persons["Ece"], month=dt.date(2025, 4, 1), absence_days=20)
    # need scores (cut-off 40: the lowest programme cut-off); h1 scored by two programmes, h2 needy only in February
    for key, score in (("h1", 60), ("h2", 30), ("h3", 45), ("h4", 39.9), ("h5", 80), ("h6", 10)):
        _score(w.households[key], score)
    for key, score in (("h8", 50), ("h9", 20), ("h10", 55)):
        _score(w.households[key], score)
    _score(w.households["h1"], 60, program="heating_aid")
    _score(w.households["h2"], 90, period=dt.date(2025, 2, 1))
    # care: Nuri placed in an elderly home; Selim's household has a home-care allowance (January: within 3 months)
    home = InstitutionFactory(office=office, district=merkez)
    Placement.objects.create(
        person=w.persons["Nuri"],
        household=w.households["h6"],
        institution=home,
        started_on=dt.date(2024, 5, 1),
        placed_by=user,
    )
    _score(w.households["h7"], 35, program="home_care", period=dt.date(2025, 1, 1), eligible=True)
    # child protection: Ece's decision in force, Can's ended before the period, Arda's in force, Sena's after it
    for child, key, decided, closed in (
        ("Ece", "h4", dt.date(2024, 1, 10), None),
        ("Can", "h4", dt.date(2024, 5, 1), dt.date(2025, 1, 20)),
        ("Arda", "h5", dt.date(2024, 6, 1), None),
        ("Sena", "h5", dt.date(2025, 4, 2), None),
    ):
        ProtectionDecision.objects.create(
            child=w.persons[child],
            household=w.households[key],
            kind="protection",
            court="Iğdır 1. Aile Mahkemesi",
            decided_on=decided,
            review_on=dt.date(2025, 12, 1),
            status="closed" if closed else "active",
            closed_on=closed,
            recorded_by=user,
        )
    # payments: h1 1,000 TL, h2 500 TL, h5 2,000 TL paid for March; h8's line failed; h9 paid for February
    cycle = PaymentCycle.objects.create(program="social_market", period_start=PERIOD, kind="monthly", created_by=user)
    february = PaymentCycle.objects.create(
        program="social_market", period_start=dt.date(2025, 2, 1), kind="monthly", created_by=user
    )
    batch = PaymentBatch.objects.create(
        cycle=cycle,
        office=office,
        channel="bank",
        debtor_name="SYDV",
        debtor_iban="TR000000000000000000000000",
        execution_date=PERIOD,
        created_by=user,
    )
    for key, kurus, status, on in (
        ("h1", 100_000, "paid", cycle),
        ("h2", 50_000, "paid", cycle),
        ("h5", 200_000, "paid", cycle),
        ("h8", 70_000, "failed", cycle),
        ("h9", 90_000, "paid", february),
    ):
        entitlement = Entitlement.objects.create(
            cycle=on,
            household=w.households[key],
            program="social_market",
            period_start=on.period_start,
            amount_kurus=kurus,
            channel="bank",
            inputs_hash="x",
            created_at=timezone.now(),
        )
        PaymentLine.objects.create(batch=batch, entitlement=entitlement, amount_kurus=kurus, status=status)
    # a sealed shelter case of h10 (ŞÖNİM): never counted on a map
    unit = apps.get_model("shelters", "SealedUnit").objects.create(
        kind="shelter", name="Gizli Konukevi", province=tuzluca.province, district=tuzluca, capacity=3
    )
    apps.get_model("shelters", "ProtectionCase").objects.create(
        unit=unit,
        reference="SC-0001",
        household=w.households["h10"],
        person=w.persons["Ada"],
        opened_on=dt.date(2025, 1, 5),
        source="walk_in",
        intake_reason="-",
    )
    return w
