import collections

import pytest

from refah.accounts.enums import Role
from refah.cases import services
from refah.cases.enums import Status, VisitStatus
from refah.common.errors import PermissionDeniedError
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def test_assignment_balances_workload(submit, caseworker, make_staff, office_merkez, merkez):
    inspectors = [make_staff(office_merkez, Role.INSPECTOR) for _ in range(3)]
    for _ in range(6):
        application = submit(household_with_members(merkez))
        services.visit_assign(actor=caseworker, application=application)
    loads = services.inspector_workloads(office=office_merkez)
    assert sorted(loads[i] for i in inspectors) == [2, 2, 2]


def test_random_among_equals(make_staff, office_merkez):
    inspectors = [make_staff(office_merkez, Role.INSPECTOR) for _ in range(3)]
    picks = collections.Counter(services.pick_inspector(office=office_merkez) for _ in range(300))
    assert set(picks) == set(inspectors)
    assert min(picks.values()) > 50  # each ~100 of 300


def test_inspector_of_another_office_never_chosen(make_staff, office_merkez, office_tuzluca):
    mine = make_staff(office_merkez, Role.INSPECTOR)
    make_staff(office_tuzluca, Role.INSPECTOR)
    assert {services.pick_inspector(office=office_merkez) for _ in range(20)} == {mine}


def test_visit_updates_registry_with_before_after(submit, household, caseworker, inspector):
    application = submit(household)
    visit = services.visit_assign(actor=caseworker, application=application)
    application.refresh_from_db()
    assert application.status == Status.UNDER_INVESTIGATION
    visit = services.visit_record(
        actor=inspector,
        visit=visit,
        living_conditions="very_poor",
        observations="Damp, one stove.",
        findings={"heating": "stove_wood", "rooms": 1},
        assets=[{"kind": "vehicle", "value_kurus": 5_000_000, "description": "Old Tofaş"}],
        latitude="39.9208",
        longitude="44.0450",
    )
    household.refresh_from_db()
    assert (household.heating, household.rooms) == ("stove_wood", 1)
    changes = {c["what"]: (c["before"], c["after"]) for c in visit.changes}
    assert changes["heating"] == ("stove_coal", "stove_wood")
    assert household.assets.get().description == "Old Tofaş"
    assert visit.status == VisitStatus.DONE and str(visit.latitude) == "39.920800"


def test_only_the_assigned_inspector_records(submit, household, caseworker, inspector, make_staff, office_merkez):
    visit = services.visit_assign(actor=caseworker, application=submit(household))
    other = make_staff(office_merkez, Role.INSPECTOR)
    with pytest.raises(PermissionDeniedError):
        services.visit_record(actor=other, visit=visit, living_conditions="poor", observations="x")
