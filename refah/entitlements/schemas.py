"""The API's shapes for veterans and martyrs' relatives, their entitlements, travel cards, issue runs and batches."""

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

from refah.entitlements.enums import (
    CardStatus,
    DeliveryPlace,
    EntitlementKind,
    Receiver,
    ReplaceReason,
    VeteranStatus,
)
from refah.registry.schemas.values import IsoDate


class VeteranIn(Schema):
    person_id: uuid.UUID = Field(..., description="A current member of a household of the caller's jurisdiction")
    status: Literal[tuple(VeteranStatus.values)]  # type: ignore[valid-type]
    subject_name: str = Field(..., min_length=1, max_length=200, description="The martyr's or veteran's name")
    subject_national_id: str = Field(
        "", max_length=11, description="The martyr's or veteran's TC Kimlik No (a veteran's own when left empty)"
    )
    event_date: IsoDate = Field(..., description="Date of martyrdom, or of becoming a veteran")
    decision_ref: str = Field(..., min_length=1, max_length=100, description="The ministry's decision reference")
    decision_date: IsoDate | None = None


class EntitlementIn(Schema):
    kind: Literal[tuple(EntitlementKind.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=300)


class UseIn(Schema):
    used_on: IsoDate | None = Field(None, description="Default: today")


class EntitlementReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=300)


class ReferIn(Schema):
    reason: str = Field("", max_length=300, description="Why the person asks for the referral (optional)")


class IssueIn(Schema):
    district: str | None = Field(None, max_length=12, description="Only this district (pcode, e.g. TUR076002)")
    household_id: uuid.UUID | None = Field(None, description="Only this household")


class DeliverIn(Schema):
    place: Literal[tuple(DeliveryPlace.values)]  # type: ignore[valid-type]
    receiver: Literal[tuple(Receiver.values)]  # type: ignore[valid-type]
    delivered_on: IsoDate | None = Field(None, description="Default: today")
    proxy_name: str = Field("", max_length=200, description="Required when a proxy received the card")
    proxy_national_id: str = Field("", max_length=11, description="The proxy's TC Kimlik No")


class ReplaceIn(Schema):
    reason: Literal[tuple(ReplaceReason.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=200)


class PrintBatchIn(Schema):
    district: str | None = Field(None, max_length=12, description="Only this district's cards (pcode)")


class PrintedIn(Schema):
    printed_on: IsoDate | None = Field(None, description="Default: today")


class VeteranEntitlementOut(Schema):
    id: uuid.UUID
    record_id: uuid.UUID
    person_id: uuid.UUID
    kind: str
    status: str
    granted_on: dt.date
    used_on: dt.date | None
    revoked_on: dt.date | None
    note: str
    referral_id: uuid.UUID | None
    source: str = Field(..., description="The legal source of the entitlement")


class VeteranOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    status: str
    subject_name: str
    subject_national_id: str
    event_date: dt.date
    decision_ref: str
    decision_date: dt.date | None


class CardOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    basis: str
    number: str
    status: str
    requested_on: dt.date
    batch_id: uuid.UUID | None
    issued_on: dt.date | None
    valid_until: dt.date | None
    delivered_on: dt.date | None
    delivery_place: str
    receiver: str
    proxy_name: str
    replaces_id: uuid.UUID | None
    ended_on: dt.date | None
    end_reason: str


class ReferralLineOut(Schema):
    id: uuid.UUID
    service: str
    status: str
    deadline: dt.date


class VeteranDetailOut(VeteranOut):
    entitlements: list[VeteranEntitlementOut]
    entitlements_grantable: list[str]
    travel_cards: list[CardOut]
    referrals: list[ReferralLineOut] = Field(..., description="The household's referrals to services")


class VeteranPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[VeteranOut]


class CardPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CardOut]


class IssueRunOut(Schema):
    id: uuid.UUID
    period: dt.date
    persons_found: int = Field(..., description="Persons entitled in the area")
    already_carded: int = Field(..., description="Of them, holding a live card already")
    cards_requested: int


class PrintBatchOut(Schema):
    id: uuid.UUID
    reference: str
    status: str
    district: str | None = Field(..., description="pcode, or null for a batch of a whole province")
    card_count: int
    created_at: dt.datetime
    printed_on: dt.date | None


class BatchDetailOut(PrintBatchOut):
    card_ids: list[uuid.UUID]


class KindOut(Schema):
    code: str
    label: str
    statuses: list[str]
    one_per_subject: bool
    source: str


CARD_STATUSES = Literal[tuple(["", *CardStatus.values])]  # type: ignore[valid-type]
VETERAN_STATUSES = Literal[tuple(["", *VeteranStatus.values])]  # type: ignore[valid-type]
