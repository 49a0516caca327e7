"""Programs defined as data by municipalities and NGOs, from the same building blocks as the coded rules.

    spec = {
        "code": "igdir_elderly_food", "label": {"tr": "Yaşlı gıda kartı", "en": "Elderly food card"},
        "reference": "Iğdır Belediye Meclisi kararı 2025/14",
        "unit": "TRY", "frequency": "monthly", "valid_from": "2025-01-01",
        "conditions": [
            {"block": "income_ratio", "max_ratio": "1/3"},          # per-capita income ≤ 1/3 × NMW
            {"block": "age_range", "min": 65},                      # a member aged 65+
            {"block": "need_score", "min": 50},
        ],
        "amount": {"per": "beneficiary", "value": "750.00"},
        "payment": {"method": "aid_card", "purse": "food"},    # how it is paid: data, not code
    }
    program = program_from_spec(spec)     # validated; CustomProgramError with a clear message otherwise
    evaluate(batch, "2025-07", programs=[program])

Household blocks must all pass. Person blocks (age_range, disability, sex) select the beneficiaries:
the members passing every person block; the household needs at least one.

`payment` says how the payments app pays the program: "cash" (bank transfer to the recipient's IBAN, PTT
cash without one; unit TRY), "aid_card" (loaded onto a purse of the household's aid card; "purse" names
it: market holds points, the others TRY) or "in_kind" (delivered; unit not TRY; "item" names the
warehouse item when the aid comes out of a warehouse). "recipient" is "woman" (default) or "reference".
Without `payment` a TRY program is paid in cash, a points program onto the market purse, others in kind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from django.utils.translation import gettext_lazy as _

from refah.common.money import tl_to_kurus
from refah.eligibility.blocks import flag_test, income_ratio_test, result, value_test
from refah.eligibility.context import Context
from refah.eligibility.entities import CODE_LISTS, code
from refah.eligibility.errors import CustomProgramError, ParameterNotInForce
from refah.eligibility.result import Condition, ProgramResult
from refah.eligibility.rules import PROGRAMS

ERR_FIELD = "Custom program: {field} is required."
ERR_CODE = "Custom program code must be 3–60 lower-case letters, digits or _ and not a national program: {code!r}."
ERR_BLOCK = "Custom program: unknown building block {block!r}; use one of {known}."
ERR_BLOCK_FIELD = "Custom program block {block!r}: {detail}"
ERR_AMOUNT = "Custom program amount: {detail}"
ERR_CHOICE = "Custom program: {field} must be one of {choices}, not {value!r}."

ERR_PAYMENT = _("Custom program payment: {detail}")
ERR_PAYMENT_METHOD = _("method must be one of {choices}, not {value!r}.")
ERR_PAYMENT_FIELDS = _("unknown fields {fields}; use method, purse, item, recipient.")
ERR_PAYMENT_CASH_UNIT = _("a cash program pays money: its unit must be TRY, not {unit!r}.")
ERR_PAYMENT_PURSE = _("an aid card program needs a purse, one of {choices}, not {value!r}.")
ERR_PAYMENT_PURSE_UNIT = _("the {purse!r} purse holds {expected}: the program's unit must be {expected}.")
ERR_PAYMENT_IN_KIND_UNIT = _("an in-kind program delivers goods or places: its unit cannot be TRY.")
ERR_PAYMENT_ITEM = _("item must be one of {choices}, not {value!r}.")
ERR_PAYMENT_ITEM_UNIT = _("item {item!r} is counted in {expected}: the program's unit must be {expected}.")
ERR_PAYMENT_ONLY = _("{field} applies only to the {method} method.")
ERR_PAYMENT_RECIPIENT = _("recipient must be one of {choices}, not {value!r}.")

UNITS = ("TRY", "points", "kg", "places", "parcels")
FREQUENCIES = ("monthly", "one_off", "yearly")
AMOUNT_PER = ("household", "member", "child", "beneficiary")
PERSON_BLOCKS = {"age_range", "disability", "sex"}
PAYMENT_METHODS = ("cash", "in_kind", "aid_card")
# The aid card's purses and the warehouse items, by their stable codes (aidcard PurseKind, payments
# InKindItem; a test keeps them equal): the unit each one holds.
PURSE_UNITS = {"food": "TRY", "clothing": "TRY", "general": "TRY", "market": "points"}
ITEM_UNITS = {"coal_kg": "kg", "food_parcel": "parcels"}
RECIPIENTS = ("woman", "reference")
DEFAULT_METHOD = {"TRY": "cash", "points": "aid_card"}  # other units: in kind
# Shown on the custom programs screen; purse, item and recipient words are the aid card's and payments'.
METHOD_LABELS = {
    "cash": _("Cash: bank transfer to the IBAN, PTT payment without one"),
    "in_kind": _("In kind"),
    "aid_card": _("Aid card purse"),
}
PURSE_LABELS = {
    "food": _("Food"),
    "clothing": _("Clothing"),
    "general": _("General"),
    "market": _("Social market points"),
}
ITEM_LABELS = {"coal_kg": _("Heating coal (kg)"), "food_parcel": _("Food parcel")}
RECIPIENT_LABELS = {"woman": _("The woman of the household"), "reference": _("The reference person")}
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


@dataclass(frozen=True)
class Payment:
    """How a custom program is paid: method, the aid card purse it loads, the warehouse item it delivers."""

    method: str
    purse: str | None = None
    item: str | None = None
    recipient: str = "woman"


def payment_text(payment: Payment) -> str:
    """How the program is paid, in the active language: method, purse or item, recipient."""
    parts = [str(METHOD_LABELS[payment.method])]
    if payment.purse:
        parts[0] += f": {PURSE_LABELS[payment.purse]}"
    if payment.item:
        parts[0] += f": {ITEM_LABELS[payment.item]}"
    return " · ".join([*parts, str(RECIPIENT_LABELS[payment.recipient])])


def _payment_error(message, **params) -> CustomProgramError:
    return CustomProgramError(str(ERR_PAYMENT).format(detail=str(message).format(**params)))


def payment_from_spec(unit: str, spec: dict[str, Any] | None) -> Payment:
    """Validate the `payment` part of a spec against the program's unit (defaults: see the module docstring)."""
    spec = dict(spec or {})
    unknown = set(spec) - {"method", "purse", "item", "recipient"}
    if unknown:
        raise _payment_error(ERR_PAYMENT_FIELDS, fields=sorted(unknown))
    method = spec.get("method") or DEFAULT_METHOD.get(unit, "in_kind")
    if method not in PAYMENT_METHODS:
        raise _payment_error(ERR_PAYMENT_METHOD, choices=list(PAYMENT_METHODS), value=method)
    recipient = spec.get("recipient") or "woman"
    if recipient not in RECIPIENTS:
        raise _payment_error(ERR_PAYMENT_RECIPIENT, choices=list(RECIPIENTS), value=recipient)
    for field, owner in (("purse", "aid_card"), ("item", "in_kind")):
        if spec.get(field) and method != owner:
            raise _payment_error(ERR_PAYMENT_ONLY, field=field, method=owner)
    purse = spec.get("purse") or ("market" if unit == "points" and method == "aid_card" else None)
    item = spec.get("item") or None
    _check_unit(method, unit, purse, item)
    return Payment(method=method, purse=purse, item=item, recipient=recipient)


def _check_unit(method: str, unit: str, purse: str | None, item: str | None) -> None:
    """The program's unit must be what its method pays: TRY in cash, the purse's unit, the item's unit."""
    if method == "cash" and unit != "TRY":
        raise _payment_error(ERR_PAYMENT_CASH_UNIT, unit=unit)
    if method == "aid_card":
        if purse not in PURSE_UNITS:
            raise _payment_error(ERR_PAYMENT_PURSE, choices=list(PURSE_UNITS), value=purse)
        if PURSE_UNITS[purse] != unit:
            raise _payment_error(ERR_PAYMENT_PURSE_UNIT, purse=purse, expected=PURSE_UNITS[purse])
    if method == "in_kind":
        if unit == "TRY":
            raise _payment_error(ERR_PAYMENT_IN_KIND_UNIT)
        if item is not None and item not in ITEM_UNITS:
            raise _payment_error(ERR_PAYMENT_ITEM, choices=list(ITEM_UNITS), value=item)
        if item is not None and ITEM_UNITS[item] != unit:
            raise _payment_error(ERR_PAYMENT_ITEM_UNIT, item=item, expected=ITEM_UNITS[item])


@dataclass(frozen=True)
class CustomProgram:
    """A validated data-defined program; the engine evaluates it like a rule module."""

    CODE: str
    LABEL: dict[str, str]
    REFERENCE: str
    UNIT: str
    FREQUENCIES: tuple[str, ...]
    IN_KIND: bool
    valid_from: dt.date
    valid_to: dt.date | None
    conditions: tuple[dict[str, Any], ...]
    amount_per: str
    amount: int
    child_max_age: int
    payment: Payment

    @property
    def RECIPIENT(self) -> str:  # named as the rule modules' attribute blocks.result() reads
        """Who is paid: the definition's `payment.recipient` ("woman" or "reference")."""
        return self.payment.recipient

    def evaluate(self, ctx: Context) -> ProgramResult:
        """The program for every household of the context's batch."""
        if ctx.period < self.valid_from:
            raise ParameterNotInForce(f"{self.CODE}.valid_from", ctx.period, self.valid_from)
        if self.valid_to is not None and ctx.period > self.valid_to:
            raise ParameterNotInForce(f"{self.CODE}.valid_to", ctx.period, self.valid_from)
        conditions = [_condition(ctx, self.CODE, i, block) for i, block in enumerate(self.conditions)]
        eligible = np.ones(ctx.H, bool)
        beneficiaries = np.ones(len(ctx.ph), bool)
        for block, condition in zip(self.conditions, conditions, strict=True):
            if block["block"] in PERSON_BLOCKS:
                beneficiaries &= condition.passed
            else:
                eligible &= condition.passed
        has_person_blocks = any(block["block"] in PERSON_BLOCKS for block in self.conditions)
        if has_person_blocks:
            eligible &= ctx.hh_any(beneficiaries)
        beneficiaries &= ctx.to_persons(eligible)
        count = {
            "household": np.ones(ctx.H, np.int64),
            "member": ctx.hh_size,
            "child": ctx.hh_count(ctx.is_child_under(self.child_max_age)) if self.amount_per == "child" else None,
            "beneficiary": ctx.hh_count(beneficiaries),
        }[self.amount_per]
        amounts = {self.FREQUENCIES[0]: count * self.amount}
        return result(
            self,
            ctx,
            eligible & (count > 0),
            amounts,
            conditions,
            beneficiaries=beneficiaries if has_person_blocks else None,
        )


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


def _condition(ctx: Context, program: str, index: int, block: dict[str, Any]) -> Condition:
    """The Condition of one building block (reason code `<program>.<block><index>`)."""
    name = block["block"]
    code_ = f"{program}.{name}{index}"
    if name == "income_ratio":
        op = "<" if block.get("strict") else "<="
        return income_ratio_test(code_, ctx.hh_income, ctx.hh_size, op, Fraction(str(block["max_ratio"])), ctx.nmw)
    if name == "age_range":
        return _range(code_, {"tr": "yaş", "en": "age"}, ctx.age, block.get("min"), block.get("max"), "years", "person")
    if name == "disability":
        return value_test(
            code_,
            {"tr": "engellilik oranı (%)", "en": "disability rate (%)"},
            ctx.person("disability_percent"),
            ">=",
            block["min_percent"],
            kind="percent",
            level="person",
            applies=ctx.person("disability_percent") > 0,
        )
    if name == "sex":
        return flag_test(
            code_,
            {lang: f"{words[0]} {words[1][block['is']]}" for lang, words in SEX_WORDS.items()},
            ctx.person("sex") == code("sex", block["is"]),
            True,
            level="person",
        )
    if name == "household_size":
        return _range(
            code_,
            {"tr": "hane büyüklüğü", "en": "household size"},
            ctx.hh_size,
            block.get("min"),
            block.get("max"),
            "count",
            "household",
        )
    if name == "children":
        children = ctx.hh_count(ctx.is_child_under(block.get("max_age", 18)))
        return value_test(code_, {"tr": "çocuk sayısı", "en": "number of children"}, children, ">=", block["min"])
    if name == "need_score":
        return value_test(
            code_,
            {"tr": "hane ihtiyaç puanı", "en": "household need score"},
            ctx.program("need_score").score,
            ">=",
            block["min"],
            kind="score",
        )
    if name == "not_insured":
        return flag_test(
            code_, {"tr": "hanede sigortalı var", "en": "insured member in the household"}, ctx.hh_insured, False
        )
    if name == "province":
        plate = ctx.household("province_plate")
        return flag_test(code_, {"tr": "il kapsamda", "en": "province covered"}, np.isin(plate, block["in"]), True)
    districts = np.array([pcode in set(block["in"]) for pcode in ctx.batch.districts] + [False])
    return flag_test(
        code_, {"tr": "ilçe kapsamda", "en": "district covered"}, districts[ctx.household("district")], True
    )


# The sex block's subject in words ("cinsiyet: kadın"), never the code ("F").
SEX_WORDS = {"tr": ("cinsiyet", {"F": "kadın", "M": "erkek"}), "en": ("sex", {"F": "female", "M": "male"})}


def _range(
    code_: str, subject: dict[str, str], values: np.ndarray, low: int | None, high: int | None, kind: str, level: str
) -> Condition:
    """low ≤ values ≤ high as one condition (two when both bounds are given, shown as one range)."""
    passed = np.ones(len(values), bool)
    if low is not None:
        passed &= values >= low
    if high is not None:
        passed &= values <= high
    op, rhs = (">=", low) if high is None else ("<=", high) if low is None else ("<=", high)
    condition = value_test(code_, subject, values, op, rhs, kind=kind, level=level)
    condition.passed = passed
    if low is not None and high is not None:
        condition.note = {"tr": f"aralık {low}–{high}", "en": f"range {low}–{high}"}
    return condition
