"""In/Out schemas of the committees API."""

import datetime as dt
import uuid

from ninja import Field, Schema

from refah.committees.enums import VoteChoice
from refah.common.schemas import ObjectIn


class MeetingIn(Schema):
    committee_id: uuid.UUID
    reference: str = Field(max_length=40)
    scheduled_at: dt.datetime
    location: str = Field("", max_length=200)


class MeetingOut(Schema):
    id: uuid.UUID
    committee_id: uuid.UUID
    committee: str
    office_id: uuid.UUID
    reference: str
    scheduled_at: dt.datetime
    location: str
    status: str
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    agenda_built_at: dt.datetime | None


class CommitteeMemberOut(Schema):
    id: uuid.UUID
    full_name: str
    role: str
    title: str
    external: bool
    present: bool


class QuorumOut(Schema):
    present: int
    members: int
    required: int
    met: bool


class MeetingDetail(MeetingOut):
    members: list[CommitteeMemberOut]
    quorum: QuorumOut


class OpenIn(Schema):
    present: list[uuid.UUID]


class ProgramLineOut(Schema):
    program: str
    eligible: bool | None
    amount_kurus: int


class RecusalIn(Schema):
    member_id: uuid.UUID
    reason: str = Field(max_length=300)


class RecusalOut(Schema):
    id: uuid.UUID
    member_id: uuid.UUID
    member: str = Field(alias="member.full_name")
    reason: str
    detail: str
    automatic: bool


class VoteIn(Schema):
    member_id: uuid.UUID
    program: str = Field(max_length=64)
    choice: VoteChoice


class VoteOut(Schema):
    id: uuid.UUID
    member_id: uuid.UUID
    program: str
    choice: str


class DecideIn(ObjectIn):  # every field optional: only ObjectIn stops `[]` from deciding with the defaults
    reason_codes: dict[str, list[str]] = {}
    justifications: dict[str, str] = {}
    justification: str = ""


class DecisionOut(Schema):
    program: str
    outcome: str
    tally: dict[str, int]
    objective_eligible: bool | None
    need_score: float | None
    against_objective: bool
    amount_kurus: int
    reason_codes: list[str]
    justification: str


class ItemOut(Schema):
    id: uuid.UUID
    position: int
    application_id: uuid.UUID
    application: str
    household: str
    need_score: float | None
    programs: list[ProgramLineOut]
    quorum: QuorumOut
    recusals: list[RecusalOut]
    votes: list[VoteOut]
    decisions: list[DecisionOut]
    decided_at: dt.datetime | None


class DeviationOut(Schema):
    committee_id: uuid.UUID
    committee: str
    decisions: int
    approved_against: int
    rejected_against: int
    rate: float | None
    peer_median: float | None
    flagged: bool
