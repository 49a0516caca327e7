"""round_plan: the households of the chosen neighbourhoods, proposed ones first, then never or least recently
visited, split evenly across two-person teams; bad input refused with its field and nothing stored."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.asdep import errors
from refah.asdep.enums import ProposalReason, RoundStatus
from refah.asdep.models import Round, Visit
from refah.asdep.services import round_close, visit_record
from refah.asdep.tests.conftest import all_no, elderly_alone, family, plan
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.common.errors import PermissionDeniedError, RefahError
from refah.registry.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_plan_by_neighbourhood_proposed_first_split_evenly(make_staff, office_merkez, planner, workers, baglar, merkez):
    a, b = workers
    c, d = make_staff(office_merkez, Role.ASDEP_WORKER), make_staff(office_merkez, Role.ASDEP_WORKER)
    ordinary = [family(baglar, f"Aile{i}") for i in range(5)]
    alone = elderly_alone(baglar)
    elsewhere = family(NeighbourhoodFactory(district=merkez, name="ŞEHİTLER"))
    round_ = plan(planner, office_merkez, [baglar], [[a, b], [c, d]])
    visits = list(round_.visits.order_by("planned_on", "created_at"))
    households = {v.household_id for v in visits}
    assert households == {h.pk for h in [*ordinary, alone]} and elsewhere.pk not in households
    first = min(visits, key=lambda v: (v.planned_on, v.team.number))
    assert first.household == alone and first.proposal_reasons == [ProposalReason.ELDERLY_ALONE]
    per_team = sorted(round_.visits.filter(team=t).count() for t in round_.teams.all())
    assert per_team == [3, 3]
    assert all(t.members.count() == 2 for t in round_.teams.all())
    assert round_.status == RoundStatus.PLANNED
    event = AuditEvent.objects.get(action=AuditAction.ASDEP_ROUND_PLAN, object_id=str(round_.pk))
    assert event.after["visits"] == 6 and event.after["proposed"] == 1


def test_never_visited_before_least_recently_visited(office_merkez, planner, workers, baglar, catalogue):
    seen, fresh = family(baglar, "Görülen"), family(baglar, "Yeni")
    first = plan(planner, office_merkez, [baglar], [workers])
    visit = first.visits.get(household=seen)
    visit_record(actor=workers[0], visit=visit, outcome="visited", answers=all_no())
    first.visits.filter(household=fresh).delete()
    round_close(actor=planner, round_=first)
    second = plan(planner, office_merkez, [baglar], [workers], per_day=1, days=1)
    assert [v.household for v in second.visits.all()] == [fresh]  # one place: the household never visited


def test_capacity_is_working_days_times_visits_a_day(office_merkez, planner, workers, baglar):
    for i in range(8):
        family(baglar, f"Aile{i}")
    round_ = plan(planner, office_merkez, [baglar], [workers], per_day=2, days=1)
    assert round_.visits.count() == 2


def test_bad_input_is_refused_and_nothing_stored(
    make_staff, office_merkez, office_tuzluca, planner, workers, baglar, tuzluca
):
    family(baglar)
    a, b = workers
    caseworker = make_staff(office_merkez, Role.CASEWORKER)  # plans, but does not visit
    other = make_staff(office_tuzluca, Role.ASDEP_WORKER)
    today = timezone.localdate()
    cases = [
        ({"teams": [[a, a]]}, "teams"),
        ({"teams": [[a, caseworker]]}, "teams"),
        ({"teams": [[a, other]]}, "teams"),
        ({"teams": [[a, b], [b, make_staff(office_merkez, Role.ASDEP_WORKER)]]}, "teams"),
        ({"teams": []}, "teams"),
        ({"neighbourhoods": [NeighbourhoodFactory(district=tuzluca, name="KÖY")]}, "neighbourhoods"),
        ({"neighbourhoods": []}, "neighbourhoods"),
        ({"office": office_tuzluca}, "office"),
        ({"starts_on": today - dt.timedelta(days=1)}, "starts_on"),
        ({"ends_on": today - dt.timedelta(days=1), "starts_on": today}, "ends_on"),
    ]
    from refah.asdep.services import round_plan

    for change, field in cases:
        kwargs = {
            "actor": planner,
            "office": office_merkez,
            "neighbourhoods": [baglar],
            "teams": [[a, b]],
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=4),
        } | change
        with pytest.raises(RefahError) as caught:
            round_plan(**kwargs)
        assert caught.value.field == field, change
    assert not Round.objects.exists() and not Visit.objects.exists()
    with pytest.raises(PermissionDeniedError):
        plan(a, office_merkez, [baglar], [[a, b]])  # ASDEP workers visit, they do not plan
    assert str(errors.ERR_TEAM_TWO)
