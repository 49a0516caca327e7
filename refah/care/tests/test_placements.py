"""Placements and discharges: never above the capacity (a full institution refused, nothing changed, the attempt
audited), a discharge offering the place to the top of the waiting list, the offer accepted or declined, the
casework referral moved along."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.care import errors
from refah.care.enums import InstitutionKind, WaitingStatus
from refah.care.models import Institution, Placement, WaitingEntry
from refah.care.services import (
    offer_accept,
    offer_decline,
    placement_create,
    placement_discharge,
    waiting_add,
    waiting_withdraw,
)
from refah.care.tasks import offers_expire
from refah.care.tests.factories import InstitutionFactory, alone, person_in
from refah.casework.enums import ReferralSource, ReferralStatus, ServiceKind
from refah.casework.services import referral_create
from refah.casework.tests.factories import ServiceFactory
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.registry.enums import Dependency

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(directorate, merkez):
    return InstitutionFactory(kind=InstitutionKind.UMUT_EVI, capacity=2, office=directorate, district=merkez)


@pytest.fixture
def elderly_home(directorate, merkez):
    return InstitutionFactory(capacity=60, office=directorate, district=merkez)


def _disabled(merkez, **fields):
    return alone(merkez, age=35, disability_percent=85, **fields)


def test_full_institution_refused_nothing_changed_and_audited(supervisor, home, merkez):
    for _ in range(2):
        household, person = _disabled(merkez)
        placement_create(actor=supervisor, institution=home, person=person, household=household)
    household, person = _disabled(merkez)
    with pytest.raises(ConflictError) as refused:
        placement_create(actor=supervisor, institution=home, person=person, household=household)
    assert str(refused.value.message) == str(errors.ERR_FULL % {"name": home.name, "occupied": 2, "capacity": 2})
    assert Placement.objects.filter(institution=home).count() == 2
    assert Institution.objects.get(pk=home.pk).occupied == 2
    attempt = AuditEvent.objects.get(action=AuditAction.CARE_PLACEMENT_REFUSE)
    assert attempt.object_id == str(home.pk) and attempt.household_id == household.pk
    assert attempt.after["person_id"] == str(person.pk)


def test_the_population_of_the_kind(supervisor, home, elderly_home, merkez):
    household, young = alone(merkez, age=30)
    with pytest.raises(RefahError) as refused:
        placement_create(actor=supervisor, institution=home, person=young, household=household)
    assert refused.value.field == "person"
    with pytest.raises(RefahError):
        placement_create(actor=supervisor, institution=elderly_home, person=young, household=household)
    assert not Placement.objects.exists()


def test_one_placement_at_a_time(supervisor, elderly_home, directorate, merkez):
    other = InstitutionFactory(capacity=60, office=directorate, district=merkez)
    household, person = alone(merkez)
    placement_create(actor=supervisor, institution=elderly_home, person=person, household=household)
    with pytest.raises(ConflictError):
        placement_create(actor=supervisor, institution=other, person=person, household=household)


def test_discharge_offers_the_place_to_the_top_of_the_list(supervisor, home, merkez):
    residents = []
    for _ in range(2):
        household, person = _disabled(merkez)
        residents.append(placement_create(actor=supervisor, institution=home, person=person, household=household))
    low_household, low = _disabled(merkez, dependency=Dependency.NONE)
    person_in(low_household, age=40)  # lives with an adult who can care: fewer points
    high_household, high = _disabled(merkez, dependency=Dependency.FULL)
    first = waiting_add(actor=supervisor, person=low, household=low_household, kind=InstitutionKind.UMUT_EVI)
    second = waiting_add(actor=supervisor, person=high, household=high_household, kind=InstitutionKind.UMUT_EVI)
    with pytest.raises(ConflictError):  # full: the list waits
        placement_create(actor=supervisor, institution=home, person=high, household=high_household)

    placement_discharge(actor=supervisor, placement=residents[0], ended_on=timezone.localdate(), reason="returned_home")
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == WaitingStatus.OFFERED and second.offered_institution == home
    assert second.offer_expires_on == timezone.localdate() + dt.timedelta(days=7)
    assert first.status == WaitingStatus.WAITING
    assert AuditEvent.objects.filter(action=AuditAction.CARE_PLACE_OFFER, object_id=str(second.pk)).exists()
    # the place is held for the offer: nobody else takes it meanwhile
    other_household, other = _disabled(merkez)
    with pytest.raises(ConflictError):
        placement_create(actor=supervisor, institution=home, person=other, household=other_household)

    placement = offer_accept(actor=supervisor, entry=second)
    second.refresh_from_db()
    assert placement.person == high and placement.waiting_entry == second
    assert second.status == WaitingStatus.PLACED
    assert Institution.objects.get(pk=home.pk).occupied == 2


def test_declining_offers_the_place_to_the_next(supervisor, home, merkez):
    residents = []
    for _ in range(2):
        household, person = _disabled(merkez)
        residents.append(placement_create(actor=supervisor, institution=home, person=person, household=household))
    entries = []
    for dependency in (Dependency.FULL, Dependency.PARTIAL):
        household, person = _disabled(merkez, dependency=dependency)
        entries.append(waiting_add(actor=supervisor, person=person, household=household, kind=home.kind))
    placement_discharge(actor=supervisor, placement=residents[1], ended_on=timezone.localdate(), reason="died")
    entries[0].refresh_from_db()
    with pytest.raises(ConflictError):
        offer_accept(actor=supervisor, entry=entries[1])
    offer_decline(actor=supervisor, entry=entries[0], reason="Aile evde bakmak istiyor.")
    entries[0].refresh_from_db()
    entries[1].refresh_from_db()
    assert entries[0].status == WaitingStatus.WITHDRAWN
    assert entries[1].status == WaitingStatus.OFFERED


def test_withdrawing_an_offered_entry_frees_the_offer(supervisor, home, merkez):
    household, person = _disabled(merkez)
    placement = placement_create(actor=supervisor, institution=home, person=person, household=household)
    household, other = _disabled(merkez)
    placement_create(actor=supervisor, institution=home, person=other, household=household)
    waiting = [
        waiting_add(actor=supervisor, person=p, household=h, kind=home.kind)
        for h, p in (_disabled(merkez), _disabled(merkez))
    ]
    placement_discharge(actor=supervisor, placement=placement, ended_on=timezone.localdate(), reason="moved")
    offered = WaitingEntry.objects.get(status=WaitingStatus.OFFERED)
    waiting_withdraw(actor=supervisor, entry=offered, reason="Taşındı.")
    assert WaitingEntry.objects.get(status=WaitingStatus.OFFERED).pk in {w.pk for w in waiting} - {offered.pk}


def test_a_referral_moves_to_in_progress_then_done(supervisor, make_staff, office_merkez, elderly_home, merkez):
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    ServiceFactory(kind=ServiceKind.ELDERLY_CARE, name="Huzurevi başvurusu", province=merkez.province)
    household, person = alone(merkez, age=82, dependency=Dependency.PARTIAL)
    referral = referral_create(
        actor=caseworker,
        household=household,
        person=person,
        kind=ServiceKind.ELDERLY_CARE,
        reason="Yalnız yaşıyor, bakıma muhtaç.",
        source=ReferralSource.ASDEP_VISIT,
    )
    entry = waiting_add(
        actor=caseworker, person=person, household=household, kind=InstitutionKind.ELDERLY_HOME, referral=referral
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_PROGRESS
    placement_create(actor=supervisor, institution=elderly_home, person=person, household=household)
    entry.refresh_from_db()
    referral.refresh_from_db()
    assert entry.status == WaitingStatus.PLACED
    assert referral.status == ReferralStatus.DONE and referral.closed_on == timezone.localdate()
    assert AuditEvent.objects.filter(action=AuditAction.CARE_REFERRAL_UPDATE, object_id=str(referral.pk)).count() == 2
    steps = [
        (s.from_status, s.to_status, s.actor) for s in referral.steps.filter(action=AuditAction.CARE_REFERRAL_UPDATE)
    ]
    assert steps == [
        (ReferralStatus.OPEN, ReferralStatus.IN_PROGRESS, caseworker),
        (ReferralStatus.IN_PROGRESS, ReferralStatus.DONE, supervisor),
    ]
    assert referral.owner == caseworker  # who put the person on the list answers for the referral


def test_a_referral_to_another_service_is_refused(caseworker, merkez):
    ServiceFactory(kind=ServiceKind.FAMILY_COUNSELLING, province=merkez.province)
    household, person = alone(merkez, age=82)
    referral = referral_create(
        actor=caseworker,
        household=household,
        person=person,
        kind=ServiceKind.FAMILY_COUNSELLING,
        reason="Danışmanlık",
        source=ReferralSource.COUNTER,
    )
    with pytest.raises(RefahError) as refused:
        waiting_add(actor=caseworker, person=person, household=household, kind="elderly_home", referral=referral)
    assert refused.value.field == "referral"
    assert not WaitingEntry.objects.exists()


def test_one_open_entry_a_kind(caseworker, merkez):
    household, person = alone(merkez, age=82)
    waiting_add(actor=caseworker, person=person, household=household, kind="elderly_home")
    with pytest.raises(ConflictError):
        waiting_add(actor=caseworker, person=person, household=household, kind="elderly_home")


def test_other_district_cannot_place_or_list(tuzluca_worker, supervisor, home, merkez):
    household, person = _disabled(merkez)
    with pytest.raises(NotFoundError):
        placement_create(actor=tuzluca_worker, institution=home, person=person, household=household)
    placement = placement_create(actor=supervisor, institution=home, person=person, household=household)
    with pytest.raises(NotFoundError):
        placement_discharge(actor=tuzluca_worker, placement=placement, ended_on=timezone.localdate(), reason="other")
    assert not AuditEvent.objects.filter(action=AuditAction.CARE_PLACEMENT_REFUSE).exists()


def test_an_unanswered_offer_lapses_and_the_place_goes_to_the_next(supervisor, home, merkez):
    residents = []
    for _ in range(2):
        household, person = _disabled(merkez)
        residents.append(placement_create(actor=supervisor, institution=home, person=person, household=household))
    entries = []
    for dependency in (Dependency.FULL, Dependency.NONE):
        household, person = _disabled(merkez, dependency=dependency)
        entries.append(waiting_add(actor=supervisor, person=person, household=household, kind=home.kind))
    placement_discharge(actor=supervisor, placement=residents[0], ended_on=timezone.localdate(), reason="moved")
    assert offers_expire() == 0  # not yet due
    WaitingEntry.objects.filter(pk=entries[0].pk).update(offer_expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert offers_expire() == 1
    first, second = (WaitingEntry.objects.get(pk=e.pk) for e in entries)
    assert first.status == WaitingStatus.WAITING and first.offered_institution is None
    assert second.status == WaitingStatus.OFFERED and second.offered_institution == home
    assert AuditEvent.objects.filter(action=AuditAction.CARE_OFFER_EXPIRE, object_id=str(first.pk)).exists()
