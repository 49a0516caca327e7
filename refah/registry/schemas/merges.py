"""Merges in the API: merging a second record of a person into theirs, undoing a merge, a merge as shown."""

import datetime as dt
import uuid
from typing import Literal

from ninja import Field, Schema

from refah.common.schemas import ObjectIn
from refah.registry.services import TAKE_FIELDS

TakeField = Literal[TAKE_FIELDS]


class MergeIn(ObjectIn):
    """Merge the record `drop_id` into the person of the path (the one kept)."""

    drop_id: uuid.UUID = Field(description="The second record of the same person, merged into the one kept.")
    reason: str = Field(min_length=1, max_length=500)
    take: list[TakeField] = Field(
        default_factory=list,
        max_length=len(TAKE_FIELDS),
        description="Details taken from the merged record even where the kept one has a value (its empty ones "
        "are taken anyway).",
    )


class MergeUndoIn(ObjectIn):
    reason: str = Field(min_length=1, max_length=500)


class MergeChanged(Schema):
    """How many rows of each kind the merge changed."""

    memberships: int
    incomes: int
    assets: int
    attendance: int
    details: int


class PersonMergeOut(Schema):
    id: uuid.UUID
    keep_id: uuid.UUID
    drop_id: uuid.UUID
    district: str | None = Field(description="The kept person's district (pcode) when merged.")
    merged_at: dt.datetime
    merged_by: str
    reason: str
    review_id: uuid.UUID | None = Field(description="The record linkage review item the merge came from.")
    link_id: uuid.UUID | None = Field(description="The record linkage link the merge came from.")
    changed: MergeChanged
    details: list[str] = Field(description="The kept person's details taken from the merged record.")
    undone_at: dt.datetime | None
    undone_by: str | None
    undone_reason: str
    kept: int = Field(description="Values undo left as they were, because a later change had replaced them.")


class PersonMergePage(Schema):
    count: int
    items: list[PersonMergeOut]
