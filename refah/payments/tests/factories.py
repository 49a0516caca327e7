"""Rows for payments tests, written directly: a household with its members, a determination, a decision."""

import datetime as dt
import itertools
import uuid

from django.utils import timezone

from refah.cases.models import Application, ProgramDecision
from refah.eligibility.context import Context
from refah.eligibility.entities import batch_from_household
from refah.eligibility.models import Determination
from refah.eligibility.params import ParameterSet
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.selectors import custom_program_approved, household_reading
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

PERIOD = dt.date(2025, 3, 1)
_seq = itertools.count()


def family(district=None, *, woman: bool = True):
    """Reference man, (optionally) a spouse woman and a daughter of 10; returns (household, spouse or None)."""
    household = HouseholdFactory(**({"district": district} if district else {}))
    MembershipFactory(
        household=household, role=enums.Role.REFERENCE, person=PersonFactory(sex="M", first_name="Mehmet")
    )
    spouse = None
    if woman:
        spouse = PersonFactory(sex="F", first_name="Ayşe", birth_date=dt.date(1988, 2, 1))
        MembershipFactory(household=household, role=enums.Role.SPOUSE, person=spouse)
    MembershipFactory(
        household=household,
        role=enums.Role.CHILD,
        person=PersonFactory(sex="F", first_name="Elif", birth_date=dt.date(2015, 1, 1), marital_status="single"),
    )
    return household, spouse


def engine_recipient(household, program: str, period=PERIOD):
    """The member the engine chooses to pay (the program's declared recipient kind) on the household as registered,
    as the determination writer stores it: the cycle pays the determination's recipient."""
    reading = household_reading(household=household, day=period)
    if reading is None:
        return None
    data, person_ids = reading
    kind = getattr(PROGRAMS.get(program) or custom_program_approved(code=program), "RECIPIENT", "woman")
    row = int(Context(batch_from_household(data), period, ParameterSet(period), resolve=None).recipient(kind)[0])
    return uuid.UUID(person_ids[row]) if row >= 0 else None


def determination(household, program: str, amount_kurus: int, *, period=PERIOD, eligible=True, unit="TRY"):
    return Determination.objects.create(
        recipient_id=engine_recipient(household, program, period) if eligible else None,
        household=household,
        program=program,
        period=period,
        eligible=eligible,
        amount_kurus=amount_kurus if eligible else 0,
        frequency="monthly",
        unit=unit,
        rulebook_version="test",
        input_hash=f"h{next(_seq):063d}",
    )


def decision(household, program: str, *, office, user, amount_kurus=None, decided_at=None):
    application = Application.objects.create(
        reference=f"A{next(_seq):09d}",
        household=household,
        office=office,
        channel="counter",
        due_on=PERIOD,
    )
    return ProgramDecision.objects.create(
        application=application,
        household=household,
        program=program,
        round=1,
        outcome="approved",
        amount_kurus=amount_kurus,
        meeting_ref="2025/03",
        decided_at=decided_at or timezone.make_aware(dt.datetime(2025, 2, 10, 10, 0)),
        decided_by=user,
    )


def entitled(household, program: str, amount_kurus: int, *, office, user, period=PERIOD):
    """An eligible determination and an approved decision: the household is owed the amount."""
    determination(household, program, amount_kurus, period=period)
    decision(household, program, office=office, user=user)
