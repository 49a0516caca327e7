"""Display filters for the staff screens: `{% load refah_format %}`. Programs' names and amounts are eligibility's
(`{% load program_format %}`), a decision's reasons the cases' (`{% load reason_format %}`).

{{ row.status|status_label:statuses }}       a choices code → its translated label (TextChoices, pairs, dict)
{{ cycle|status_label:"status" }}            or generically through the model field's choices
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

register = template.Library()


def _choice_map(choices: Any) -> dict[str, Any]:
    if isinstance(choices, type) and issubclass(choices, models.Choices):
        return dict(choices.choices)
    if isinstance(choices, dict):
        return choices
    if isinstance(choices, list | tuple):
        return dict(choices)
    return {}


@register.filter
def status_label(value: Any, choices: Any = None) -> str:
    """A choices code as its translated label: from the TextChoices (or pairs) given, or, for a model
    instance and a field name, from that field's choices. Unknown codes are shown as they are."""
    if isinstance(value, models.Model) and isinstance(choices, str):
        field = value._meta.get_field(choices)
        code = getattr(value, field.attname)
        return str(dict(field.flatchoices).get(code, code))
    if value is None:
        return ""
    label = _choice_map(choices).get(value)
    if label is None:
        label = _choice_map(choices).get(str(value), value)
    return str(label)


@register.filter
def status_labels(value: Any, choices: Any = None) -> str:
    """Comma-separated choice codes ("food,general") as their labels, comma-separated."""
    codes = [code for code in str(value or "").split(",") if code]
    return ", ".join(status_label(code, choices) for code in codes) or "—"


@register.filter
def capfirst_tr(value: Any) -> str:
    """The first letter in capitals, Turkish-aware: "ihtiyaç" → "İhtiyaç", "ışık" → "Işık" (Django's capfirst gives
    "Ihtiyaç"); other letters as str.upper does."""
    text = str(value or "")
    if not text:
        return text
    first = {"i": "İ", "ı": "I"}.get(text[0], text[0].upper())
    return first + text[1:]
