"""Display filters for the staff screens: `{% load refah_format %}`.

{{ line.program|program_name }}              family_support → "Aile Destek Programı" (or the English label)
{{ line.amount_kurus|amount:line.program }}  in the program's unit: "1.300,00 TL", "1.300 puan", "800 kg"
{{ row.status|status_label:statuses }}       a choices code → its translated label (TextChoices, pairs, dict)
{{ cycle|status_label:"status" }}            or generically through the model field's choices
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from refah.common.i18n import active_language
from refah.eligibility import catalogue

register = template.Library()


def _lang() -> str:
    return active_language()


@register.filter
def program_name(code: Any) -> str:
    """A program code as people name it: the rule's label in the active language, a custom program's name."""
    return catalogue.program_label(str(code or ""))


@register.filter
def unit_name(unit: Any) -> str:
    """A unit as a word in the active language ("places" → "yer" in Turkish)."""
    return catalogue.unit_label(str(unit or ""))


@register.filter
def amount(value: Any, program_or_unit: Any = "TRY") -> str:
    """An integer amount in a program's unit (a program code or a unit): kuruş as TL, else "800 kg"."""
    return catalogue.format_amount(value, str(program_or_unit or "TRY"), _lang())


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
def reason_labels(codes: Any) -> str:
    """A decision's reason codes by their meaning in the active language (refah.cases.reasons), joined by "; "."""
    from refah.cases import reasons

    return reasons.reason_labels(codes)
