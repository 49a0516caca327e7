"""The household page's "Social services" section as one read: the household through the registry's permission-checked
selector, every service app's lines, and the read written to the access log."""

from __future__ import annotations

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.casework.household_services import ServiceLine, household_service_lines
from refah.registry import selectors as registry_selectors


def household_services_read(*, user, household_id, channel: str = AccessChannel.SCREEN):
    """(household, lines) for the user; "not found" outside the user's jurisdiction, like the household page."""
    household = registry_selectors.access_household_by_id(user=user, household_id=household_id)
    lines: list[ServiceLine] = household_service_lines(user=user, household=household)
    if lines:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD,
            household_id=household.pk,
            district_id=household.district_id,
        )
    return household, lines
