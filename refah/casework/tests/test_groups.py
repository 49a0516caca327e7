"""Group programmes: created with sessions, enrolments up to the capacity (a full programme refused, nothing stored,
the refusal audited), attendance and completion, jurisdiction; on PostgreSQL, concurrent enrolments in threads never
exceed the capacity."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.casework.enums import AttendanceStatus, ProgrammeKind
from refah.casework.models import Enrolment
from refah.casework.selectors import programme_list, programme_read
from refah.casework.services import attendance_record, enrol, group_session_add, programme_create
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.registry.tests.factories import household_with_members

TODAY = dt.date.today


def _programme(actor, capacity=3, days_back=14):
    start = timezone.localdate() - dt.timedelta(days=days_back)
    return programme_create(
        actor=actor,
        kind=ProgrammeKind.FAMILY_EDUCATION,
        title="Aile eğitimi — Ekim grubu",
        starts_on=start,
        ends_on=start + dt.timedelta(days=60),
        capacity=capacity,
        completion_percent=50,
        sessions=[(start, "Aile içi iletişim"), (start + dt.timedelta(days=7), "Çocuk gelişimi")],
    )


def _people(district, n):
    people = []
    while len(people) < n:
        people += [m.person for m in household_with_members(district).memberships.current()]
    return people[:n]


@pytest.mark.django_db
def test_capacity_is_never_exceeded_and_the_refusal_is_audited(worker, merkez):
    programme = _programme(worker, capacity=2)
    first, second, third = _people(merkez, 3)
    enrol(actor=worker, programme=programme, person=first)
    with pytest.raises(ConflictError):
        enrol(actor=worker, programme=programme, person=first)  # twice
    enrol(actor=worker, programme=programme, person=second)
    with pytest.raises(ConflictError) as caught:
        enrol(actor=worker, programme=programme, person=third)
    assert caught.value.field == "programme" and "2" in caught.value.message
    assert Enrolment.objects.filter(programme=programme).count() == 2
    refused = AuditEvent.objects.get(action=AuditAction.GROUP_ENROLMENT_REFUSE)
    assert refused.after == {"person": str(third.pk), "capacity": 2}


@pytest.mark.django_db
def test_attendance_and_completion(worker, merkez):
    programme = _programme(worker)
    a, b = _people(merkez, 2)
    ea = enrol(actor=worker, programme=programme, person=a)
    eb = enrol(actor=worker, programme=programme, person=b)
    s1, s2 = programme.sessions.all()
    attendance_record(actor=worker, session=s1, marks={str(ea.pk): "present", str(eb.pk): "absent"})
    attendance_record(actor=worker, session=s2, marks={str(ea.pk): "present", str(eb.pk): "excused"})
    attendance_record(actor=worker, session=s2, marks={str(eb.pk): AttendanceStatus.PRESENT})  # corrected
    view = programme_read(user=worker, programme_id=programme.pk)
    rows = {r.enrolment.person_id: r for r in view.rows}
    assert (rows[a.pk].present, rows[a.pk].completed) == (2, True)
    assert (rows[b.pk].present, rows[b.pk].completed) == (1, True)  # 1 of 2 held = 50 %
    with pytest.raises(RefahError) as caught:
        attendance_record(actor=worker, session=s1, marks={str(ea.pk): "asleep"})
    assert caught.value.field == "marks"


@pytest.mark.django_db
def test_bad_programmes_and_sessions_are_refused(worker):
    start = timezone.localdate()
    cases = [
        ({"title": " "}, "title"),
        ({"ends_on": start - dt.timedelta(days=1)}, "ends_on"),
        ({"capacity": 0}, "capacity"),
        ({"kind": "yoga"}, "kind"),
        ({"sessions": [(start + dt.timedelta(days=99), "Konu")]}, "date"),
    ]
    base = {"kind": ProgrammeKind.PRE_MARRIAGE, "title": "Evlilik öncesi", "starts_on": start, "ends_on": start}
    for change, field in cases:
        with pytest.raises(RefahError) as caught:
            programme_create(actor=worker, **{**base, "capacity": 10, **change})
        assert caught.value.field == field
    assert not programme_list(user=worker).exists()
    programme = programme_create(actor=worker, capacity=10, **base)
    with pytest.raises(RefahError):
        group_session_add(actor=worker, programme=programme, date=start, topic="")


@pytest.mark.django_db
def test_jurisdiction(worker, tuzluca_worker, merkez, make_staff, office_merkez):
    from refah.accounts.enums import Role

    merkez_worker = make_staff(office_merkez, Role.SOCIAL_WORKER)
    programme = programme_create(
        actor=merkez_worker,
        kind=ProgrammeKind.FINANCIAL_LITERACY,
        title="Kadınlar için finansal okuryazarlık",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        capacity=5,
    )
    with pytest.raises(NotFoundError):
        programme_read(user=tuzluca_worker, programme_id=programme.pk)
    (person,) = _people(merkez, 1)
    with pytest.raises(NotFoundError):
        enrol(actor=tuzluca_worker, programme=programme, person=person)
    assert programme_read(user=worker, programme_id=programme.pk).programme == programme  # the province's SHM


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_exceed_the_capacity(worker, merkez):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are PostgreSQL's; SQLite serialises writes anyway")
    programme = _programme(worker, capacity=5)
    people = _people(merkez, 12)
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(person):
        try:
            barrier.wait()
            enrol(actor=worker, programme=programme, person=person)
            outcomes.append("enrolled")
        except ConflictError:
            outcomes.append("full")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("enrolled") == 5 and outcomes.count("full") == 7
    assert Enrolment.objects.filter(programme=programme).count() == 5
