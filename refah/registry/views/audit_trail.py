"""The household's audit trail as staff read it: labelled actions (refah.audit.actions), field names and values
in the user's language and local time, not raw JSON, codes or ISO timestamps."""

from django.apps import apps
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.audit.actions import action_label
from refah.audit.services import changed_fields
from refah.common.money import format_tl
from refah.registry import forms, selectors
from refah.registry.views.helpers import lang

# Keys of audit payloads that are not model fields (a transition's time, a card's purse…), as people read them.
KEY_LABELS = {
    "at": gettext_lazy("time"),
    "reason": gettext_lazy("reason"),
    "last4": gettext_lazy("last four digits of the card"),
    "pin": gettext_lazy("PIN set"),
    "purse": gettext_lazy("purse"),
    "amount": gettext_lazy("amount"),
    "source_ref": gettext_lazy("source"),
    "merchant": gettext_lazy("merchant"),
    "terminal": gettext_lazy("terminal"),
    "attempts": gettext_lazy("attempts"),
}
AUDIT_HIDDEN = {
    "id",
    "created_at",
    "updated_at",
    "name_folded",
    "household_id",
    "person_id",
    "province_id",
    "card",
    "request_id",
    "balances",  # a replaced aid card's purses by code; the card's own screen shows them in words
}


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
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_audit_value(None, item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_audit_value(None, item) for item in value)
    return _local_time(value) if isinstance(value, str) else str(value)


def _local_time(text: str) -> str:
    """An ISO date or time stored in the payload as the user reads it: Istanbul time, the user's format."""
    moment = parse_datetime(text) if "T" in text else None
    if moment is not None:
        moment = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
        return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    day = parse_date(text) if len(text) == 10 else None
    return date_format(day, "SHORT_DATE_FORMAT") if day is not None else text


def _key_label(key: str, field) -> str:
    if field is not None:
        return str(field.verbose_name)
    return str(KEY_LABELS.get(key, key))


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
            label = _key_label(key, field)
            changes.append({"field": label, "old": _audit_value(field, old), "new": _audit_value(field, new)})
    return {
        "event": event,
        "action": action_label(event.action),
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
