"""Answering the survey, by the SMS link's token (public page) or in the portal (the signed-in citizen's
household): one answer per decision.

The invitation row is locked (select_for_update), so of two answers sent at once exactly one finds it open; the
anonymous SurveyResponse is stored and the invitation marked answered in the same transaction. The answer keeps
only what the invitation already says at the grain of a cell (district, the decision's year and month, the
decision's kind), the channel and the two scores, under a random key. The invitation's `answered` is set without
touching its `updated_at` (no answer time is kept anywhere), and the audit row records that the link was used —
never the scores or the channel, so no record joins an answer to a person.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person
from refah.reports.enums import SurveyChannel
from refah.reports.models import SurveyInvitation, SurveyResponse
from refah.reports.surveys import errors
from refah.reports.surveys.offering import token_hash

SCALE = (1, 2, 3, 4, 5)
ANSWER_ACTOR = "survey"


class SurveyClosedError(ConflictError):
    """The invitation was answered already, or its time is over (the page says which)."""


def _score(value, field: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        score = None
    if score not in SCALE:
        raise RefahError(errors.ERR_SCORE_REQUIRED[field], field=field)
    return score


def invitation_by_token(token: str, *, lock: bool = False) -> SurveyInvitation:
    """The invitation of a link's token; unknown (or malformed) tokens are not found."""
    token = (token or "").strip()
    rows = SurveyInvitation.objects.select_for_update() if lock else SurveyInvitation.objects
    invitation = rows.filter(token_hash=token_hash(token)).first() if 0 < len(token) <= 64 else None
    if invitation is None:
        raise NotFoundError(errors.ERR_SURVEY_NOT_FOUND)
    return invitation


def check_open(invitation: SurveyInvitation) -> None:
    if invitation.answered:
        raise SurveyClosedError(errors.ERR_SURVEY_ANSWERED, code="answered")
    if timezone.localdate() > invitation.expires_on:
        raise SurveyClosedError(errors.ERR_SURVEY_EXPIRED, code="expired")


def open_invitations(*, person: Person) -> list[SurveyInvitation]:
    """The open invitations of the person's current household (the portal's list), newest first."""
    return list(
        SurveyInvitation.objects.filter(
            application__household_id__in=registry_selectors.current_household_ids(person=person),
            answered=False,
            expires_on__gte=timezone.localdate(),
        )
        .select_related("application")
        .order_by("-offered_at")
    )


def portal_invitation(*, person: Person, application) -> SurveyInvitation | None:
    """The open invitation of the application's latest round, if the person's household has one."""
    return next((i for i in open_invitations(person=person) if i.application_id == application.pk), None)


@transaction.atomic
def survey_answer(
    *,
    satisfaction,
    fairness,
    token: str | None = None,
    person: Person | None = None,
    invitation_id=None,
) -> None:
    """Store one anonymous answer: by the link's `token` (channel SMS), or by the signed-in `person` for an
    invitation of their household (`invitation_id`, channel portal). Bad scores name their field; a used or
    expired invitation is refused; nothing is stored on refusal."""
    scores = {"satisfaction": _score(satisfaction, "satisfaction"), "fairness": _score(fairness, "fairness")}
    if token is not None:
        invitation, channel = invitation_by_token(token, lock=True), SurveyChannel.SMS
    else:
        invitation, channel = _portal_locked(person=person, invitation_id=invitation_id), SurveyChannel.PORTAL
    check_open(invitation)
    SurveyResponse.objects.create(
        id=uuid.uuid4(),
        district_id=invitation.district_id,
        year=invitation.year,
        month=invitation.month,
        outcome=invitation.outcome,
        channel=channel,
        **scores,
    )
    # .update(), not save(): the invitation's updated_at keeps the offer's time, so no answer time is stored
    SurveyInvitation.objects.filter(pk=invitation.pk).update(answered=True)
    audit_record(
        actor=ANSWER_ACTOR,
        action=AuditAction.SURVEY_ANSWER,
        obj=invitation,
        before={"answered": False},
        after={"answered": True},
    )


def _portal_locked(*, person: Person | None, invitation_id) -> SurveyInvitation:
    try:
        pk = uuid.UUID(str(invitation_id))
    except ValueError:
        pk = None
    invitation = None
    if person is not None and pk is not None:
        invitation = (
            SurveyInvitation.objects.select_for_update(of=("self",))
            .filter(pk=pk, application__household_id__in=registry_selectors.current_household_ids(person=person))
            .first()
        )
    if invitation is None:
        raise NotFoundError(errors.ERR_SURVEY_NOT_FOUND)
    return invitation
