"""Out schemas of the auditor's access-log API (mounted under /api/v1/registry/access-log)."""

import datetime as dt
import uuid

from ninja import Field, Schema

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose


class AccessEventOut(Schema):
    """One read of personal data."""

    id: int
    at: dt.datetime
    actor: str = Field(description="The reader's username ('citizen' for the citizen's own reads on the portal).")
    kind: AccessKind
    purpose: AccessPurpose
    channel: AccessChannel
    sensitive: bool = Field(description="Health or disability data (KVKK special category) was part of the answer.")
    object_type: str
    object_id: str
    household_id: uuid.UUID | None
    person_id: uuid.UUID | None
    district: str | None = Field(description="The household's district pcode, when the read concerned one.")
    count: int = Field(description="Records shown: 1, or the length of a list.")
    request_id: str
    off_hours: bool = Field(description="Outside working hours or days, Europe/Istanbul.")

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_label

    @staticmethod
    def resolve_district(obj):
        return obj.district.pcode if obj.district_id else None


class AccessLogOut(Schema):
    subject: str = Field(description="The person's name or the household number.")
    start: dt.datetime
    end: dt.datetime = Field(description="Exclusive.")
    items: list[AccessEventOut]


class BurstOut(Schema):
    starts: dt.datetime
    ends: dt.datetime
    households: int


class ReaderFlagsOut(Schema):
    """A reader's period and why it is unusual."""

    user_id: int = Field(validation_alias="actor_id")
    username: str = Field(validation_alias="label")
    reads: int
    households: int = Field(description="Distinct households read.")
    sensitive: int = Field(description="Reads that included special-category data.")
    bursts: list[BurstOut] = Field(description="Slots with more distinct households than the threshold.")
    off_hours: int
    usual_district: str
    other_district: int = Field(description="Reads outside the usual district.")
    reasons: list[str] = Field(description="burst, off_hours, other_district")
