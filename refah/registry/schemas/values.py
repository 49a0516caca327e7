"""The value types of the registry's API: money as TL strings with two decimals ("12500.00"), never JSON floats;
dates as ISO text; a place (province or district) as its pcode and name."""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

_MONEY_PATTERN = r"^[0-9]{1,13}(\.[0-9]{1,2})?$"
_MONEY_TEXT = re.compile(_MONEY_PATTERN.removeprefix("^").removesuffix("$"))  # [0-9]: \d would take "٣٥٠٠"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _money_in(value):
    if isinstance(value, (int, float)):  # bool is an int too; the schema says string, so every JSON number is refused
        code = "money_number" if isinstance(value, int) and not isinstance(value, bool) else "money_float"
        raise PydanticCustomError(code, _('Send amounts as a string in TL with at most two decimals, e.g. "12500.00".'))
    if isinstance(value, str):
        if not _MONEY_TEXT.fullmatch(value):
            raise PydanticCustomError(
                "money_format", _('Not an amount in TL: use digits with at most two decimals, e.g. "12500.00".')
            )
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite() and value >= 0 and value.as_tuple().exponent >= -2:
        return value
    raise PydanticCustomError("money_format", _("Not an amount in TL."))


def _money_out(value: Decimal) -> str:
    return f"{value:.2f}"


Money = Annotated[
    Decimal,
    BeforeValidator(_money_in),
    PlainSerializer(_money_out, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _MONEY_PATTERN,
            "examples": ["12500.00"],
            "description": "TL as a string of the digits 0-9 with at most two decimals; JSON numbers are rejected.",
        }
    ),
]


def _date_in(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_format", _("Not a valid date: use YYYY-MM-DD."))


IsoDate = Annotated[dt.date, BeforeValidator(_date_in)]


class PlaceOut(Schema):
    pcode: str
    name: str
