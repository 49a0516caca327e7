"""The API's shapes for employment: referrals, offers and answers, placements, sanctions, the follow-up."""

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

from refah.employment.enums import EndReason
from refah.employment.reasons import RefusalReason
from refah.registry.schemas.values import IsoDate

_REASONS = "|".join(RefusalReason.values)


class ReferralIn(Schema):
    person_id: uuid.UUID = Field(..., description="A current member the rules find able to work")


class CloseIn(Schema):
    reason: str = Field(..., min_length=1, max_length=300)


class OfferIn(Schema):
    kind: Literal["job", "course"]
    title: str = Field(..., min_length=1, max_length=200)
    employer: str = Field(..., min_length=1, max_length=200, description="The employer, or the course provider")
    workplace: str = Field("", max_length=200)
    distance_km: int | None = Field(None, ge=0, le=100_000, strict=True)
    monthly_wage_kurus: int | None = Field(None, gt=0, le=10**10, strict=True, description="kuruş (1 TL = 100)")
    offered_on: IsoDate
    answer_by: IsoDate = Field(..., description="The last day to answer")


class AnswerIn(Schema):
    answer: Literal["accepted", "refused"]
    reason: str = Field("", max_length=16, description=f"For a refusal: {_REASONS}")
    note: str = Field("", max_length=2000, description="The person's words (required for the reason 'other')")


class ValidityIn(Schema):
    valid: bool = Field(..., strict=True, description="Was the refusal's reason valid?")
    justification: str = Field(..., min_length=1, max_length=2000)


class PlacementIn(Schema):
    employer: str = Field(..., min_length=1, max_length=200)
    started_on: IsoDate
    monthly_wage_kurus: int | None = Field(None, gt=0, le=10**10, strict=True)
    premium_support: bool = Field(False, strict=True, description="The employer's premiums are supported (a year)")
    offer_id: uuid.UUID | None = Field(None, description="The offer accepted, if the job came from one")


class PlacementEndIn(Schema):
    ended_on: IsoDate
    reason: Literal[tuple(EndReason.values)]  # type: ignore[valid-type]


class SanctionObjectionIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class ReferralOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    referred_on: dt.date
    status: str
    jobseeker_ref: str
    iskur_registered_on: dt.date | None
    iskur_error: str
    closed_on: dt.date | None


class OfferOut(Schema):
    id: uuid.UUID
    referral_id: uuid.UUID
    person_id: uuid.UUID
    kind: str
    source: str
    title: str
    employer: str
    workplace: str
    distance_km: int | None
    monthly_wage_kurus: int | None
    offered_on: dt.date
    answer_by: dt.date
    answer: str
    answered_at: dt.datetime | None
    refusal_reason: str
    refusal_note: str
    validity: str
    validity_note: str
    sanction_id: uuid.UUID | None


class PlacementOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    offer_id: uuid.UUID | None
    source: str
    employer: str
    monthly_wage_kurus: int | None
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str
    premium_support: bool
    premium_support_until: dt.date | None


class SanctionMonthOut(Schema):
    month: dt.date
    share: str = Field(..., description="Share of the regular aid withheld that month, e.g. 1/4")


class SanctionOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    person_id: uuid.UUID
    decided_on: dt.date
    starts_on: dt.date
    ends_on: dt.date | None
    status: str
    cancelled_on: dt.date | None
    refusal_ids: list[uuid.UUID]
    months: list[SanctionMonthOut]


class ReferralDetailOut(ReferralOut):
    offers: list[OfferOut]
    placements: list[PlacementOut]


class PersonEmploymentOut(Schema):
    person_id: uuid.UUID
    household_id: uuid.UUID | None
    referrals: list[ReferralOut]
    offers: list[OfferOut]
    placements: list[PlacementOut]
    sanctions: list[SanctionOut]


class MemberEmploymentOut(Schema):
    person_id: uuid.UUID
    referral_id: uuid.UUID | None
    in_work_since: dt.date | None
    offers_awaiting_answer: int


class HouseholdEmploymentOut(Schema):
    household_id: uuid.UUID
    members: list[MemberEmploymentOut]
    sanctions: list[SanctionOut]


class ReferralPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ReferralOut]


class SyncOut(Schema):
    offers: int = Field(..., description="New offers stored")
    answers_told: int
    placements: int = Field(..., description="New placements stored")
    placements_ended: int


class SanctionObjectionOut(Schema):
    id: uuid.UUID
    application_id: uuid.UUID
    status: str
    filed_at: dt.datetime


class FollowupOut(Schema):
    referred: int
    placed: int
    due_6: int = Field(..., description="Placements of the window that reached 6 months")
    in_work_6: int
    due_12: int
    in_work_12: int
    left_aid_through_work: int


class RefusalReasonOut(Schema):
    code: str
    label: str
    presumed_valid: bool | None = Field(..., description="null: decided from the offer (distance, wage)")
