"""Reads of veterans' and martyrs' relatives' records and their entitlements: one by id in the user's jurisdiction
(the household it was recorded for), the office's list, a record's page with the services the person and the
household used (casework's referrals, travel cards)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel
from refah.casework.roles import VIEW_REFERRAL
from refah.casework.selectors import household_referrals
from refah.common.text import fold
from refah.entitlements import errors
from refah.entitlements.catalogue import kinds_for
from refah.entitlements.enums import EntitlementStatus
from refah.entitlements.models import Entitlement, TravelCard, VeteranRecord
from refah.entitlements.roles import VIEW_CARD, VIEW_RECORD
from refah.entitlements.selectors._common import logged_one, one, require
from refah.registry.models import Household


def record_list(*, user, status: str = "", query: str = "") -> QuerySet[VeteranRecord]:
    """Records of the user's jurisdiction, newest first; by status, and by a name or TC Kimlik No (the person's or
    the martyr's/veteran's)."""
    require(user, VIEW_RECORD)
    rows = VeteranRecord.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "person", "household"
    )
    if status:
        rows = rows.filter(status=status)
    query = (query or "").strip()
    if query.isdigit():
        rows = rows.filter(Q(person__national_id=query) | Q(subject_national_id=query))
    elif query:
        folded = fold(query)
        rows = rows.filter(Q(person__name_folded__contains=folded) | Q(subject_name__icontains=query))
    return rows


def access_record_by_id(*, user, record_id) -> VeteranRecord:
    require(user, VIEW_RECORD)
    rows = VeteranRecord.objects.select_related("person", "household", "recorded_by")
    return one(rows, user=user, object_id=record_id, message=errors.ERR_RECORD_NOT_FOUND)


def access_entitlement_by_id(*, user, entitlement_id) -> Entitlement:
    require(user, VIEW_RECORD)
    rows = Entitlement.objects.select_related("person", "household", "record", "referral", "referral__service")
    return one(rows, user=user, object_id=entitlement_id, message=errors.ERR_ENTITLEMENT_NOT_FOUND)


@dataclass
class RecordPage:
    record: VeteranRecord
    entitlements: list[Entitlement]
    grantable: list  # the entitlement kinds the status allows and the person does not hold
    others: list[VeteranRecord]  # the person's other records, and the other relatives of the same subject here
    referrals: list = field(default_factory=list)  # the household's referrals to services (casework)
    cards: list[TravelCard] = field(default_factory=list)


def record_read(*, user, record_id, channel: str = AccessChannel.SCREEN) -> RecordPage:
    """A record with its entitlements, the person's other records and the subject's other relatives (in the user's
    jurisdiction), and the services used: the household's referrals and the person's travel cards. Logged."""
    record = access_record_by_id(user=user, record_id=record_id)
    logged_one(
        user=user,
        channel=channel,
        obj=record,
        household_id=record.household_id,
        person_id=record.person_id,
        district_id=record.household.district_id,
    )
    entitlements = list(record.entitlements.select_related("referral", "referral__service", "granted_by"))
    held = {e.kind for e in entitlements if e.status != EntitlementStatus.REVOKED}
    others = record_list(user=user).filter(Q(person=record.person) | Q(subject_national_id=record.subject_national_id))
    page = RecordPage(
        record=record,
        entitlements=entitlements,
        grantable=[kind for kind in kinds_for(record.status) if kind not in held],
        others=list(others.exclude(pk=record.pk)),
    )
    household = _current_household(record)
    if household is not None and user.has_perm(VIEW_REFERRAL):
        page.referrals = list(household_referrals(user=user, household=household))
    if user.has_perm(VIEW_CARD):
        page.cards = list(TravelCard.objects.filter(person=record.person).order_by("-requested_on", "-created_at"))
    return page


def _current_household(record: VeteranRecord) -> Household | None:
    membership = record.person.memberships.current().select_related("household").first()
    return membership.household if membership else record.household
