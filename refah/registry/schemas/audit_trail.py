"""A household's audit trail in the API: its events, details only for auditors."""

import datetime as dt
from typing import ClassVar

from ninja import Field

from refah.audit.services import changed_fields
from refah.registry import selectors
from refah.registry.schemas.restricted import SENSITIVE_FIELDS, _Restricted


class AuditEventOut(_Restricted):
    """An audit event. `before`, `after` and `note` are present only for auditors."""

    RESTRICTED: ClassVar[frozenset[str]] = frozenset({"before", "after", "note"})

    id: int
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    request_id: str
    changed: list[str] = Field(
        description="Names of the fields that changed (health and disability ones only for those who may see them)."
    )
    before: dict | None = None
    after: dict | None = None
    note: str | None = None

    @staticmethod
    def may_see(user) -> bool:
        return user.has_perm("audit.view_auditevent")

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_label

    @staticmethod
    def resolve_changed(obj, context):
        names = sorted(set(changed_fields(obj.before, obj.after)) - {"updated_at", "created_at", "name_folded"})
        user = context["request"].user
        if not selectors.can_view_sensitive(user):
            names = [n for n in names if n not in SENSITIVE_FIELDS]
        return names
