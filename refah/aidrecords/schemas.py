"""The API's shapes for aid records."""

import datetime as dt
import uuid
from decimal import Decimal

from ninja import Field, Schema

from refah.aidrecords import enums
from refah.registry.schemas import IsoDate

_KINDS = "|".join(enums.AidKind.values)
_NEEDS = "|".join(enums.NeedCategory.values)


class AidRecordIn(Schema):
    reference: str = Field(..., min_length=1, max_length=64, description="The giver's own reference of the record")
    kind: str = Field(..., max_length=40, description=f"Kind of aid: {_KINDS} (or its label)")
    need: str = Field(..., max_length=40, description=f"The need it covers: {_NEEDS} (or its label)")
    amount_kurus: int | None = Field(None, strict=True, description="Amount in kuruş (1 TL = 100)")
    quantity: Decimal | None = Field(None, description="Quantity given in kind, with its unit")
    unit: str | None = Field(None, max_length=20)
    given_on: IsoDate
    period_start: IsoDate = Field(..., description="First day of the period the aid covers")
    period_end: IsoDate = Field(..., description="Last day of the period the aid covers")
    national_id: str | None = Field(None, max_length=11, description="TC Kimlik No or foreigner's number, as known")
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    birth_date: IsoDate | None = None
    father_name: str | None = Field(None, max_length=100)
    mother_name: str | None = Field(None, max_length=100)
    phone: str | None = Field(None, max_length=20)
    district: str | None = Field(None, max_length=12, description="District pcode (TUR076002); default: the office's")
    neighbourhood: str | None = Field(None, max_length=100)
    address: str | None = Field(None, max_length=250)
    person_id: uuid.UUID | None = Field(None, description="A registry person, when the giver knows the id")
    household_id: uuid.UUID | None = Field(None, description="A registry household, when the giver knows the id")

    def raw(self) -> dict:
        data = self.dict()
        data["district_pcode"] = data.pop("district")
        data["address_line"] = data.pop("address")
        return data


class AidRecordOut(Schema):
    id: uuid.UUID
    reference: str
    giver: str
    kind: str
    need: str
    amount_kurus: int | None
    quantity: Decimal | None
    unit: str
    given_on: dt.date
    period_start: dt.date
    period_end: dt.date
    district: str = Field(..., description="District pcode")
    link_status: str = Field(..., description="linked | pending | unlinked")
    person_id: uuid.UUID | None
    household_id: uuid.UUID | None


class IntakeOut(Schema):
    replayed: bool = Field(..., description="True when nothing new was stored (a retry, or records already held)")
    records: list[AidRecordOut]


class AidRecordPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AidRecordOut]


class DuplicateFlagOut(Schema):
    id: uuid.UUID
    kind: str
    status: str
    household_id: uuid.UUID
    person_id: uuid.UUID | None
    first: AidRecordOut
    second: AidRecordOut
    note: str


class ResolveIn(Schema):
    status: str = Field(..., max_length=10, description="justified | recovered | error")
    note: str = Field(..., max_length=500)


class GiverReportIn(Schema):
    period_start: IsoDate
    period_end: IsoDate
    records_given: int = Field(..., ge=0, le=100_000_000, strict=True)
    amount_kurus: int | None = Field(None, ge=0, le=10**15, strict=True)


class GiverReportOut(Schema):
    id: uuid.UUID
    giver: str
    period_start: dt.date
    period_end: dt.date
    records_given: int
    amount_kurus: int | None
