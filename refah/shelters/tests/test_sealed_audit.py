"""The audit trail itself keeps the seal: the rows of sealed records (acts, refused attempts, break-glass reasons,
reads) appear in no reader of the audit trail or the access log — the household audit trail (screen and API),
the access-log review (who read, unusual reading, a reader's reads), the admin, a dump — and only the unit's
supervisors read them. A source walk holds every other reader to the tables' default managers."""

import ast
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from refah.audit.models import AccessEvent, AuditEvent
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry import selectors as registry_selectors
from refah.registry.access_log import selectors as access_log
from refah.registry.access_log.subjects import access_subject
from refah.shelters import selectors, services

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worked(sealed, case):
    """A case worked on: read, noted, placed, refused to an outsider, broken into by the supervisor."""
    selectors.access_case_by_id(user=sealed.worker, case_id=case.pk)
    services.note_add(actor=sealed.worker, case=case, text="Mühürlü not")
    services.stay_start(actor=sealed.worker, case=case, shelter=sealed.shelter, children=1)
    with pytest.raises(NotFoundError):
        selectors.access_case_by_id(user=sealed.outsider, case_id=case.pk)
    services.break_glass_open(actor=sealed.supervisor, who=case.reference, reason="Acil durum: kolluk kişiyi arıyor")
    selectors.access_case_by_id(user=sealed.supervisor, case_id=case.pk)
    registry_selectors.household_read(user=sealed.auditor, household_id=sealed.household.pk)  # an ordinary read
    return case


def _sealed_ids(case) -> set[str]:
    ids = {str(case.pk), str(case.unit_id), *(str(pk) for pk in case.notes.values_list("pk", flat=True))}
    ids |= {str(pk) for pk in case.stays.values_list("pk", flat=True)}
    ids |= {str(pk) for pk in case.break_glasses.values_list("pk", flat=True)}
    return ids


def test_sealed_rows_exist_apart_and_name_no_household(worked):
    assert AuditEvent.sealed_objects.filter(object_id=str(worked.pk)).count() >= 2  # opened, refused
    assert AccessEvent.sealed_objects.filter(object_id=str(worked.pk)).count() == 2  # the worker, the supervisor
    for event in [*AuditEvent.sealed_objects.all(), *AccessEvent.sealed_objects.all()]:
        assert event.household_id is None
    for event in AccessEvent.sealed_objects.all():
        assert event.person_id is None and event.district_id is None and not event.subjects
    assert not set(AuditEvent.objects.values_list("object_id", flat=True)) & _sealed_ids(worked)
    assert not set(AccessEvent.objects.values_list("object_id", flat=True)) & _sealed_ids(worked)


def test_no_reader_of_the_audit_trail_or_the_access_log_shows_a_sealed_row(sealed, worked):
    ids = _sealed_ids(worked)
    auditor = sealed.auditor
    trail = registry_selectors.household_audit_trail(user=auditor, household=sealed.household)
    assert not {e.object_id for e in trail} & ids
    assert (
        not {e.object_id for e in registry_selectors.household_audit(user=auditor, household_id=sealed.household.pk)}
        & ids
    )
    start, end = timezone.now() - dt.timedelta(days=1), timezone.now() + dt.timedelta(minutes=1)
    person = worked.person
    subject = access_subject(user=auditor, national_id=person.national_id)
    who_read = access_log.access_log_for(user=auditor, subject=subject, start=start, end=end)
    assert who_read and not {e.object_id for e in who_read} & ids
    assert all(e.actor_id not in (sealed.worker.pk, sealed.supervisor.pk) for e in who_read)
    readers = access_log.access_flags(user=auditor, start=start, end=end, flagged_only=False)
    assert sealed.worker.pk not in {r.actor_id for r in readers}
    assert access_log.access_reader_detail(user=auditor, actor_id=sealed.worker.pk, start=start, end=end) is None
    request = RequestFactory().get("/admin/")
    request.user = auditor
    for model in (AuditEvent, AccessEvent):
        shown = site._registry[model].get_queryset(request)
        assert not set(shown.values_list("object_id", flat=True)) & ids
    dumped = io.StringIO()
    call_command("dumpdata", "audit.auditevent", "audit.accessevent", stdout=dumped)
    assert not any(i in dumped.getvalue() for i in ids) and '"sealed": true' not in dumped.getvalue()


def test_only_the_units_supervisors_read_its_sealed_audit(sealed, worked):
    rows = selectors.sealed_audit(user=sealed.chief, unit=sealed.sonim)
    actions = {r.action for r in rows}
    assert {"protection_case_open", "sealed_access_refused", "sealed_break_glass", "protection_note_add"} <= actions
    assert any(r.note.startswith("Acil durum") for r in rows) and any(r.action == "" for r in rows)
    for user in (sealed.worker, sealed.keeper, sealed.supervisor, sealed.auditor, sealed.admin):
        with pytest.raises(PermissionDeniedError):
            selectors.sealed_audit(user=user, unit=sealed.sonim)


def test_the_audit_rows_of_a_unit_never_hold_the_address(sealed, worked):
    from refah.shelters.tests.conftest import ADDRESS

    for event in AuditEvent.sealed_objects.all():
        assert ADDRESS not in f"{event.before} {event.after} {event.note}"


def test_no_code_reads_the_audit_tables_around_their_default_managers():
    """Only refah.shelters reads sealed rows; nothing reads the tables through the base manager or by name in SQL."""
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts)
        if {"tests", "migrations"} & parts:
            continue
        source = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        if "sealed_objects" in source and not where.startswith(("shelters/", "audit/")):
            offenders.append(f"{where}: sealed_objects")
        if re.search(r"audit_(auditevent|accessevent)", source) and not where.startswith("audit/"):
            offenders.append(f"{where}: the audit tables by name")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("_base_manager", "_default_manager")
                and isinstance(node.value, ast.Name)
                and node.value.id in ("AuditEvent", "AccessEvent")
            ):
                offenders.append(f"{where}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not offenders, offenders
