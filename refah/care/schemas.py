"""The API's shapes for the specialised services: institutions with their occupancy, waiting entries with their
points and reasons, placements, offers, foster families, crèche quotas."""

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

from refah.care.enums import CareMode, DischargeReason, FosterKind, InstitutionKind, Ownership
from refah.registry.schemas.values import IsoDate

Kind = Literal[tuple(InstitutionKind.values)]  # type: ignore[valid-type]


class InstitutionIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: Kind
    ownership: Literal[tuple(Ownership.values)]  # type: ignore[valid-type]
    mode: Literal[tuple(CareMode.values)]  # type: ignore[valid-type]
    district_pcode: str = Field(..., min_length=1, max_length=20, description="The district, e.g. TUR076002")
    capacity: int = Field(..., ge=0, le=100_000, strict=True)
    units: int = Field(1, ge=1, le=50, strict=True, description="Units of a child home site (10–12 places each)")
    operator_name: str = Field("", max_length=200, description="A private institution's operator")


class InstitutionPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    mode: Literal[tuple(CareMode.values)] | None = None  # type: ignore[valid-type]
    capacity: int | None = Field(None, ge=0, le=100_000, strict=True)
    units: int | None = Field(None, ge=1, le=50, strict=True)
    active: bool | None = Field(None, strict=True)


class InstitutionOut(Schema):
    id: uuid.UUID
    name: str
    kind: str
    ownership: str
    mode: str
    run_by: str
    district_pcode: str
    units: int
    capacity: int
    occupied: int
    free: int
    active: bool


class PriorityReasonOut(Schema):
    code: str
    points: int
    text: str


class WaitingEntryOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    kind: str
    institution_id: uuid.UUID | None
    referral_id: uuid.UUID | None
    listed_on: dt.date
    status: str
    points: int
    reasons: list[PriorityReasonOut]
    days_waiting: int
    offered_institution_id: uuid.UUID | None
    offer_expires_on: dt.date | None
    closed_on: dt.date | None


class EntryIn(Schema):
    person_id: uuid.UUID
    household_id: uuid.UUID
    kind: Kind | None = Field(None, description="The kind of institution (or give institution_id)")
    institution_id: uuid.UUID | None = None
    referral_id: uuid.UUID | None = Field(None, description="The casework referral to a care service, if any")
    note: str = Field("", max_length=2000)


class CareReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=300)


class CarePlacementIn(Schema):
    institution_id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    started_on: IsoDate | None = None


class DischargeIn(Schema):
    ended_on: IsoDate
    reason: Literal[tuple(DischargeReason.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=300)


class CarePlacementOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    institution_id: uuid.UUID
    started_on: dt.date
    ended_on: dt.date | None
    discharge_reason: str
    waiting_entry_id: uuid.UUID | None


class FosterFamilyIn(Schema):
    household_id: uuid.UUID
    kind: Literal[tuple(FosterKind.values)]  # type: ignore[valid-type]
    approved_on: IsoDate
    capacity: int = Field(..., ge=1, le=4, strict=True)


class FosterFamilyOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    kind: str
    approved_on: dt.date
    capacity: int
    current: int
    active: bool


class FosterPlacementIn(Schema):
    child_id: uuid.UUID
    household_id: uuid.UUID = Field(..., description="The child's household")
    started_on: IsoDate


class FosterPlacementOut(Schema):
    id: uuid.UUID
    child_id: uuid.UUID
    household_id: uuid.UUID
    family_id: uuid.UUID
    started_on: dt.date
    ended_on: dt.date | None


class CrecheQuotaOut(Schema):
    creche_id: uuid.UUID
    name: str
    capacity: int
    quota: int
    used: int
    free: int


class CrecheAllocationIn(Schema):
    creche_id: uuid.UUID
    child_id: uuid.UUID
    household_id: uuid.UUID


class CrecheAllocationOut(Schema):
    id: uuid.UUID
    creche_id: uuid.UUID
    child_id: uuid.UUID
    household_id: uuid.UUID
    started_on: dt.date
    ended_on: dt.date | None
