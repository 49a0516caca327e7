"""The API's shapes for ASDEP: rounds, visits with the checklist's answers, proposals, risk profiles."""

import datetime as dt
import uuid
from typing import Annotated, Literal

from ninja import Field, Schema

from refah.asdep.checklist import AREAS
from refah.registry.schemas.values import IsoDate

_AREAS = ", ".join(area.code for area in AREAS)
AnswerValue = Literal["yes", "no", "unknown"]
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]  # a database row's integer id


class TeamOut(Schema):
    number: int
    member_ids: list[int]


class RoundIn(Schema):
    office_id: uuid.UUID | None = Field(None, description="An SYDV in your jurisdiction (default: your own office)")
    name: str = Field("", max_length=200)
    neighbourhood_ids: list[Id] = Field(..., min_length=1, max_length=200)
    teams: list[Annotated[list[Id], Field(min_length=2, max_length=2)]] = Field(
        ..., min_length=1, max_length=20, description="Pairs of ASDEP workers' user ids"
    )
    starts_on: IsoDate
    ends_on: IsoDate


class RoundOut(Schema):
    id: uuid.UUID
    office_id: uuid.UUID
    name: str
    neighbourhood_ids: list[int]
    starts_on: dt.date
    ends_on: dt.date
    status: str
    visits: int
    visits_made: int
    teams: list[TeamOut]


class RoundPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RoundOut]


class RiskIn(Schema):
    severity: Literal["low", "medium", "high"] | None = None
    person_id: uuid.UUID | None = Field(None, description="The member concerned (a current member)")
    note: str = Field("", max_length=2000)


class VisitRecordIn(Schema):
    outcome: Literal["visited", "nobody_home", "refused", "moved"]
    visited_on: IsoDate | None = Field(None, description="Default: today")
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict, description="Every question's code (GET /asdep/checklist) → yes, no or unknown"
    )
    risks: dict[str, RiskIn] = Field(
        default_factory=dict, description=f"For each area with a “yes” ({_AREAS}): its severity, member, note"
    )
    note: str = Field("", max_length=2000)
    second_try_on: IsoDate | None = Field(None, description="Nobody home at the first try: when to try again")


class RiskOut(Schema):
    area: str
    severity: str
    person_id: uuid.UUID | None
    note: str
    referral_ids: list[uuid.UUID]
    unreferred_kinds: list[str]


class AsdepVisitOut(Schema):
    id: uuid.UUID
    round_id: uuid.UUID
    household_id: uuid.UUID
    household_code: str
    team_number: int
    planned_on: dt.date
    attempt: int
    proposal_reasons: list[str]
    outcome: str | None
    visited_on: dt.date | None
    answers: dict[str, str]
    note: str
    risks: list[RiskOut]
    second_try_id: uuid.UUID | None


class VisitPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[AsdepVisitOut]


class ProposalOut(Schema):
    household_id: uuid.UUID
    reference_code: str
    neighbourhood: str
    reasons: list[str]
    weight: int


class ProposalPage(Schema):
    count: int
    items: list[ProposalOut]


class ProfileRiskOut(Schema):
    area: str
    severity: str


class ProfileVisitOut(Schema):
    visit_id: uuid.UUID
    visited_on: dt.date
    risks: list[ProfileRiskOut]


class RiskProfileOut(Schema):
    household_id: uuid.UUID
    visits: list[ProfileVisitOut]


class QuestionOut(Schema):
    code: str
    label: str
    kinds: list[str]


class AreaOut(Schema):
    code: str
    label: str
    sealed: bool
    questions: list[QuestionOut]
