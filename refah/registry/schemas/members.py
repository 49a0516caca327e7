"""Memberships in the API: a household's member (an existing person or a new one), ending a membership,
moving a person, and a membership as shown."""

import datetime as dt
import uuid

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import model_validator
from pydantic_core import PydanticCustomError

from refah.common.schemas import ObjectIn
from refah.registry import enums
from refah.registry.schemas.persons import PersonBrief, PersonIn, PersonOut
from refah.registry.schemas.values import IsoDate


class HouseholdMemberIn(ObjectIn):
    """A member: either an existing person (`person_id`) or a new one (`person`)."""

    role: enums.Role
    joined_on: IsoDate | None = None
    person_id: uuid.UUID | None = None
    person: PersonIn | None = None

    @model_validator(mode="after")
    def _one_person(self):
        if (self.person_id is None) == (self.person is None):
            raise PydanticCustomError("person_xor_id", _("Give either person_id or person, not both or neither."))
        return self


class MembershipIn(ObjectIn):
    """Add a member to a household: an existing person (`person_id`) or a new one (`person`)."""

    role: enums.Role
    joined_on: IsoDate | None = None
    person_id: uuid.UUID | None = None
    person: PersonIn | None = None

    _one_person = HouseholdMemberIn._one_person


class MembershipEndIn(ObjectIn):
    left_on: IsoDate
    reason: str = Field(min_length=1, max_length=200)


class MembershipOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    role: enums.Role
    joined_on: dt.date
    left_on: dt.date | None
    left_reason: str
    person: PersonBrief


class MemberOut(MembershipOut):
    age: int = Field(description="Age in whole years on the date asked for.")
    person: PersonOut


class MoveIn(ObjectIn):
    to_household_id: uuid.UUID
    role: enums.Role
    on_date: IsoDate
    reason: str = Field("", max_length=200)
