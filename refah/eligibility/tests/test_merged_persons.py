"""A person registered twice and merged counts once, with what both records knew, in both readers of the rules
(one household, and the whole registry in columns), on any day: a merge corrects the past too."""

import datetime as dt

import pytest

from refah.eligibility import db_batch
from refah.eligibility.selectors import household_inputs
from refah.registry import enums
from refah.registry.models import Membership
from refah.registry.services import person_merge, person_merge_undo
from refah.registry.tests.factories import IncomeFactory, MembershipFactory, PersonFactory

from .test_determinations import DAY, make_household

pytestmark = pytest.mark.django_db


def _batch(household) -> tuple[int, dict[str, int]]:
    """(persons, income by kind) of the household as the whole-registry reader reads it on DAY."""
    frames = db_batch.registry_read(day=DAY, household_ids=[household.pk])
    by_kind: dict[str, int] = {}
    for kind, kurus in zip(frames.incomes["kind"].to_list(), frames.incomes["monthly_kurus"].to_list(), strict=True):
        by_kind[kind] = by_kind.get(kind, 0) + kurus
    return frames.persons.height, by_kind


def _one(household) -> tuple[int, list[str]]:
    """(members, their incomes) as the one-household reader reads it on DAY."""
    members = household_inputs(household=household, day=DAY)["members"]
    return len(members), sorted(m["monthly_income"] for m in members)


@pytest.fixture
def twice():
    """The father recorded a second time in his household (by another institution, without a number), with the
    same declared wage typed again and an SGK pension."""
    household = make_household(wage_kurus=500_000)
    father = Membership.objects.get(household=household, role=enums.Role.SPOUSE).person
    second = PersonFactory(
        national_id=None, id_kind=enums.IdKind.INTERNAL, first_name=father.first_name, sex=enums.Sex.MALE
    )
    MembershipFactory(household=household, person=second, role=enums.Role.OTHER, joined_on=dt.date(2019, 1, 1))
    IncomeFactory(person=second, amount_kurus=500_000)
    IncomeFactory(person=second, kind=enums.IncomeKind.PENSION, amount_kurus=300_000, source=enums.DataSource.SGK)
    return household, father, second


def test_a_merged_person_is_counted_once_by_both_readers(caseworker, twice):
    household, father, second = twice
    # Before: five people, the wage counted twice (5,000 + 5,000) and the pension on the second record.
    assert _batch(household) == (5, {"wage": 1_000_000, "pension": 300_000})
    assert _one(household) == (5, ["0.00", "0.00", "0.00", "5000.00", "8000.00"])
    merge = person_merge(actor=caseworker, keep=father, drop=second, reason="Aynı kişi.")
    # After: four, the wage once, the pension the father's (5,000 + 3,000), on DAY, before the merge was made.
    assert _batch(household) == (4, {"wage": 500_000, "pension": 300_000})
    assert _one(household) == (4, ["0.00", "0.00", "0.00", "8000.00"])
    person_merge_undo(actor=caseworker, merge_id=merge.pk, reason="Yanlış.")
    assert _batch(household) == (5, {"wage": 1_000_000, "pension": 300_000})
