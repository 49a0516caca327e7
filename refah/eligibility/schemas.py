"""Ninja schemas of the eligibility API. Only the fields given are passed on: the engine never assumes.

The screener takes partial input: only a member's role and birth date are required. What is not given is
tried at every value it may take, and each program answers likely / unlikely / unknown with what is missing.
The screener's input fields are the declared facts (refah.registry.facts).
"""

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import create_model

from refah.registry.facts import Entity, Kind, Reading, facts_of

PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class ScreenerAssetIn(Schema):
    kind: str
    value: str = Field(..., description="TL")


_TYPES = {Kind.INT: int, Kind.NULLABLE_INT: int, Kind.BOOL: bool, Kind.NULLABLE_BOOL: bool, Kind.DATE: dt.date}


def _fields(entity: Entity) -> dict[str, Any]:
    """A screener field per declared fact (refah.registry.facts), by its key; all the assets are one list."""
    fields: dict[str, Any] = {}
    for fact in facts_of(entity):
        if fact.reading == Reading.ASSET_SUM:
            fields["assets"] = (list[ScreenerAssetIn] | None, None)
            continue
        kind = _TYPES.get(fact.kind, str)  # codes and places by their value, money in TL as text
        extra = {"ge": fact.minimum, "le": fact.maximum, "description": fact.note or None}
        extra = {name: value for name, value in extra.items() if value is not None}
        default = ... if fact.required else None
        fields[fact.screener_key] = (kind if fact.required else kind | None, Field(default, **extra))
    return fields


ScreenerMemberIn = create_model("ScreenerMemberIn", __base__=Schema, **_fields(Entity.PERSON))


class _Screener(Schema):
    def household(self) -> dict:
        """The household in the engine's dict shape, without the fields not given."""
        data = self.model_dump(exclude_none=True, exclude={"period"})
        for member in data["members"]:
            member["birth_date"] = member["birth_date"].isoformat()
        return data


ScreenerIn = create_model(
    "ScreenerIn",
    __base__=_Screener,
    period=(
        str | None,
        Field(None, pattern=PERIOD_PATTERN, description="YYYY-MM; the current month if not given"),
    ),
    **_fields(Entity.HOUSEHOLD),
    members=(list[ScreenerMemberIn], Field(..., min_length=1, max_length=30)),
)


class ReasonOut(Schema):
    code: str
    passed: bool
    text: str
    member: int | None = None


class ScreenerAmountOut(Schema):
    frequency: str = Field(..., description="monthly | one_off | yearly")
    text: str = Field(..., description='for people, in the language asked: "13.136,45 TL aylık", or a range')


class ScreenerMissingOut(Schema):
    field: str = Field(..., description="the input that would decide it: monthly_rent, members.1.monthly_income")
    label: str


class ProgramOut(Schema):
    code: str
    label: str
    reference: str
    status: str = Field(
        ...,
        description="likely: eligible whatever the missing inputs are; unlikely: eligible for none of them; "
        "unknown: it depends on the inputs in `missing`",
    )
    eligible: bool | None = Field(..., description="true when likely, false when unlikely, null when unknown")
    unit: str
    in_kind: bool
    not_in_force: bool
    monthly: str | None = Field(..., description="TL (or the unit) when the amount is known, e.g. 1200.00")
    one_off: str | None
    yearly: str | None
    amounts: list[ScreenerAmountOut]
    missing: list[ScreenerMissingOut] = Field(..., description="inputs deciding the status (or the amount)")
    reasons: list[ReasonOut] = Field(..., description="the reasons that hold whatever the missing inputs are")


class ScreenerOut(Schema):
    period: str
    language: str
    need_score: float | None = Field(..., description="null until every input it reads is given")
    programs: list[ProgramOut]
    missing: list[str] = Field(..., description="every input some program still needs")
