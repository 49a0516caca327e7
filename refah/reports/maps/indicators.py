"""The social risk indicators of the maps, per neighbourhood, district and province, computed set-wise.

One month is shown at a time (`period`, its first day the reference day, as the eligibility engine reads the
registry): the registry's members on that day, the month's determinations and the payments of the month's
entitlements. Every indicator is a numerator, a denominator and their rate:

- need: households whose need score this month is at or above the need cut-off / households with a score;
- elderly_alone: persons 65+ who are their household's only member / persons 65+;
- disabled_no_care: persons with a disability of 40 percent or more, not in a care institution on the day and whose
  household has no eligible home-care allowance this month or the two before / persons with 40 percent or more;
- out_of_school: children 7–17 not enrolled, or absent 10 days or more in the latest month MEB reported (as the
  ASDEP proposals read it) / children 7–17;
- protection: children with a court's protection or care decision in force on the day (refah.care only: the
  sealed shelter services are never read here) / children 0–17, per 1,000;
- aid: the amounts of the month's paid payment lines (TRY entitlements) / households — the numerator's count is
  the number of households paid.

Counts per neighbourhood come from GROUP BY statements (counting.py); districts and the province add them up.
Every count then goes through suppression.py with the province's hierarchy as its groups (docs/reports-maps.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError
from refah.common.money import format_tl
from refah.geo.models import District, Neighbourhood, Province
from refah.reports.maps.counting import Counts, Reader, need_cutoff
from refah.reports.suppression import Group, suppress

PERCENT, PER_MILLE, MONEY = "percent", "per_mille", "money"

ERR_INDICATOR = _("Choose one of the indicators shown.")
ERR_PERIOD = _("Give the month as YYYY-MM (for example 2025-03), not after the current month.")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    numerator: Promise
    denominator: Promise
    unit: str
    definition: Promise


INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in (
        Indicator(
            "need",
            _("Households in need"),
            _("households at or above the need cut-off"),
            _("households with a need score"),
            PERCENT,
            _(
                "Share of the households scored this month whose need score is at or above the need cut-off (the "
                "lowest of the programmes' published cut-offs)."
            ),
        ),
        Indicator(
            "elderly_alone",
            _("Elderly living alone"),
            _("persons 65 or over living alone"),
            _("persons 65 or over"),
            PERCENT,
            _("Share of the persons aged 65 or over who are the only member of their household."),
        ),
        Indicator(
            "disabled_no_care",
            _("Disability without care"),
            _("persons with a disability of 40 percent or more without care"),
            _("persons with a disability of 40 percent or more"),
            PERCENT,
            _(
                "Share of the persons with a disability of 40 percent or more who are not in a care institution "
                "and whose household has no home-care allowance in this month or the two before."
            ),
        ),
        Indicator(
            "out_of_school",
            _("Children out of school"),
            _("children 7–17 out of school"),
            _("children 7–17"),
            PERCENT,
            _(
                "Share of the children aged 7 to 17 who are not enrolled, or were absent 10 days or more in the "
                "latest month the Ministry of Education reported."
            ),
        ),
        Indicator(
            "protection",
            _("Open child protection decisions"),
            _("children with a protection decision in force"),
            _("children 0–17"),
            PER_MILLE,
            _("Children with a court's protection or care decision in force, per 1,000 children aged 0 to 17."),
        ),
        Indicator(
            "aid",
            _("Aid per household"),
            _("aid paid"),
            _("households"),
            MONEY,
            _(
                "The amounts of the month's paid payment lines divided by all households; the count shown is the "
                "number of households paid."
            ),
        ),
    )
}


def indicator_get(code: str | None) -> Indicator:
    try:
        return INDICATORS[code or "need"]
    except KeyError:
        raise RefahError(ERR_INDICATOR, field="indicator") from None


def period_parse(text: str | None) -> dt.date:
    """The month's first day from "YYYY-MM" (the current month when empty)."""
    this_month = timezone.localdate().replace(day=1)
    if not text:
        return this_month
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        raise RefahError(ERR_PERIOD, field="period")
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12) or dt.date(year, month, 1) > this_month:
        raise RefahError(ERR_PERIOD, field="period")
    return dt.date(year, month, 1)


# ----------------------------------------------------------------------------------------- figures


@dataclass
class AreaFigure:
    """One area's figure: counts and rate, None where suppressed (or, for the rate, where nobody is counted)."""

    level: str  # province | district | neighbourhood
    key: str  # P-code (province, district) or the neighbourhood's id
    name: str
    numerator: int | None
    denominator: int | None
    amount_kurus: int | None
    value: Decimal | None
    suppressed: bool
    district_pcode: str = ""


@dataclass
class ProvinceFigures:
    """One indicator's figures for a province: the province, its districts, each district's neighbourhoods."""

    indicator: Indicator
    period: dt.date
    province: Province
    total: AreaFigure
    districts: list[AreaFigure]
    neighbourhoods: dict[str, list[AreaFigure]] = field(default_factory=dict)  # by district P-code
    cutoff: float | None = None


def rate(indicator: Indicator, counts: Counts) -> Decimal | None:
    if counts.denominator <= 0:
        return None
    if indicator.unit == MONEY:  # TRY per household, to the kuruş
        kurus = (Decimal(counts.amount_kurus) / counts.denominator).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return (kurus / 100).quantize(Decimal("0.01"))
    scale = 1000 if indicator.unit == PER_MILLE else 100
    return (Decimal(counts.numerator * scale) / counts.denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_value(indicator: Indicator, value, lang: str = "tr") -> str:
    """A figure as people read it: %12,5 / 12.5% · 3,2‰ · 1.234,56 TL."""
    if value is None:
        return "•"
    value = Decimal(str(value))
    if indicator.unit == MONEY:
        return format_tl(int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), lang)
    text = f"{value:.1f}"
    if lang.startswith("tr"):
        text = text.replace(".", ",")
        return f"%{text}" if indicator.unit == PERCENT else f"{text}‰"
    return f"{text}%" if indicator.unit == PERCENT else f"{text}‰"


def figure_text(indicator: Indicator, area: AreaFigure, lang: str = "tr") -> str:
    """The area's figure as shown: "•" when hidden, "—" when nobody is counted."""
    if area.suppressed:
        return "•"
    return "—" if area.value is None else format_value(indicator, area.value, lang)


def count_text(value: int | None, lang: str = "tr") -> str:
    if value is None:
        return "•"
    text = f"{value:,}"
    return text.replace(",", ".") if lang.startswith("tr") else text


def _suppressed(counts: dict, groups: list[Group], *, threshold: int | None = None) -> set:
    """The keys hidden: the denominators' suppression first; the numerators' with those kept hidden (a key hidden
    for its denominator counts as a small numerator, so that no subtraction gives it back)."""
    hidden = suppress({k: c.denominator for k, c in counts.items()}, groups, threshold=threshold)
    numerators = {k: 1 if k in hidden else c.numerator for k, c in counts.items()}
    return hidden | suppress(numerators, groups, threshold=threshold)


def province_figures(province: Province, indicator: Indicator, day: dt.date, *, reader=None) -> ProvinceFigures:
    """The indicator's suppressed figures for the province, its districts and their neighbourhoods."""
    reader = reader or Reader(province.pk, day)
    by_neighbourhood = reader.counts(indicator.code)
    districts = list(District.objects.filter(province=province).order_by("name_ascii"))
    neighbourhoods = defaultdict(list)
    for nid, district_id, name in (
        Neighbourhood.objects.filter(district__province=province)
        .order_by("name_folded", "pk")
        .values_list("pk", "district_id", "name")
    ):
        neighbourhoods[district_id].append((nid, name))
    counts: dict[tuple, Counts] = {("P",): Counts()}
    groups = []
    for district in districts:
        total = counts[("D", district.pcode)] = Counts()
        members = []
        for nid, _name in neighbourhoods[district.pk]:
            own = by_neighbourhood.get(nid, Counts())
            counts[("N", nid)] = own
            members.append(("N", nid))
            for part in (total, counts[("P",)]):
                part.numerator += own.numerator
                part.denominator += own.denominator
                part.amount_kurus += own.amount_kurus
        groups.append(Group(("D", district.pcode), tuple(members)))
    groups.append(Group(("P",), tuple(("D", d.pcode) for d in districts)))
    hidden = _suppressed(counts, groups)

    def figure(key, level, code, name, district_pcode="") -> AreaFigure:
        own, secret = counts[key], key in hidden
        return AreaFigure(
            level,
            code,
            name,
            None if secret else own.numerator,
            None if secret else own.denominator,
            None if secret or indicator.unit != MONEY else own.amount_kurus,
            None if secret else rate(indicator, own),
            secret,
            district_pcode,
        )

    return ProvinceFigures(
        indicator,
        day,
        province,
        figure(("P",), "province", province.pcode, province.name),
        [figure(("D", d.pcode), "district", d.pcode, d.name, d.pcode) for d in districts],
        {
            d.pcode: [
                figure(("N", nid), "neighbourhood", str(nid), name, d.pcode) for nid, name in neighbourhoods[d.pk]
            ]
            for d in districts
        },
        need_cutoff(day) if indicator.code == "need" else None,
    )


def province_all(province: Province, day: dt.date) -> list[ProvinceFigures]:
    """Every indicator's figures for the province (the members read once)."""
    reader = Reader(province.pk, day)
    return [province_figures(province, indicator, day, reader=reader) for indicator in INDICATORS.values()]
