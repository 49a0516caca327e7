"""The anonymous screener: what could this household receive? Evaluated, explained, never stored."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError
from refah.common.money import kurus_to_tl
from refah.eligibility.customs import custom_set_approved
from refah.eligibility.engine import evaluate, parse_period
from refah.eligibility.errors import EligibilityError, InvalidInputError, MissingInputError
from refah.eligibility.overlay import overrides_on
from refah.eligibility.rules import PROGRAMS
from refah.geo.models import District

ERR_MISSING = _("This information is needed to check the programmes.")
ERR_PERIOD = _("Give the month as YYYY-MM.")
# Engine column names → the screener's field names.
FIELD_NAMES = {"province_plate": "il", "district": "ilce", "is_rural": "rural", "income": "monthly_income"}
_MEMBER = re.compile(r"member (\d+)")
_HOUSEHOLD_FIELDS = {"il", "ilce", "rural", "rooms", "monthly_rent", "dwelling_type", "tenure", "heating", "assets"}


class ScreenerInputError(RefahError):
    """Missing or invalid screener input, named by its field (members.0.birth_date)."""

    status_code = 422


def _field(exc: EligibilityError) -> str:
    name = FIELD_NAMES.get(exc.field, exc.field)
    if name in _HOUSEHOLD_FIELDS or name in ("members", "period"):
        return name
    where = _MEMBER.search(str(exc))
    return f"members.{int(where.group(1)) - 1}.{name}" if where else f"members.{name}"


def _customs_for(ilce: str | None) -> list[Any]:
    district = District.objects.filter(pcode=ilce).first() if ilce else None
    if district is None:
        return []
    return custom_set_approved().for_district(district_id=district.pk, province_id=district.province_id)


def _amount_text(program, frequency: str) -> str | None:
    values = program.amounts.get(frequency)
    if values is None or not int(values[0]):
        return None
    return str(kurus_to_tl(int(values[0]))) if program.unit == "TRY" else str(int(values[0]))


def screen(*, household: dict[str, Any], period: str | dt.date, lang: str) -> dict[str, Any]:
    """Every programme's eligibility, amounts (TL strings) and reasons in `lang`, and the need score."""
    try:
        day = parse_period(period)
    except ValueError:
        raise ScreenerInputError(ERR_PERIOD, field="period", code="invalid") from None
    programs = [*PROGRAMS, *_customs_for(household.get("ilce")), "need_score"]
    try:
        result = evaluate(household, day, programs=programs, parameter_overrides=overrides_on(day))
    except MissingInputError as exc:
        raise ScreenerInputError(f"{ERR_MISSING} ({exc})", field=_field(exc), code="missing") from None
    except InvalidInputError as exc:
        raise ScreenerInputError(str(exc), field=_field(exc), code="invalid") from None
    reasons = result.explain(0, lang)
    out = []
    for code, program in result.programs.items():
        out.append(
            {
                "code": code,
                "label": program.label[lang],
                "reference": program.reference,
                "eligible": bool(program.eligible[0]),
                "unit": program.unit,
                "in_kind": program.in_kind,
                "not_in_force": bool(program.not_in_force),
                "monthly": _amount_text(program, "monthly"),
                "one_off": _amount_text(program, "one_off"),
                "yearly": _amount_text(program, "yearly"),
                "reasons": reasons.get(code, []),
            }
        )
    out.sort(key=lambda item: (not item["eligible"], item["label"]))
    score = float(result.need_score.score[0]) if result.need_score is not None else None
    return {"period": f"{day:%Y-%m}", "language": lang, "need_score": score, "programs": out}
