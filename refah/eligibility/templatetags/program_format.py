"""Programs on the screens: `{% load program_format %}`, the template face of `refah.eligibility.catalogue`.

{{ line.program|program_name }}              family_support → "Aile Destek Programı" (or the English label)
{{ line.amount_kurus|amount:line.program }}  in the program's unit: "1.300,00 TL", "1.300 puan", "800 kg"
{{ unit|unit_name }}                         a unit as a word: "places" → "yer" in Turkish
"""

from __future__ import annotations

from typing import Any

from django import template

from refah.common.i18n import active_language
from refah.eligibility import catalogue

register = template.Library()


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
    return catalogue.format_amount(value, str(program_or_unit or "TRY"), active_language())
