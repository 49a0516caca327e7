"""The API's shapes for the social services: the catalogue, referrals, SHM cases, group programmes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema
from pydantic import AwareDatetime

from refah.casework.enums import (
    AttendanceStatus,
    CaseOutcome,
    CaseStatus,
    ReferralSource,
    ReferralStatus,
    ServiceKind,
    SessionKind,
    SessionStatus,
)
from refah.registry.schemas.values import IsoDate

_KINDS = tuple(ServiceKind.values)


class ServiceOut(Schema):
    id: uuid.UUID
    kind: str
    name: str
    provider_kind: str
    office_id: uuid.UUID | None
    provider_name: str
    province: str | None
    district: str | None
    phone: str
    days_to_answer: int
    active: bool


class ServicePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ServiceOut]


class ServiceReferralIn(Schema):
    household_id: uuid.UUID
    person_id: uuid.UUID | None = Field(None, description="A current member, when the referral is about one")
    service_id: uuid.UUID | None = Field(None, description="A service of the catalogue; or give `kind`")
    kind: Literal[_KINDS] | None = Field(None, description="The nearest active service of this kind")  # type: ignore[valid-type]
    reason: str = Field(..., min_length=1, max_length=2000)
    source: Literal[tuple(ReferralSource.values)] = ReferralSource.INSTITUTION  # type: ignore[valid-type]
    deadline: IsoDate | None = Field(None, description="Answer by; the service's usual time when empty")


class StepOut(Schema):
    at: dt.datetime
    action: str
    actor: str
    from_status: str
    to_status: str
    note: str


class ServiceReferralOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    person_id: uuid.UUID | None
    service_id: uuid.UUID
    service_kind: str
    status: Literal[tuple(ReferralStatus.values)]  # type: ignore[valid-type]
    source: str
    reason: str
    owner_id: int | None
    deadline: dt.date
    escalation_level: int
    declined_reason: str
    outcome: str
    closed_on: dt.date | None
    created_at: dt.datetime


class ServiceReferralDetailOut(ServiceReferralOut):
    steps: list[StepOut]


class ServiceReferralPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ServiceReferralOut]


class SealedOut(Schema):
    detail: str


class ReferralAcceptIn(Schema):
    owner_id: int | None = Field(None, description="A worker of the providing office; the caller when empty")


class OutcomeIn(Schema):
    outcome: str = Field(..., min_length=1, max_length=2000)


class ReferralReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class SocialCaseIn(Schema):
    household_id: uuid.UUID
    person_ids: list[uuid.UUID] = Field(..., min_length=1, max_length=30)
    reason: str = Field(..., min_length=1, max_length=2000)
    referral_id: uuid.UUID | None = None
    worker_id: int | None = Field(None, description="The social worker; the caller when empty")


class SessionIn(Schema):
    kind: Literal[tuple(SessionKind.values)]  # type: ignore[valid-type]
    scheduled_at: AwareDatetime
    status: Literal[tuple(SessionStatus.values)] = SessionStatus.SCHEDULED  # type: ignore[valid-type]
    notes: str = Field("", max_length=8000)


class SessionOut(Schema):
    id: uuid.UUID
    kind: str
    scheduled_at: dt.datetime
    status: str
    notes: str


class PlanIn(Schema):
    summary: str = Field(..., min_length=1, max_length=8000)
    agreed_on: IsoDate | None = None
    review_on: IsoDate


class GoalIn(Schema):
    text: str = Field(..., min_length=1, max_length=300)
    target_date: IsoDate


class GoalOut(Schema):
    id: uuid.UUID
    text: str
    target_date: dt.date
    status: str
    achieved_on: dt.date | None


class PlanOut(Schema):
    summary: str
    agreed_on: dt.date
    review_on: dt.date
    goals: list[GoalOut]


class SocialCaseCloseIn(Schema):
    outcome: Literal[tuple(CaseOutcome.values)]  # type: ignore[valid-type]
    note: str = Field(..., min_length=1, max_length=4000)


class SocialCaseOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    person_ids: list[uuid.UUID]
    office_id: uuid.UUID
    worker_id: int | None
    referral_id: uuid.UUID | None
    status: Literal[tuple(CaseStatus.values)]  # type: ignore[valid-type]
    reason: str
    opened_on: dt.date
    closed_on: dt.date | None
    outcome: str
    outcome_note: str


class SocialCaseDetailOut(SocialCaseOut):
    plan: PlanOut | None
    sessions: list[SessionOut]


class SocialCasePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[SocialCaseOut]


class ProgrammeOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    office_id: uuid.UUID
    starts_on: dt.date
    ends_on: dt.date
    capacity: int
    enrolled: int
    completion_percent: int


class ProgrammePage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProgrammeOut]


class EnrolIn(Schema):
    person_id: uuid.UUID


class EnrolmentOut(Schema):
    id: uuid.UUID
    programme_id: uuid.UUID
    person_id: uuid.UUID
    household_id: uuid.UUID
    enrolled_on: dt.date


class AttendanceIn(Schema):
    marks: dict[uuid.UUID, Literal[tuple(AttendanceStatus.values)]] = Field(  # type: ignore[valid-type]
        ..., description="Enrolment id → present | absent | excused", max_length=500
    )


class AttendanceOut(Schema):
    recorded: int


class CountsOut(Schema):
    referrals_by_status: dict[str, int]
    referrals_overdue: int
    cases_by_status: dict[str, int]
    programmes: int
    enrolments: int
