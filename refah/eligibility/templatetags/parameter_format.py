"""`{{ entry.value|parameter_value }}`: a parameter's value for people, never Python's repr.

[Decimal('1250.00'), Decimal('1100.00')] → "1.250,00 · 1.100,00" in Turkish, "1,250.00 · 1,100.00" in English.
"""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def parameter_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " · ".join(parameter_value(item) for item in value)
    if isinstance(value, dict):
        return " · ".join(f"{key}: {parameter_value(item)}" for key, item in value.items())
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | int):
        places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0
        return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return str(value)
