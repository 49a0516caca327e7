"""audit_record(): call it inside the service's transaction, after the change."""

import datetime as dt
import decimal
import uuid

from django.db import models, transaction

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.common import sql
from refah.common.middleware import current_request_id


def snapshot(instance: models.Model | None, fields: list[str] | None = None) -> dict | None:
    """JSON-safe dict of a model's concrete field values (foreign keys as ids)."""
    if instance is None:
        return None
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.attname] = _jsonable(getattr(instance, field.attname))
    return data


def _jsonable(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    return value


def audit_record(
    *,
    actor,
    action: AuditAction,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    household_id=None,
    note: str = "",
    sealed: bool = False,
) -> AuditEvent:
    """Write one AuditEvent. Must run inside the transaction of the change it records, or in the sql.batch()
    that writes the change and the audit row as one statement. A `sealed` row (an act on a sealed record,
    refah.shelters) is kept from every ordinary reader and never names a household."""
    if not (transaction.get_connection().in_atomic_block or sql.batching()):
        raise RuntimeError("audit_record() must be called inside the service's transaction (or its one statement)")
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = sql.new(
        AuditEvent,
        actor=user,
        actor_label=user.get_username() if user else str(actor or "system"),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        household_id=None if sealed else household_id,
        before=before,
        after=after,
        request_id=current_request_id() or "",
        note=note,
        sealed=sealed,
    )
    sql.insert([event])  # one prepared INSERT: every service writes audit rows, so this is a hot statement
    return event


def changed_fields(before: dict | None, after: dict | None) -> dict:
    """{field: (old, new)} for fields whose value differs."""
    before, after = before or {}, after or {}
    keys = sorted(set(before) | set(after))
    return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}
