"""Many social workers placing into one institution at once (PostgreSQL): exactly its capacity placed, every other
attempt a ConflictError and audited; and the database's own guard on the counter (both databases)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import F

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.care.enums import InstitutionKind
from refah.care.models import Institution, Placement
from refah.care.services import placement_create
from refah.care.tests.factories import InstitutionFactory, alone
from refah.common.errors import ConflictError

CAPACITY = 6  # an Umut Evi
ATTEMPTS = 16


@pytest.mark.django_db(transaction=True)
def test_parallel_placements_never_exceed_capacity(supervisor, directorate, merkez):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    home = InstitutionFactory(kind=InstitutionKind.UMUT_EVI, capacity=CAPACITY, office=directorate, district=merkez)
    people = [alone(merkez, age=30, disability_percent=90) for _ in range(ATTEMPTS)]
    start = threading.Barrier(ATTEMPTS)

    def attempt(index: int) -> str:
        household, person = people[index]
        start.wait()
        try:
            placement_create(actor=supervisor, institution=home, person=person, household=household)
            return "placed"
        except ConflictError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(ATTEMPTS) as pool:
        results = list(pool.map(attempt, range(ATTEMPTS)))
    assert results.count("placed") == CAPACITY
    assert results.count("refused") == ATTEMPTS - CAPACITY
    assert Placement.objects.filter(institution=home, ended_on__isnull=True).count() == CAPACITY
    assert Institution.objects.get(pk=home.pk).occupied == CAPACITY
    refused = AuditEvent.objects.filter(action=AuditAction.CARE_PLACEMENT_REFUSE, object_id=str(home.pk))
    assert refused.count() == ATTEMPTS - CAPACITY
    assert AuditEvent.objects.filter(action=AuditAction.CARE_PLACEMENT_CREATE).count() == CAPACITY


@pytest.mark.django_db
def test_the_database_refuses_a_counter_above_capacity(directorate, merkez):
    home = InstitutionFactory(kind=InstitutionKind.UMUT_EVI, capacity=1, office=directorate, district=merkez)
    Institution.objects.filter(pk=home.pk).update(occupied=F("occupied") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Institution.objects.filter(pk=home.pk).update(occupied=F("occupied") + 1)
    assert Institution.objects.get(pk=home.pk).occupied == 1
