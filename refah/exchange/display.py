"""Words for registered values on screens: money in lira, codes as their labels, never a raw code."""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from refah.common.money import format_tl
from refah.exchange.sources import MONEY_FACTS
from refah.registry import enums

CHOICES = {
    "sgk.status": dict(enums.SocialSecurity.choices),
    "meb.enrolment": {**dict(enums.SchoolLevel.choices), "none": enums.SchoolLevel.OUT_OF_SCHOOL.label},
    "nvi.sex": dict(enums.Sex.choices),
    "nvi.marital_status": dict(enums.MaritalStatus.choices),
}
COUNTS = {"egm.vehicle", "tapu.land", "tapu.real_estate"}  # a disagreement about these compares counts


def _lang() -> str:
    return (get_language() or "tr")[:2]


def fact_value(fact: str, value_kurus: int | None, value_text: str) -> str:
    """A stored registered fact, as words."""
    if fact in MONEY_FACTS:
        money = format_tl(value_kurus or 0, _lang())
        return f"{money} · {value_text}" if value_text else money
    if fact == "meb.absence":
        return _("%(days)s days in %(month)s") % {"days": value_kurus, "month": value_text}
    if fact in ("health.checkups",):
        return _("Yes") if value_text == "yes" else _("No")
    if fact == "health.pregnancy":
        return _("%(visits)s visits") % {"visits": value_kurus}
    if fact == "iskur.registered":
        return value_text or _("Not registered")
    return str(CHOICES.get(fact, {}).get(value_text, value_text)) or "—"


def compared_value(fact: str, value: str) -> str:
    """A declared or registered value of a disagreement, as words."""
    if fact in COUNTS:
        return _("%(count)s on record") % {"count": value}
    if fact in MONEY_FACTS:
        return format_tl(int(Decimal(value or "0") * 100), _lang()) + " " + _("a month")
    if fact == "health.checkups":
        return _("Yes") if value == "yes" else _("No")
    return str(CHOICES.get(fact, {}).get(value, value)) or "—"
