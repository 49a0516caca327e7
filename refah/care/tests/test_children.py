"""Children: protection decisions (a child, a court, a later review; ended with a reason, SED among them), foster
families never above their capacity, adoption records behind their own permission, the crèche quota (ceil of
3 % of capacity, only for children the free crèche rule finds eligible), the household page's lines."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.care import errors, selectors
from refah.care.creche import quota
from refah.care.enums import DecisionStatus, InstitutionKind
from refah.care.models import CrecheAllocation, FosterFamily, FosterPlacement, ProtectionDecision
from refah.care.selectors.household import household_lines
from refah.care.services import (
    adoption_advance,
    adoption_create,
    creche_allocate,
    creche_end,
    decision_close,
    decision_record,
    foster_end,
    foster_family_approve,
    foster_place,
)
from refah.care.tests.factories import InstitutionFactory, person_in
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.eligibility.models import Determination
from refah.registry.tests.factories import HouseholdFactory, household_with_members

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _child(household):
    return household.memberships.filter(role="child").first().person


def _eligible(household, program: str, eligible: bool = True):
    return Determination.objects.create(
        household=household,
        program=program,
        period=TODAY.replace(day=1),
        eligible=eligible,
        frequency="monthly",
        rulebook_version="t",
        input_hash="t",
    )


def test_a_decision_and_its_end_with_sed(social_worker, merkez):
    household = household_with_members(merkez)
    child = _child(household)
    decision = decision_record(
        actor=social_worker,
        child=child,
        household=household,
        kind="care",
        court="Iğdır 1. Aile Mahkemesi",
        decided_on=TODAY - dt.timedelta(days=30),
        review_on=TODAY + dt.timedelta(days=150),
    )
    closed = decision_close(actor=social_worker, decision=decision, closed_on=TODAY, reason="returned_with_sed")
    assert closed.status == DecisionStatus.CLOSED and closed.close_reason == "returned_with_sed"
    with pytest.raises(ConflictError):
        decision_close(actor=social_worker, decision=decision, closed_on=TODAY, reason="other")
    actions = AuditEvent.objects.filter(object_id=str(decision.pk)).values_list("action", flat=True)
    assert sorted(actions) == sorted([AuditAction.PROTECTION_DECISION_RECORD, AuditAction.PROTECTION_DECISION_CLOSE])


def test_a_decision_refuses_an_adult_no_court_and_an_early_review(social_worker, merkez):
    household = household_with_members(merkez)
    adult = household.memberships.get(role="reference").person
    base = dict(kind="protection", court="Mahkeme", decided_on=TODAY, review_on=TODAY + dt.timedelta(days=90))
    cases = [
        ({"child": adult}, "child"),
        ({"child": _child(household), "court": " "}, "court"),
        ({"child": _child(household), "review_on": TODAY}, "review_on"),
    ]
    for change, field in cases:
        with pytest.raises(RefahError) as refused:
            decision_record(actor=social_worker, household=household, **{**base, **change})
        assert refused.value.field == field
    assert not ProtectionDecision.objects.exists()


def test_the_childs_record_shows_the_families_sed(social_worker, merkez):
    household = household_with_members(merkez)
    _eligible(household, "sed")
    record = selectors.child_record(user=social_worker, child_id=_child(household).pk)
    assert [s["determination"].eligible for s in record.sed] == [True]
    assert record.adoptions is None  # a social worker has no adoption permission


def test_foster_family_never_above_its_capacity(social_worker, merkez):
    family = foster_family_approve(
        actor=social_worker, household=HouseholdFactory(district=merkez), kind="paid", approved_on=TODAY, capacity=1
    )
    first, second = household_with_members(merkez), household_with_members(merkez)
    placed = foster_place(actor=social_worker, family=family, child=_child(first), household=first, started_on=TODAY)
    with pytest.raises(ConflictError) as refused:
        foster_place(actor=social_worker, family=family, child=_child(second), household=second, started_on=TODAY)
    assert str(refused.value.message) == str(errors.ERR_FOSTER_FULL % {"current": 1, "capacity": 1})
    assert FosterPlacement.objects.count() == 1 and FosterFamily.objects.get().current == 1
    foster_end(actor=social_worker, placement=placed, ended_on=TODAY, note="Ailesine döndü.")
    foster_place(actor=social_worker, family=family, child=_child(second), household=second, started_on=TODAY)
    assert FosterFamily.objects.get().current == 1


def test_foster_capacity_bounds_and_own_household(social_worker, merkez):
    household = household_with_members(merkez)
    for capacity in (0, 5):
        with pytest.raises(RefahError):
            foster_family_approve(
                actor=social_worker, household=household, kind="paid", approved_on=TODAY, capacity=capacity
            )
    family = foster_family_approve(
        actor=social_worker, household=household, kind="volunteer", approved_on=TODAY, capacity=2
    )
    with pytest.raises(RefahError):
        foster_place(actor=social_worker, family=family, child=_child(household), household=household, started_on=TODAY)


def test_adoption_needs_its_permission_and_moves_stage_by_stage(social_worker, supervisor, merkez):
    household, adoptive = household_with_members(merkez), HouseholdFactory(district=merkez)
    child = _child(household)
    with pytest.raises(PermissionDeniedError):
        adoption_create(
            actor=social_worker, child=child, household=household, adoptive_household=adoptive, applied_on=TODAY
        )
    record = adoption_create(
        actor=supervisor, child=child, household=household, adoptive_household=adoptive, applied_on=TODAY
    )
    with pytest.raises(PermissionDeniedError):
        selectors.adoption_list(user=social_worker)
    record = adoption_advance(actor=supervisor, record=record, day=TODAY)
    with pytest.raises(RefahError):
        adoption_advance(actor=supervisor, record=record, day=TODAY)  # the court is required
    record = adoption_advance(actor=supervisor, record=record, day=TODAY, court="Iğdır Aile Mahkemesi")
    assert record.stage == "decided"
    with pytest.raises(ConflictError):
        adoption_advance(actor=supervisor, record=record, day=TODAY, court="x")


@pytest.fixture
def creche(directorate, merkez):
    # 40 places × 3 % = 1.2 → 2 free places
    return InstitutionFactory(
        kind=InstitutionKind.PRIVATE_CRECHE,
        ownership="private",
        mode="day",
        capacity=40,
        office=None,
        operator_name="Özel Kreş Ltd.",
        district=merkez,
    )


def test_quota_is_the_ceiling_of_three_percent(creche):
    assert quota(creche, TODAY) == 2
    creche.capacity = 100
    assert quota(creche, TODAY) == 3  # exactly 3, no rounding up of an exact share
    creche.capacity = 101
    assert quota(creche, TODAY) == 4


def test_free_places_only_for_eligible_children_and_never_above_the_quota(social_worker, creche, merkez):
    toddlers = []
    for _ in range(3):
        household = HouseholdFactory(district=merkez)
        toddlers.append((household, person_in(household, age=3)))
    not_eligible = toddlers[0]
    _eligible(not_eligible[0], "free_creche", eligible=False)
    with pytest.raises(RefahError) as refused:
        creche_allocate(actor=social_worker, creche=creche, child=not_eligible[1], household=not_eligible[0])
    assert refused.value.field == "child"
    for household, _toddler in toddlers:
        Determination.objects.filter(household=household).delete()
        _eligible(household, "free_creche")
    given = [creche_allocate(actor=social_worker, creche=creche, child=c, household=h) for h, c in toddlers[:2]]
    with pytest.raises(ConflictError) as refused:
        creche_allocate(actor=social_worker, creche=creche, child=toddlers[2][1], household=toddlers[2][0])
    assert str(refused.value.message) == str(errors.ERR_CRECHE_QUOTA % {"name": creche.name, "used": 2, "quota": 2})
    assert CrecheAllocation.objects.count() == 2
    creche_end(actor=social_worker, allocation=given[0], ended_on=TODAY)
    creche_allocate(actor=social_worker, creche=creche, child=toddlers[2][1], household=toddlers[2][0])


def test_an_older_child_is_not_eligible_for_a_creche(social_worker, creche, merkez):
    household = HouseholdFactory(district=merkez)
    older = person_in(household, age=7)
    _eligible(household, "free_creche")
    with pytest.raises(RefahError):
        creche_allocate(actor=social_worker, creche=creche, child=older, household=household)


def test_household_lines_follow_the_permissions(social_worker, make_staff, office_merkez, merkez):
    household = household_with_members(merkez)
    decision_record(
        actor=social_worker,
        child=_child(household),
        household=household,
        kind="counselling",
        court="Iğdır Aile Mahkemesi",
        decided_on=TODAY,
        review_on=TODAY + dt.timedelta(days=90),
    )
    with translation.override("en"):
        lines = household_lines(user=social_worker, household=household)
    assert [line.family for line in lines] == ["Protection decision"]
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    assert household_lines(user=caseworker, household=household) == []
