"""A decision's reasons on the screens: `{% load reason_format %}`, the template face of `refah.cases.reasons`.

{{ decision.reason_codes|reason_labels }}    ["income_above_threshold", …] → their meanings, joined by "; "
"""

from __future__ import annotations

from typing import Any

from django import template

from refah.cases.reasons import reason_label
from refah.common.i18n import active_language

register = template.Library()


@register.filter
def reason_labels(codes: Any) -> str:
    """A decision's reason codes by their meaning in the active language (refah.cases.reasons), joined by "; "."""
    return "; ".join(reason_label(code, active_language()) for code in codes or [])
