"""A decision's reasons on the screens: `{% load reason_format %}`, the template face of `refah.cases.reasons`.

{{ decision.reason_codes|reason_labels }}    ["income_above_threshold", …] → their meanings, joined by "; "
"""

from __future__ import annotations

from typing import Any

from django import template

from refah.cases import reasons

register = template.Library()


@register.filter
def reason_labels(codes: Any) -> str:
    """A decision's reason codes by their meaning in the active language (refah.cases.reasons), joined by "; "."""
    return reasons.reason_labels(codes)
