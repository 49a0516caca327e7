"""How a custom program is paid: the `payment` part of its spec, checked against the program's unit.

`payment` says how the payments app pays the program: "cash" (bank transfer to the recipient's IBAN, PTT
cash without one; unit TRY), "aid_card" (loaded onto a purse of the household's aid card; "purse" names
it: market holds points, the others TRY) or "in_kind" (delivered; unit not TRY; "item" names the
warehouse item when the aid comes out of a warehouse). "recipient" is "woman" (default) or "reference".
Without `payment` a TRY program is paid in cash, a points program onto the market purse, others in kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from refah.eligibility.errors import CustomProgramError

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
