"""In/Out schemas of the cases API."""

import datetime as dt
import uuid

from ninja import Field, Schema


class ApplicationIn(Schema):
    household_id: uuid.UUID
    programs: list[str]
    consents: list[uuid.UUID]
    note: str = ""


class ProgramDecisionOut(Schema):
    program: str
    round: int
    outcome: str
    amount_kurus: int | None
    reason_codes: list[str]
    justification: str
    deviates_from_score: bool
    meeting_ref: str
    decided_at: dt.datetime


class EventOut(Schema):
    at: dt.datetime
    action: str
    from_status: str
    to_status: str
    actor_label: str
    reason: str


class DocumentOut(Schema):
    id: uuid.UUID
    doc_type: str
    original_name: str
    content_type: str
    size: int
    created_at: dt.datetime


class ApplicationOut(Schema):
    id: uuid.UUID
    reference: str
    household_id: uuid.UUID
    office: str
    channel: str
    status: str
    due_on: dt.date
    overdue: bool
    programs: list[str]
    missing_documents: list[str]
    created_at: dt.datetime


class ApplicationDetail(ApplicationOut):
    decisions: list[ProgramDecisionOut]
    documents: list[DocumentOut]
    events: list[EventOut]


class ApplicationPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ApplicationOut]


class AssetSeenIn(Schema):
    kind: str
    # Strict, as the schema says integer: no "3500" strings and no 3500.0 floats taken as kuruş.
    value_kurus: int = Field(0, ge=0, strict=True, description="Value in integer kuruş (350000 is 3,500.00 TL).")
    description: str = ""


class VisitIn(Schema):
    living_conditions: str
    observations: str
    assets_seen: str = ""
    members_present: list[uuid.UUID] = []
    dwelling_type: str | None = None
    tenure: str | None = None
    heating: str | None = None
    rooms: int | None = None
    assets: list[AssetSeenIn] = []
    latitude: float | None = None
    longitude: float | None = None


class VisitOut(Schema):
    id: uuid.UUID
    application_id: uuid.UUID
    inspector: str
    kind: str
    status: str
    due_on: dt.date
    visited_at: dt.datetime | None
    living_conditions: str
    observations: str
    changes: list[dict]


class ObjectionIn(Schema):
    reason: str


class ObjectionOut(Schema):
    id: uuid.UUID
    application_id: uuid.UUID
    status: str
    reason: str
    filed_at: dt.datetime
