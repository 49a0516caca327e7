"""Ninja schemas of the eligibility API. Only the fields given are passed on: the engine never assumes.

The screener takes partial input: only a member's role and birth date are required. What is not given is
tried at every value it may take, and each program answers likely / unlikely / unknown with what is missing.
"""

import datetime as dt

from ninja import Field, Schema

PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class ScreenerMemberIn(Schema):
    role: str = Field(..., description="reference | spouse | child | parent | other")
    birth_date: dt.date
    sex: str | None = Field(None, description="F | M")
    disability_percent: int | None = Field(None, ge=0, le=100)
    dependency: str | None = Field(None, description="none | partial | full")
    monthly_income: str | None = Field(None, description='TL, e.g. "12500.00"')
    social_security: str | None = Field(None, description="none | active | pensioner")
    employment_status: str | None = None
    marital_status: str | None = None
    school_level: str | None = None
    absence_days: int | None = Field(None, ge=0, le=31)
    chronic_illness: bool | None = None
    pregnant: bool | None = None
    sed_risk: bool | None = None
    in_state_care: bool | None = None
    orphan: bool | None = None
    spouse_deceased: bool | None = None
    child_checkups_done: bool | None = None


class ScreenerAssetIn(Schema):
    kind: str
    value: str = Field(..., description="TL")


class ScreenerIn(Schema):
    period: str | None = Field(None, pattern=PERIOD_PATTERN, description="YYYY-MM; the current month if not given")
    il: int | None = Field(None, ge=1, le=81, description="province plate number")
    ilce: str | None = Field(None, description="district code, e.g. TUR076002")
    rural: bool | None = None
    dwelling_type: str | None = None
    tenure: str | None = None
    heating: str | None = None
    monthly_rent: str | None = None
    rooms: int | None = Field(None, ge=0, le=50)
    assets: list[ScreenerAssetIn] | None = None
    members: list[ScreenerMemberIn] = Field(..., min_length=1, max_length=30)

    def household(self) -> dict:
        """The household in the engine's dict shape, without the fields not given."""
        data = self.model_dump(exclude_none=True, exclude={"period"})
        for member in data["members"]:
            member["birth_date"] = member["birth_date"].isoformat()
        return data


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
