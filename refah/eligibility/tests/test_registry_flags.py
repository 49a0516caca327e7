"""The persons' social-assessment flags and check-ups, as recorded, reach the engine in both reading paths."""

import datetime as dt

import pytest

from refah.eligibility import services
from refah.eligibility.db_batch import registry_read
from refah.eligibility.models import Determination
from refah.eligibility.selectors import household_inputs
from refah.eligibility.tests.test_determinations import DAY, PERIOD, _snapshot, make_household
from refah.registry import enums
from refah.registry.models import Person
from refah.registry.tests.factories import MembershipFactory, PersonFactory

FLAGS = ["sed_risk", "in_state_care", "orphan", "spouse_deceased", "child_checkups_done"]


@pytest.fixture
def widow_household(db):
    """A widowed mother with no income, a school child (orphan, at SED risk) and a toddler with check-ups done."""
    household = make_household(wage_kurus=0, children=1)
    father, mother, child = [m.person for m in household.memberships.order_by("person__birth_date")]
    household.memberships.filter(person=father).delete()
    father.delete()
    Person.objects.filter(pk=mother.pk).update(marital_status=enums.MaritalStatus.WIDOWED, spouse_deceased=True)
    Person.objects.filter(pk=child.pk).update(orphan=True, sed_risk=True)
    toddler = PersonFactory(
        birth_date=dt.date(2023, 1, 10),
        marital_status=enums.MaritalStatus.SINGLE,
        employment_status=enums.EmploymentStatus.CHILD,
        orphan=True,
        child_checkups_done=True,
    )
    MembershipFactory(household=household, person=toddler, role=enums.Role.CHILD, joined_on=toddler.birth_date)
    return household


def test_batch_read_takes_the_recorded_flags(widow_household):
    persons = registry_read(day=DAY).persons.sort("birth_date")

    assert persons.select(FLAGS).rows() == [
        (0, 0, 0, 1, None),  # the widowed mother; check-ups not asked
        (1, 0, 1, 0, None),
        (0, 0, 1, 0, 1),
    ]


def test_one_household_read_takes_the_same_flags(widow_household):
    members = household_inputs(household=widow_household, day=DAY)["members"]

    assert [[member[name] for name in FLAGS] for member in members] == [
        [False, False, False, True, None],
        [True, False, True, False, None],
        [False, False, True, False, True],
    ]


def test_recorded_check_ups_let_cct_health_run_and_both_paths_agree(widow_household):
    counts = services.determinations_run(period=PERIOD)
    batch = _snapshot()
    Determination.objects.all().delete()
    services.determinations_for_household(household=widow_household, period=PERIOD)

    assert "cct_health" not in counts["skipped"]
    assert _snapshot() == batch
    paid = dict(Determination.objects.filter(eligible=True).values_list("program", "amount_kurus"))
    assert {"orphan_aid", "widow_aid"} <= set(paid)


def test_batch_read_works_with_the_debug_cursor(widow_household, settings):
    settings.DEBUG = True  # Django's debug cursor wrapper takes no parameters for COPY on PostgreSQL

    assert registry_read(day=DAY).n_households == 1
