"""A small world for the outreach and anomaly tests: households in Iğdır Merkez and Tuzluca with an eligible
determination this month, some of which applied."""

import datetime as dt
import itertools

from django.utils import timezone

from refah.cases.services import application_submit
from refah.eligibility.models import Determination
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, IncomeFactory, MembershipFactory, PersonFactory

PROGRAM = "family_support"
_doors = itertools.count(1)


def household(*, district=None, surname="Yılmaz", address="", children=1, wage_kurus=0, phone=""):
    """A mother (reference, surname given), a child per `children`, and her wage when given; at an address of its
    own unless one is given."""
    kw = {"district": district} if district else {}
    h = HouseholdFactory(address_line=address or f"Atatürk Cd. No {next(_doors)}", phone=phone, **kw)
    mother = PersonFactory(last_name=surname, birth_date=dt.date(1985, 5, 17))
    MembershipFactory(household=h, person=mother, role=enums.Role.REFERENCE)
    for i in range(children):
        child = PersonFactory(
            last_name=surname, birth_date=dt.date(2016 + i, 3, 1), marital_status=enums.MaritalStatus.SINGLE,
            employment_status=enums.EmploymentStatus.CHILD,
        )  # fmt: skip
        MembershipFactory(household=h, person=child, role=enums.Role.CHILD, joined_on=child.birth_date)
    if wage_kurus:
        IncomeFactory(person=mother, amount_kurus=wage_kurus)
    return h


def eligible(h, *, program=PROGRAM, eligible=True):
    return Determination.objects.create(
        household=h, program=program, period=timezone.localdate().replace(day=1), eligible=eligible,
        amount_kurus=100_000, frequency="monthly", rulebook_version="test", input_hash="x",
    )  # fmt: skip


def apply(h, actor, programs=(PROGRAM,)):
    today = timezone.localdate()
    adults = [m.person for m in h.memberships.filter(left_on__isnull=True) if m.person.age_on(today) >= 18]
    return application_submit(actor=actor, household=h, programs=list(programs), consents=adults)
