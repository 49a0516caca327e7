"""A custom program's definition (its spec) validated and built into the program the engine evaluates."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from refah.common.money import tl_to_kurus
from refah.eligibility.custom.payment import payment_from_spec
from refah.eligibility.custom.program import PERSON_BLOCKS, CustomProgram
from refah.eligibility.entities import CODE_LISTS
from refah.eligibility.errors import CustomProgramError
from refah.eligibility.rules import PROGRAMS

ERR_FIELD = "Custom program: {field} is required."
ERR_CODE = "Custom program code must be 3–60 lower-case letters, digits or _ and not a national program: {code!r}."
ERR_BLOCK = "Custom program: unknown building block {block!r}; use one of {known}."
ERR_BLOCK_FIELD = "Custom program block {block!r}: {detail}"
ERR_AMOUNT = "Custom program amount: {detail}"
ERR_CHOICE = "Custom program: {field} must be one of {choices}, not {value!r}."

UNITS = ("TRY", "points", "kg", "places", "parcels")
FREQUENCIES = ("monthly", "one_off", "yearly")
AMOUNT_PER = ("household", "member", "child", "beneficiary")
BLOCK_FIELDS: dict[str, set[str]] = {
    "income_ratio": {"max_ratio", "strict"},
    "age_range": {"min", "max"},
    "disability": {"min_percent"},
    "sex": {"is"},
    "household_size": {"min", "max"},
    "children": {"min", "max_age"},
    "need_score": {"min"},
    "not_insured": set(),
    "province": {"in"},
    "district": {"in"},
}


def _require(spec: dict[str, Any], field: str) -> Any:
    if spec.get(field) in (None, "", []):
        raise CustomProgramError(ERR_FIELD.format(field=field))
    return spec[field]


def _choice(spec: dict[str, Any], field: str, choices: tuple[str, ...]) -> str:
    value = _require(spec, field)
    if value not in choices:
        raise CustomProgramError(ERR_CHOICE.format(field=field, choices=list(choices), value=value))
    return value


def _validate_block(block: dict[str, Any]) -> dict[str, Any]:
    name = block.get("block")
    if name not in BLOCK_FIELDS:
        raise CustomProgramError(ERR_BLOCK.format(block=name, known=sorted(BLOCK_FIELDS)))
    unknown = set(block) - BLOCK_FIELDS[name] - {"block"}
    if unknown:
        raise CustomProgramError(ERR_BLOCK_FIELD.format(block=name, detail=f"unknown fields {sorted(unknown)}"))
    try:
        if name == "income_ratio":
            ratio = Fraction(str(_require(block, "max_ratio")))
            if ratio <= 0:
                raise ValueError("max_ratio must be positive")
        for field in ("min", "max", "min_percent", "max_age"):
            if block.get(field) is not None and (not isinstance(block[field], int) or block[field] < 0):
                raise ValueError(f"{field} must be a whole number ≥ 0")
        if name == "age_range" and block.get("min") is None and block.get("max") is None:
            raise ValueError("give min, max or both")
        if name in ("disability", "need_score", "household_size", "children"):
            _require(block, "min_percent" if name == "disability" else "min")
        if name == "sex" and block.get("is") not in CODE_LISTS["sex"]:
            raise ValueError(f"'is' must be one of {CODE_LISTS['sex']}")
        if name in ("province", "district") and not isinstance(block.get("in"), list | tuple):
            raise ValueError("'in' must be a list")
    except (ValueError, ZeroDivisionError, CustomProgramError) as exc:
        raise CustomProgramError(ERR_BLOCK_FIELD.format(block=name, detail=str(exc))) from None
    return block


def program_from_spec(spec: dict[str, Any]) -> CustomProgram:
    """Validate a spec (dict or parsed JSON) and build the program; CustomProgramError explains what is wrong."""
    code_ = _require(spec, "code")
    if not re.fullmatch(r"[a-z][a-z0-9_]{2,59}", str(code_)) or code_ in PROGRAMS or code_ == "need_score":
        raise CustomProgramError(ERR_CODE.format(code=code_))
    label = _require(spec, "label")
    label = {"tr": label, "en": label} if isinstance(label, str) else {"tr": label["tr"], "en": label["en"]}
    unit = _choice(spec, "unit", UNITS)
    frequency = _choice(spec, "frequency", FREQUENCIES)
    amount_spec = _require(spec, "amount")
    per = _choice(amount_spec, "per", AMOUNT_PER)
    conditions = tuple(_validate_block(dict(block)) for block in _require(spec, "conditions"))
    if per == "beneficiary" and not any(block["block"] in PERSON_BLOCKS for block in conditions):
        raise CustomProgramError(
            ERR_AMOUNT.format(detail="'per: beneficiary' needs an age_range, disability or sex block")
        )
    value = _require(amount_spec, "value")
    try:
        amount = _amount(unit, value)
    except (TypeError, ValueError) as exc:
        raise CustomProgramError(ERR_AMOUNT.format(detail=str(exc))) from None
    valid_to = spec.get("valid_to")
    return CustomProgram(
        CODE=code_,
        LABEL=label,
        REFERENCE=str(_require(spec, "reference")),
        UNIT=unit,
        FREQUENCIES=(frequency,),
        IN_KIND=unit != "TRY",
        valid_from=dt.date.fromisoformat(str(_require(spec, "valid_from"))),
        valid_to=dt.date.fromisoformat(str(valid_to)) if valid_to else None,
        conditions=conditions,
        amount_per=per,
        amount=amount,
        child_max_age=int(amount_spec.get("child_max_age", 18)),
        payment=payment_from_spec(unit, spec.get("payment")),
    )


def _amount(unit: str, value: Any) -> int:
    amount = tl_to_kurus(value) if unit == "TRY" else int(str(value))
    if amount <= 0:
        raise ValueError("value must be positive")
    return amount
