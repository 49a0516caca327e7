"""Writes of the agenda: every waiting case in an order drawn at random, its members' conflicts detected."""

import secrets

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases.selectors import cases_ready_for_committee
from refah.committees import errors, recusals
from refah.committees.enums import MeetingStatus
from refah.committees.models import AgendaItem, CommitteeMember, Meeting, Recusal
from refah.committees.selectors import meeting_members, require_perm
from refah.committees.services._common import lock_meeting, require_office
from refah.common.errors import ConflictError, RefahError

_random = secrets.SystemRandom()


@transaction.atomic
def agenda_build(*, actor, meeting: Meeting) -> list[AgendaItem]:
    """Put every case waiting for this committee's office on the agenda, in an order drawn at random.

    The order comes from the operating system's random source (secrets.SystemRandom): nobody can
    choose or predict where a case lands. The drawn order is stored and audited; the minutes show it.
    """
    require_perm(actor, "committees.manage_meeting")
    meeting = lock_meeting(meeting)
    require_office(actor, meeting.committee.office)
    if meeting.status == MeetingStatus.CLOSED:
        raise ConflictError(errors.ERR_ALREADY_CLOSED)
    if meeting.items.exists():
        raise ConflictError(errors.ERR_AGENDA_EXISTS)
    applications = list(_applications_waiting(meeting))
    if not applications:
        raise RefahError(errors.ERR_NO_CASES)
    _random.shuffle(applications)
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, application=app, position=i) for i, app in enumerate(applications, start=1)
    )
    meeting.agenda_built_at = timezone.now()
    meeting.save(update_fields=["agenda_built_at", "updated_at"])
    order = [app.reference for app in applications]
    audit_record(actor=actor, action=AuditAction.AGENDA_BUILD, obj=meeting, after={"order": order})
    members = meeting_members(meeting=meeting)
    for item in items:
        _detect_recusals(actor=actor, item=item, members=members)
    return items


def _applications_waiting(meeting: Meeting):
    """Cases ready for the committee's office that are not already on another unclosed meeting's agenda."""
    pending = AgendaItem.objects.filter(decided_at__isnull=True).exclude(meeting__status=MeetingStatus.CLOSED)
    return (
        cases_ready_for_committee(office=meeting.committee.office)
        .exclude(pk__in=pending.values("application_id"))
        .select_related("household")
        .order_by("pk")
    )


def _detect_recusals(*, actor, item: AgendaItem, members: list[CommitteeMember]) -> list[Recusal]:
    household = item.application.household
    found = []
    already = set(item.recusals.values_list("member_id", flat=True))
    for member in members:
        person = recusals.member_person(member)
        if member.pk in already or person is None:
            continue
        conflict = recusals.conflict_of(person=person, household=household)
        if conflict:
            recusal = Recusal.objects.create(
                item=item, member=member, reason=conflict.reason, detail=conflict.detail, automatic=True
            )
            audit_record(
                actor=actor,
                action=AuditAction.RECUSAL_DETECT,
                obj=recusal,
                after=snapshot(recusal),
                household_id=household.pk,
            )
            found.append(recusal)
    return found
