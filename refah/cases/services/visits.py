"""Household visits: fair assignment to an inspector and recording what was found (registry updated)."""

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.services import changed_fields, snapshot
from refah.cases import deadlines, errors
from refah.cases.enums import DocumentType, Status, VisitKind, VisitStatus
from refah.cases.models import Application, Visit
from refah.cases.services._common import lock, require, today
from refah.cases.services.applications import _document_store
from refah.cases.workflow import case_step, case_transition
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError
from refah.registry import services as registry
from refah.registry.models import Household

_random = secrets.SystemRandom()
REGISTRY_FIELDS = ("dwelling_type", "tenure", "heating", "rooms")


def inspector_workloads(*, office, exclude=()) -> dict:
    """{inspector: open visits} for the active inspectors of an office."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, staff__office=office, groups__name=Role.INSPECTOR)
        .exclude(pk__in=[u.pk for u in exclude])
        .annotate(open_visits=Count("case_visits", filter=Q(case_visits__status=VisitStatus.ASSIGNED)))
        .distinct()
    )
    return {u: u.open_visits for u in users}


def pick_inspector(*, office, exclude=()):
    """The inspector with the fewest open visits; among equals, one chosen at random (nobody picks households)."""
    loads = inspector_workloads(office=office, exclude=exclude)
    if not loads:
        raise ConflictError(errors.ERR_NO_INSPECTOR, field="inspector", code="no_inspector")
    lowest = min(loads.values())
    return _random.choice(sorted((u for u, n in loads.items() if n == lowest), key=lambda u: u.pk))


def _assign(*, actor, application: Application, kind: str, exclude=()) -> Visit:
    inspector = pick_inspector(office=application.office, exclude=exclude)
    visit = Visit.objects.create(
        application=application, inspector=inspector, kind=kind, due_on=deadlines.due("visit", today())
    )
    case_step(
        actor=actor,
        application=application,
        action=AuditAction.VISIT_ASSIGN,
        obj=visit,
        reason=inspector.get_username(),
    )
    return visit


@transaction.atomic
def visit_assign(*, actor, application: Application, reason: str = "") -> Visit:
    """Start the investigation: assign a visit to the office's least-loaded inspector (random among equals)."""
    require(actor, "cases.assign_visit")
    application = lock(actor=actor, application=application)
    kind = VisitKind.FIRST
    if application.status == Status.DEFERRED:
        kind = VisitKind.RE_INVESTIGATION
        application.due_on = deadlines.due("re_investigation", today())
    case_transition(
        actor=actor,
        application=application,
        target=Status.UNDER_INVESTIGATION,
        action=AuditAction.CASE_INVESTIGATE,
        reason=reason,
        fields=["due_on"],
    )
    return _assign(actor=actor, application=application, kind=kind)


def _location(lat, lon) -> tuple[Decimal | None, Decimal | None]:
    if lat in (None, "") and lon in (None, ""):
        return None, None
    try:
        lat_d, lon_d = Decimal(str(lat)).quantize(Decimal("0.000001")), Decimal(str(lon)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"latitude": errors.ERR_BAD_LOCATION}) from None
    if not (-90 <= lat_d <= 90 and -180 <= lon_d <= 180):
        raise ValidationError({"latitude": errors.ERR_BAD_LOCATION})
    return lat_d, lon_d


def _registry_updates(*, actor, household: Household, findings: dict, assets: list[dict]) -> list[dict]:
    """Apply the dwelling findings and assets seen through the registry services; before/after per change."""
    changes = []
    data = {k: findings[k] for k in REGISTRY_FIELDS if k in findings and findings[k] not in (None, "")}
    before = snapshot(household, list(data))
    if data and any(str(before[k]) != str(v) for k, v in data.items()):
        updated = registry.household_update(actor=actor, household=household, data=data)
        for name, (old, new) in changed_fields(before, snapshot(updated, list(data))).items():
            changes.append({"what": name, "before": old, "after": new})
    for item in assets:
        asset = registry.asset_record(
            actor=actor,
            household=household,
            kind=item["kind"],
            value_kurus=int(item.get("value_kurus") or 0),
            description=item.get("description", ""),
            source="visit",
        )
        changes.append(
            {"what": "asset", "before": None, "after": f"{asset.get_kind_display()} {asset.description}".strip()}
        )
    return changes


@transaction.atomic
def visit_record(
    *,
    actor,
    visit: Visit,
    living_conditions: str,
    observations: str,
    members_present: list = (),
    assets_seen: str = "",
    findings: dict | None = None,
    assets: list[dict] = (),
    photos: list = (),
    latitude=None,
    longitude=None,
) -> Visit:
    """The assigned inspector records the visit; dwelling findings and assets go to the registry (audited)."""
    require(actor, "cases.record_visit")
    visit = Visit.objects.select_for_update().filter(pk=visit.pk).first()
    if visit is None:
        raise NotFoundError(errors.ERR_VISIT_NOT_FOUND)
    application = lock(actor=actor, application=visit.application)
    if visit.inspector_id != actor.pk:
        raise PermissionDeniedError(errors.ERR_NOT_YOUR_VISIT)
    if visit.status != VisitStatus.ASSIGNED:
        raise ConflictError(errors.ERR_VISIT_DONE, code="visit_done")
    visit.latitude, visit.longitude = _location(latitude, longitude)
    visit.living_conditions, visit.observations, visit.assets_seen = living_conditions, observations, assets_seen
    visit.members_present = [str(m) for m in members_present]
    visit.status, visit.visited_at = VisitStatus.DONE, timezone.now()
    visit.full_clean(exclude=["application", "inspector"])
    visit.changes = _registry_updates(
        actor=actor, household=application.household, findings=findings or {}, assets=list(assets)
    )
    visit.save()
    for upload in photos:
        _document_store(
            actor=actor, application=application, doc_type=DocumentType.VISIT_PHOTO, upload=upload, visit=visit
        )
    case_step(
        actor=actor, application=application, action=AuditAction.VISIT_RECORD, obj=visit, reason=observations[:500]
    )
    return visit


def visit_overdue(visit: Visit, on: dt.date | None = None) -> bool:
    return visit.status == VisitStatus.ASSIGNED and visit.due_on < (on or today())
