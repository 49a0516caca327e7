"""Institutions: every kind's capacity bounds (a child home site per unit), ownership and care of the kind, the
capacity never below the persons living there."""

import pytest

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.care import errors
from refah.care.enums import CareMode, InstitutionKind, Ownership
from refah.care.kinds import KINDS, capacity_bounds
from refah.care.models import Institution
from refah.care.services import institution_create, institution_update, placement_create
from refah.care.tests.factories import alone
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError

pytestmark = pytest.mark.django_db

K = InstitutionKind
# kind, ownership, mode, units, (a capacity refused below, the lowest allowed, the highest allowed, one refused above)
CASES = [
    (K.CHILD_HOME, "public", "residential", 1, (4, 5, 8, 9)),
    (K.CHILD_HOME_SITE, "public", "residential", 1, (9, 10, 12, 13)),
    (K.CHILD_HOME_SITE, "public", "residential", 3, (29, 30, 36, 37)),
    (K.UMUT_EVI, "public", "residential", 1, (0, 1, 6, 7)),
    (K.ELDERLY_HOME, "public", "residential", 1, (59, 60, 100, 101)),
    (K.ELDERLY_HOME, "private", "residential", 1, (19, 20, 5000, None)),
    (K.CARE_REHAB_CENTRE, "public", "day", 1, (0, 1, 400, None)),
    (K.PRIVATE_CRECHE, "private", "day", 1, (0, 1, 120, None)),
]


def _create(actor, directorate, merkez, kind, ownership, mode, units, capacity):
    public = ownership == Ownership.PUBLIC
    return institution_create(
        actor=actor,
        name=f"{kind} {capacity}",
        kind=kind,
        ownership=ownership,
        mode=mode,
        district=merkez,
        capacity=capacity,
        units=units,
        office=directorate if public else None,
        operator_name="" if public else "Özel Bakım A.Ş.",
    )


@pytest.mark.parametrize("kind,ownership,mode,units,caps", CASES)
def test_capacity_within_the_kinds_bounds(supervisor, directorate, merkez, kind, ownership, mode, units, caps):
    below, low, high, above = caps
    for capacity in (low, high):
        made = _create(supervisor, directorate, merkez, kind, ownership, mode, units, capacity)
        assert made.capacity == capacity
        assert AuditEvent.objects.filter(object_id=str(made.pk), action=AuditAction.INSTITUTION_CREATE).exists()
    for capacity in (below, above):
        if capacity is None:
            continue
        count = Institution.objects.count()
        with pytest.raises(RefahError) as refused:
            _create(supervisor, directorate, merkez, kind, ownership, mode, units, capacity)
        assert refused.value.field == "capacity"
        assert str(KINDS[kind].source["tr"]) in str(refused.value.message)
        assert Institution.objects.count() == count


def test_the_bounds_are_the_published_ones():
    home = capacity_bounds(K.CHILD_HOME, "public")
    assert (home.low, home.high) == (5, 8)
    site = capacity_bounds(K.CHILD_HOME_SITE, "public", 2)
    assert (site.low, site.high) == (20, 24)
    assert capacity_bounds(K.UMUT_EVI, "public").high == 6
    assert capacity_bounds(K.ELDERLY_HOME, "private").low == 20


def test_ownership_mode_and_operator_follow_the_kind(supervisor, directorate, merkez):
    cases = [
        ((K.CHILD_HOME, "private", "residential"), "ownership"),
        ((K.PRIVATE_CRECHE, "public", "day"), "ownership"),
        ((K.ELDERLY_HOME, "public", "day"), "mode"),
    ]
    for (kind, ownership, mode), field in cases:
        with pytest.raises(RefahError) as refused:
            _create(supervisor, directorate, merkez, kind, ownership, mode, 1, 60 if kind == K.ELDERLY_HOME else 6)
        assert refused.value.field == field
    with pytest.raises(RefahError) as refused:
        institution_create(
            actor=supervisor,
            name="Huzurevi",
            kind=K.ELDERLY_HOME,
            ownership="public",
            mode="residential",
            district=merkez,
            capacity=60,
        )
    assert refused.value.field == "office"
    assert Institution.objects.count() == 0


def test_only_managers_add_and_only_in_their_jurisdiction(make_staff, office_merkez, directorate, tuzluca, merkez):
    worker = make_staff(office_merkez, Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDeniedError):
        _create(worker, directorate, merkez, K.UMUT_EVI, "public", "residential", 1, 6)
    local_supervisor = make_staff(office_merkez, Role.SUPERVISOR)
    with pytest.raises(RefahError) as refused:
        _create(local_supervisor, directorate, tuzluca, K.UMUT_EVI, "public", "residential", 1, 6)
    assert refused.value.field == "district"


def test_capacity_change_within_bounds_and_never_below_the_residents(supervisor, directorate, merkez):
    home = _create(supervisor, directorate, merkez, K.UMUT_EVI, "public", "residential", 1, 3)
    for _ in range(2):
        household, person = alone(merkez, age=40, disability_percent=80)
        placement_create(actor=supervisor, institution=home, person=person, household=household)
    with pytest.raises(RefahError) as refused:
        institution_update(actor=supervisor, institution=home, capacity=1)
    assert str(refused.value.message) == str(errors.ERR_CAPACITY_BELOW_OCCUPIED % {"occupied": 2})
    with pytest.raises(RefahError):
        institution_update(actor=supervisor, institution=home, capacity=7)
    changed = institution_update(actor=supervisor, institution=home, capacity=6, mode=CareMode.RESIDENTIAL)
    assert changed.capacity == 6
    assert AuditEvent.objects.filter(object_id=str(home.pk), action=AuditAction.INSTITUTION_UPDATE).count() == 1


def test_tuzluca_cannot_change_a_merkez_institution(supervisor, directorate, merkez, tuzluca_worker):
    home = _create(supervisor, directorate, merkez, K.UMUT_EVI, "public", "residential", 1, 3)
    with pytest.raises(NotFoundError):
        institution_update(actor=tuzluca_worker, institution=home, capacity=4)
