"""Proposals for the next round, computed over whole columns: elderly living alone, a disabled member without
care, a child of compulsory school age out of school — found; the others, and households of another district,
already visited or with a visit waiting, not."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from refah.accounts.enums import Role
from refah.asdep.enums import ProposalReason as R
from refah.asdep.selectors import proposal_list
from refah.asdep.services import visit_record
from refah.asdep.tests.conftest import all_no, elderly_alone, family, plan, years_ago
from refah.care.enums import CareMode, InstitutionKind
from refah.care.models import Placement
from refah.care.tests.factories import InstitutionFactory
from refah.common.errors import PermissionDeniedError
from refah.eligibility.models import Determination
from refah.registry import enums as E
from refah.registry.models import SchoolAttendance
from refah.registry.tests.factories import MembershipFactory, NeighbourhoodFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _disabled(household, *, percent=60, dependency=E.Dependency.PARTIAL):
    person = PersonFactory(birth_date=years_ago(30), disability_percent=percent, dependency=dependency)
    MembershipFactory(household=household, role=E.Role.CHILD, person=person)
    return person


def _child(household, *, level, age=11):
    person = PersonFactory(
        birth_date=years_ago(age),
        marital_status=E.MaritalStatus.SINGLE,
        employment_status=E.EmploymentStatus.CHILD,
        school_level=level,
    )
    MembershipFactory(household=household, role=E.Role.CHILD, person=person)
    return person


def _placed(person, household):
    """A place in a care and rehabilitation centre (refah.care), written directly as the care tests' factories do."""
    centre = InstitutionFactory(
        kind=InstitutionKind.CARE_REHAB_CENTRE,
        mode=CareMode.DAY,
        district=household.district,
        operator_name="Iğdır Bakım Merkezi",
        capacity=30,
        occupied=1,
    )
    Placement.objects.create(
        person=person, household=household, institution=centre, started_on=dt.date(2025, 1, 6), placed_by=_placer()
    )


def _placer():
    return get_user_model().objects.create(username="yerlestiren")


def _home_care(household):
    Determination.objects.create(
        household=household,
        program="home_care",
        period=timezone.localdate().replace(day=1),
        eligible=True,
        amount_kurus=1_300_000,
        frequency="monthly",
        rulebook_version="test",
        input_hash="x",
    )


def _found(user) -> dict:
    _count, rows = proposal_list(user=user, day=timezone.localdate())
    return {row.household.pk: row.reasons for row in rows}


def test_each_reason_found_and_the_others_not(planner, baglar, tuzluca):
    alone = elderly_alone(baglar)
    disabled = family(baglar, "Engelli")
    _disabled(disabled)
    severe = family(baglar, "Bağımlı")
    _disabled(severe, percent=0, dependency=E.Dependency.FULL)
    cared = family(baglar, "Bakılan")
    _disabled(cared, percent=90, dependency=E.Dependency.FULL)
    _home_care(cared)
    dropout = family(baglar, "Okulsuz")
    _child(dropout, level=E.SchoolLevel.OUT_OF_SCHOOL, age=13)
    absent = family(baglar, "Devamsız")
    child = _child(absent, level=E.SchoolLevel.LOWER_SECONDARY)
    SchoolAttendance.objects.create(person=child, month=timezone.localdate().replace(day=1), absence_days=14)
    toddler = family(baglar, "Küçük")
    _child(toddler, level=E.SchoolLevel.NONE, age=3)
    ordinary = family(baglar, "Sıradan")
    in_day_care = family(baglar, "Gündüzlü")
    _placed(_disabled(in_day_care, dependency=E.Dependency.FULL), in_day_care)
    independent = family(baglar, "Bağımsız")
    _disabled(independent, dependency=E.Dependency.NONE)  # disabled, but needs no care
    six = family(baglar, "Altı")
    _child(six, level=E.SchoolLevel.NONE, age=6)  # first grade starts at 66–72 months
    couple_of_elders = elderly_alone(baglar, "Ali", "Çift")
    MembershipFactory(household=couple_of_elders, role=E.Role.SPOUSE, person=PersonFactory(birth_date=years_ago(75)))
    far = elderly_alone(NeighbourhoodFactory(district=tuzluca, name="ALİKÖSE"))

    found = _found(planner)
    assert found[alone.pk] == [R.ELDERLY_ALONE]
    assert found[disabled.pk] == [R.DISABLED_WITHOUT_CARE]
    assert found[severe.pk] == [R.DISABLED_WITHOUT_CARE]
    assert found[dropout.pk] == [R.CHILD_OUT_OF_SCHOOL]
    assert found[absent.pk] == [R.CHILD_OUT_OF_SCHOOL]
    for not_proposed in (cared, toddler, ordinary, couple_of_elders, far, independent, six, in_day_care):
        assert not_proposed.pk not in found
    heaviest = next(iter(found))
    assert found[heaviest] == [R.DISABLED_WITHOUT_CARE]  # weighs 3, the others 2


def test_a_household_visited_or_waiting_is_not_proposed_again(office_merkez, planner, workers, baglar, catalogue):
    visited, waiting = elderly_alone(baglar, "Ayşe", "Görüldü"), elderly_alone(baglar, "Emine", "Bekliyor")
    round_ = plan(planner, office_merkez, [baglar], [workers])
    visit_record(actor=workers[0], visit=round_.visits.get(household=visited), outcome="visited", answers=all_no())
    found = _found(planner)
    assert visited.pk not in found and waiting.pk not in found


def test_jurisdiction_and_permission(make_staff, office_tuzluca, office_province, baglar):
    alone = elderly_alone(baglar)
    assert alone.pk not in _found(make_staff(office_tuzluca, Role.SUPERVISOR))
    assert alone.pk in _found(make_staff(office_province, Role.SUPERVISOR))
    with pytest.raises(PermissionDeniedError):
        _found(make_staff(office_province, Role.ASDEP_WORKER))


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as context:
        proposal_list(user=user, day=timezone.localdate())
    return len(context)


def test_the_frame_is_one_pass_over_the_registry(planner, baglar):
    for i in range(3):
        elderly_alone(baglar, "Kişi", f"Yalnız{i}")
    _queries(planner)  # the user's permissions read once
    few = _queries(planner)
    for i in range(30):
        elderly_alone(baglar, "Kişi", f"Yine{i}")
    assert _queries(planner) == few  # the same statements for 3 households as for 33: no query per household
    count, rows = proposal_list(user=planner, day=timezone.localdate())
    assert count == 33 and len(rows) == 33
