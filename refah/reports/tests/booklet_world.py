"""A small Iğdır world for the booklet's tests (rows written directly): households of Merkez and Tuzluca with paid,
failed and pending aid of 2024 (and some of 2023), applications and decisions, SHM cases, ASDEP visits, referrals,
child and elderly care, veterans and travel cards, and aid of another giver. The numbers are in WORLD's comments
and in the tests; every test also checks the booklet against the database."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from refah.accounts.enums import Role
from refah.aidrecords.models import AidRecord, Giver
from refah.asdep.models import Round, Team
from refah.asdep.models import Visit as AsdepVisit
from refah.care.models import AdoptionRecord, FosterFamily, FosterPlacement, Placement, ProtectionDecision
from refah.care.tests.factories import InstitutionFactory
from refah.cases.models import Application, ProgramDecision
from refah.casework.models import Referral, SocialCase
from refah.casework.tests.factories import ServiceFactory
from refah.entitlements.models import TravelCard, VeteranRecord
from refah.payments.models import Entitlement, PaymentBatch, PaymentCycle, PaymentLine
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

YEAR = 2024
_seq = itertools.count(1)


def aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10, 0))


@dataclass
class World:
    merkez: list = field(default_factory=list)  # households
    tuzluca: list = field(default_factory=list)
    women: dict = field(default_factory=dict)  # household pk → its reference woman


def _household(district, world: World):
    household = HouseholdFactory(district=district)
    woman = PersonFactory(sex=enums.Sex.FEMALE)
    MembershipFactory(household=household, person=woman, role=enums.Role.REFERENCE)
    world.women[household.pk] = woman
    return household


def _child(household, age: int = 9):
    person = PersonFactory(
        birth_date=dt.date(YEAR - age, 3, 1),
        marital_status=enums.MaritalStatus.SINGLE,
        employment_status=enums.EmploymentStatus.CHILD,
    )
    MembershipFactory(household=household, person=person, role=enums.Role.CHILD)
    return person


def _entitle(world, household, program, amount, *, period=dt.date(YEAR, 3, 1), channel="aid_card", status="paid"):
    cycle, _ = PaymentCycle.objects.get_or_create(program=program, period_start=period, defaults={"kind": "monthly"})
    return Entitlement.objects.create(
        cycle=cycle,
        household=household,
        program=program,
        period_start=period,
        amount_kurus=amount,
        recipient=world.women[household.pk],
        channel=channel,
        inputs_hash=f"h{next(_seq):063d}",
        created_at=aware(period),
        status=status,
    )


def build(*, merkez, tuzluca, office_merkez, office_tuzluca, office_province, make_staff) -> World:
    world = World()
    staff = make_staff(office_province, Role.PROGRAM_MANAGER)
    world.merkez = [_household(merkez, world) for _ in range(12)]
    world.tuzluca = [_household(tuzluca, world) for _ in range(8)]
    m, t = world.merkez, world.tuzluca

    # --- aid: helped Merkez 9 (7 income support on the aid card, 2 home care by bank), Tuzluca 6 (widow aid)
    for h in m[:7]:
        _entitle(world, h, "income_support", 100_000)
    batch = PaymentBatch.objects.create(
        cycle=PaymentCycle.objects.create(program="home_care", period_start=dt.date(YEAR, 4, 1), kind="monthly"),
        office=office_merkez,
        channel="bank",
        debtor_name="Iğdır Merkez SYDV",
        debtor_iban="TR330006100519786457841326",
        execution_date=dt.date(YEAR, 4, 10),
        created_by=staff,
    )
    for h, line_status in ((m[7], "paid"), (m[8], "paid"), (m[9], "failed")):
        ent = _entitle(world, h, "home_care", 907_700, period=dt.date(YEAR, 4, 1), channel="bank", status="batched")
        PaymentLine.objects.create(batch=batch, entitlement=ent, amount_kurus=907_700, status=line_status)
    _entitle(world, m[10], "income_support", 100_000, status="pending")  # not paid
    _entitle(world, m[11], "income_support", 100_000, period=dt.date(YEAR - 1, 12, 1))  # another year
    for h in t[:6]:
        _entitle(world, h, "widow_aid", 100_000)

    # --- applications and decisions of 2024: approved for the 15 helped, 2 refused in Merkez
    for h, outcome in [*((h, "approved") for h in [*m[:9], *t[:6]]), (m[10], "rejected"), (m[11], "rejected")]:
        app = Application.objects.create(
            reference=f"BK{next(_seq):08d}",
            household=h,
            office=office_merkez if h.district_id == merkez.pk else office_tuzluca,
            channel="counter",
            due_on=dt.date(YEAR, 2, 1),
        )
        Application.objects.filter(pk=app.pk).update(created_at=aware(dt.date(YEAR, 1, 5)))
        ProgramDecision.objects.create(
            application=app,
            household=h,
            program="income_support",
            round=1,
            outcome=outcome,
            meeting_ref=f"{YEAR}/02",
            decided_at=aware(dt.date(YEAR, 2, 10)),
            decided_by=staff,
        )

    # --- SHM cases: opened 2024 Merkez 6 (2 closed in 2024), Tuzluca 2; one Merkez case of 2023 still open
    for i, h in enumerate(m[:6]):
        SocialCase.objects.create(
            household=h,
            office=office_province,
            reason="Aile danışmanlığı",
            opened_on=dt.date(YEAR, 3, 1),
            closed_on=dt.date(YEAR, 9, 1) if i < 2 else None,
            status="closed" if i < 2 else "in_progress",
        )
    for h in t[:2]:
        SocialCase.objects.create(household=h, office=office_province, reason="Destek", opened_on=dt.date(YEAR, 5, 2))
    SocialCase.objects.create(
        household=m[6], office=office_province, reason="Destek", opened_on=dt.date(YEAR - 1, 6, 1)
    )

    # --- ASDEP: Merkez 10 visits to 8 households (+1 nobody home), Tuzluca 5 visits to 5
    round_ = Round.objects.create(
        office=office_merkez,
        name="2024",
        starts_on=dt.date(YEAR, 1, 1),
        ends_on=dt.date(YEAR, 12, 31),
        planned_by=staff,
    )
    team = Team.objects.create(round=round_, number=1)
    visited = [*m[:8], m[0], m[1]]
    for h in visited:
        AsdepVisit.objects.create(
            round=round_,
            team=team,
            household=h,
            planned_on=dt.date(YEAR, 5, 1),
            outcome="visited",
            visited_on=dt.date(YEAR, 5, 2),
        )
    AsdepVisit.objects.create(
        round=round_,
        team=team,
        household=m[9],
        planned_on=dt.date(YEAR, 5, 1),
        outcome="nobody_home",
        visited_on=dt.date(YEAR, 5, 2),
    )
    for h in t[:5]:
        AsdepVisit.objects.create(
            round=round_,
            team=team,
            household=h,
            planned_on=dt.date(YEAR, 6, 1),
            outcome="visited",
            visited_on=dt.date(YEAR, 6, 3),
        )

    # --- referrals of 2024: Merkez 5 family counselling + 5 social aid, Tuzluca 5 social aid; one of 2023
    counselling = ServiceFactory(kind="family_counselling", office=office_province)
    aid = ServiceFactory(kind="social_aid", office=office_merkez, provider_kind="sydv")
    for h, service, day in [
        *((h, counselling, dt.date(YEAR, 4, 1)) for h in m[:5]),
        *((h, aid, dt.date(YEAR, 4, 2)) for h in m[:5]),
        *((h, aid, dt.date(YEAR, 4, 3)) for h in t[:5]),
        (m[5], aid, dt.date(YEAR - 1, 4, 3)),
    ]:
        ref = Referral.objects.create(household=h, service=service, source="counter", reason="—", deadline=day)
        Referral.objects.filter(pk=ref.pk).update(created_at=aware(day))

    # --- children: decisions 2024 Merkez 5 care, Tuzluca 1 protection; a child home in Merkez with 5 children on
    # 31 December (and one who left in 2024); a foster child in Tuzluca; an adoption decided in Merkez
    child_home = InstitutionFactory(
        kind="child_home", district=merkez, office=office_province, capacity=8, name="Çocuk Evi"
    )
    for h in m[:5]:
        child = _child(h)
        ProtectionDecision.objects.create(
            child=child,
            household=h,
            kind="care",
            court="Iğdır 1. Aile Mahkemesi",
            decided_on=dt.date(YEAR, 2, 1),
            review_on=dt.date(YEAR + 1, 2, 1),
            recorded_by=staff,
        )
        Placement.objects.create(
            person=child, household=h, institution=child_home, started_on=dt.date(YEAR, 2, 5), placed_by=staff
        )
    Placement.objects.create(
        person=_child(m[5]),
        household=m[5],
        institution=child_home,
        started_on=dt.date(YEAR, 1, 5),
        ended_on=dt.date(YEAR, 6, 1),
        placed_by=staff,
    )
    tchild = _child(t[0])
    ProtectionDecision.objects.create(
        child=tchild,
        household=t[0],
        kind="protection",
        court="Tuzluca Asliye Hukuk",
        decided_on=dt.date(YEAR, 3, 1),
        review_on=dt.date(YEAR + 1, 3, 1),
        recorded_by=staff,
    )
    foster = FosterFamily.objects.create(
        household=t[7], kind="paid", approved_on=dt.date(YEAR - 1, 1, 1), capacity=2, current=1, recorded_by=staff
    )
    FosterPlacement.objects.create(
        child=tchild, household=t[0], family=foster, started_on=dt.date(YEAR, 3, 10), placed_by=staff
    )
    AdoptionRecord.objects.create(
        child=_child(m[6], age=3),
        household=m[6],
        adoptive_household=m[11],
        applied_on=dt.date(YEAR - 1, 5, 1),
        stage="decided",
        decided_on=dt.date(YEAR, 5, 1),
        recorded_by=staff,
    )

    # --- elderly: an elderly home in Merkez of 60 places with 5 residents on 31 December
    elderly_home = InstitutionFactory(district=merkez, office=office_province, name="Iğdır Huzurevi")
    for h in m[:5]:
        person = PersonFactory(birth_date=dt.date(1940, 1, 1))
        MembershipFactory(household=h, person=person, role=enums.Role.PARENT)
        Placement.objects.create(
            person=person, household=h, institution=elderly_home, started_on=dt.date(YEAR, 1, 20), placed_by=staff
        )

    # --- veterans: Merkez 5 veterans, Tuzluca 1 martyr's spouse; travel cards of 2024: Merkez 6 by age, Tuzluca 1
    for h in m[:5]:
        VeteranRecord.objects.create(
            person=world.women[h.pk],
            household=h,
            status="veteran",
            subject_name="Gazi",
            subject_national_id=world.women[h.pk].national_id,
            event_date=dt.date(2016, 7, 15),
            decision_ref="2017/1",
            recorded_by=staff,
        )
    VeteranRecord.objects.create(
        person=world.women[t[1].pk],
        household=t[1],
        status="martyr_spouse",
        subject_name="Şehit",
        subject_national_id="10000000146",
        event_date=dt.date(2019, 1, 1),
        decision_ref="2019/2",
        recorded_by=staff,
    )
    for h in [*m[:6], t[1]]:
        TravelCard.objects.create(
            person=world.women[h.pk],
            household=h,
            basis="age" if h in m else "veteran",
            number=f"9{next(_seq):015d}",
            requested_on=dt.date(YEAR, 2, 1),
            status="delivered",
            issued_on=dt.date(YEAR, 3, 1),
        )

    # --- another giver: the municipality gave 6 food parcels in Merkez in 2024 (500 TL each)
    giver = Giver.objects.create(name="Iğdır Belediyesi", kind="municipality", name_key="igdir belediyesi")
    for i, h in enumerate(m[:6]):
        AidRecord.objects.create(
            giver=giver,
            office=office_merkez,
            submitted_by=staff,
            channel="api",
            idempotency_key=f"k{i}",
            reference=f"R{i}",
            content_hash=f"{i:064d}",
            kind="food",
            need="subsistence",
            amount_kurus=50_000,
            given_on=dt.date(YEAR, 11, 1),
            period_start=dt.date(YEAR, 11, 1),
            period_end=dt.date(YEAR, 11, 30),
            province=merkez.province,
            district=merkez,
            link_status="linked",
            household=h,
        )
    return world
