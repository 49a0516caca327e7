"""A household's audit trail: who changed its data and its members', and what."""

from django.db.models import QuerySet

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.models import AuditEvent
from refah.audit.services_access import access_record
from refah.registry.models import Household
from refah.registry.selectors.households import access_household_by_id
from refah.registry.selectors.permissions import can_view_sensitive, require_view


def household_audit_trail(*, user, household: Household, limit: int = 200) -> QuerySet:
    """Audit events about this household and its members, newest first."""
    require_view(user)
    return AuditEvent.objects.filter(household_id=household.pk).order_by("-at", "-id")[:limit]


def household_audit(*, user, household_id) -> list:
    """The audit trail of a visible household, newest first; the read is logged (API channel, as the
    membership history: who changed the household's data, and what)."""
    household = access_household_by_id(user=user, household_id=household_id)
    events = list(household_audit_trail(user=user, household=household))
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=AccessChannel.API,
        kind=AccessKind.HOUSEHOLD_HISTORY,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
        sensitive=can_view_sensitive(user),
    )
    return events
