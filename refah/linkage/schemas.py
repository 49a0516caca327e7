"""In/Out schemas of the linkage API."""

import datetime as dt
import uuid

from ninja import Field, Schema

from refah.common.schemas import ObjectIn


class CandidateOut(Schema):
    person_id: uuid.UUID
    probability: float
    evidence: dict[str, str]


class ReviewOut(Schema):
    id: uuid.UUID
    kind: str
    record_id: str
    district: str = Field(description="The district's code (pcode).")
    status: str
    record: dict
    candidates: list[CandidateOut]
    created_at: dt.datetime
    decided_at: dt.datetime | None
    reason: str


class LinkOut(Schema):
    id: uuid.UUID
    kind: str
    record_id: str
    person_id: uuid.UUID
    district: str
    method: str
    probability: float
    evidence: dict[str, str]
    created_at: dt.datetime
    undone_at: dt.datetime | None
    undone_reason: str


class AcceptIn(ObjectIn):
    person_id: uuid.UUID
    keep_id: uuid.UUID | None = Field(
        None,
        description="Two registry persons (kind registry_person): the one kept when they are merged, the record or "
        "the candidate. By default the one with a valid TC Kimlik No, else the older record.",
    )
    reason: str = Field("", max_length=500, description="Why the record is this person (kept with a merge).")


class ReasonIn(ObjectIn):
    reason: str = Field(min_length=1, max_length=500)
