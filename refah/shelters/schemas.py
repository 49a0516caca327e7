"""The API's shapes for the sealed services. No schema carries a unit's address."""

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

from refah.registry.schemas.values import IsoDate
from refah.shelters.enums import CaseSource, CaseStatus, RiskLevel

Source = Literal[tuple(CaseSource.values)]
Risk = Literal[tuple(RiskLevel.values)]


class ProtectionCaseIn(Schema):
    source: Source
    reason: str = Field(..., min_length=1, max_length=4000, description="Why the case is opened")
    risk_level: Risk = "medium"
    national_id: str = Field("", max_length=11, description="The person's TC Kimlik No, if she gave it")
    person_label: str = Field("", max_length=200, description="The name she gave, without a TC Kimlik No")


class ProtectionCaseOut(Schema):
    id: uuid.UUID
    reference: str = Field(..., description="The case number to tell on the phone")
    unit_id: uuid.UUID
    unit_name: str
    person_id: uuid.UUID | None
    person_name: str
    opened_on: dt.date
    source: str
    risk_level: str
    status: Literal[tuple(CaseStatus.values)]
    closed_on: dt.date | None


class ProtectionCasePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProtectionCaseOut]


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=4000)


class NoteOut(Schema):
    id: uuid.UUID
    at: dt.datetime
    author: str
    text: str


class OrderOut(Schema):
    id: uuid.UUID
    kind: str
    issuer: str
    issued_on: dt.date
    starts_on: dt.date
    ends_on: dt.date


class StayIn(Schema):
    shelter_id: uuid.UUID = Field(..., description="A women's shelter of the unit's province")
    children: int = Field(0, ge=0, le=20, strict=True, description="Children staying with her")
    started_on: IsoDate | None = None


class StayEndIn(Schema):
    ended_on: IsoDate | None = None
    note: str = Field("", max_length=2000)


class StayOut(Schema):
    id: uuid.UUID
    case_id: uuid.UUID
    shelter_id: uuid.UUID
    shelter_name: str
    children: int
    started_on: dt.date
    ended_on: dt.date | None


class SealedReferralOut(Schema):
    id: uuid.UUID
    to_kind: str
    institution: str
    made_on: dt.date


class ProtectionCaseDetailOut(ProtectionCaseOut):
    intake_reason: str
    notes: list[NoteOut]
    orders: list[OrderOut]
    stays: list[StayOut]
    referrals_out: list[SealedReferralOut]
