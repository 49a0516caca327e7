"""The household's audit trail as staff read it: labelled actions, field names and values, not raw JSON."""

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.audit.services import changed_fields
from refah.common.money import format_tl
from refah.registry import forms, selectors
from refah.registry.views.helpers import lang

ACTION_LABELS = {
    "household_register": gettext_lazy("Household registered"),
    "household_update": gettext_lazy("Household details changed"),
    "person_create": gettext_lazy("Person recorded"),
    "person_update": gettext_lazy("Person's details changed"),
    "member_add": gettext_lazy("Member joined"),
    "member_remove": gettext_lazy("Member left"),
    "income_record": gettext_lazy("Income recorded"),
    "income_end": gettext_lazy("Income ended"),
    "asset_record": gettext_lazy("Asset recorded"),
    "attendance_record": gettext_lazy("School attendance recorded"),
}
AUDIT_HIDDEN = {"id", "created_at", "updated_at", "name_folded", "household_id", "person_id", "province_id"}


def audit_rows(*, user, household, sensitive: bool) -> list[dict]:
    """The household's audit events, newest first, ready for the detail page."""
    return [_audit_row(e, sensitive) for e in selectors.household_audit_trail(user=user, household=household)]


def _audit_value(field, value) -> str:
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.name.endswith("_kurus"):
        return format_tl(int(value), lang())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _audit_model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _audit_row(event, sensitive: bool) -> dict:
    model = _audit_model(event.object_type)
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    hidden = AUDIT_HIDDEN | (set() if sensitive else set(forms.SENSITIVE_FIELD_NAMES))
    changes = []
    if event.before is not None:
        for key, (old, new) in changed_fields(event.before, event.after).items():
            if key in hidden:
                continue
            field = fields.get(key)
            label = str(field.verbose_name) if field is not None else key
            changes.append({"field": label, "old": _audit_value(field, old), "new": _audit_value(field, new)})
    return {
        "event": event,
        "action": ACTION_LABELS.get(event.action, event.action),
        "object": str(model._meta.verbose_name) if model else event.object_type,
        "summary": _audit_summary(event.after or {}, fields),
        "changes": changes,
    }


def _audit_summary(after: dict, fields: dict) -> str:
    if "first_name" in after:
        return f"{after['first_name']} {after['last_name']}"
    for amount in ("amount_kurus", "value_kurus"):
        if after.get(amount) is not None:
            return f"{_audit_value(fields.get('kind'), after.get('kind'))} · {format_tl(int(after[amount]), lang())}"
    if "role" in after:
        return _audit_value(fields.get("role"), after["role"])
    return after.get("reference_code", "")
