"""Offering the survey: one invitation per decided round of an application, made by the timer
`reports_offer_surveys`, with an SMS carrying the link (the token is sent, only its SHA-256 is stored).

A round is offered when the committee decided at least one program of it for good (approved or refused: a round
that only deferred is not a decision yet), it is the application's latest round, and it is at most
REFAH_SURVEY_OFFER_WITHIN_DAYS old (a first run does not text years of past decisions). The decided rounds without
an invitation are found by one grouped query; the invitations go in with one INSERT that skips a round another run
has just offered (the unique (application, round)), and only the rows that went in are texted: never twice.
The text goes to the reference person's phone, else the household's (as the decision's own message); without any
phone the invitation is still made, answerable in the portal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone
from django.utils.dateformat import format as date_format

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.cases.enums import Outcome
from refah.cases.models import Application, ProgramDecision
from refah.common import sql
from refah.notifications.services import notify
from refah.registry.enums import Role
from refah.registry.models import Household, Person, membership_current_q
from refah.reports.enums import DecisionOutcome
from refah.reports.models import SurveyInvitation

TIMER_ACTOR = "timer:reports_offer_surveys"
BATCH = 1000  # rounds offered per transaction


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def survey_link(token: str) -> str:
    return f"{settings.REFAH_PUBLIC_URL}/survey/{token}/"


def round_outcome(approved: int, refused: int, deferred: int) -> str | None:
    """The survey's grouping of a round's program outcomes; None when nothing was decided for good."""
    if approved and not (refused or deferred):
        return DecisionOutcome.APPROVED
    if approved:
        return DecisionOutcome.MIXED
    if refused:
        return DecisionOutcome.REFUSED
    return None


def rounds_to_offer(*, now: dt.datetime | None = None, limit: int = BATCH):
    """The decided rounds without an invitation (latest round of their application, recent): one grouped query."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=settings.REFAH_SURVEY_OFFER_WITHIN_DAYS)
    offered = SurveyInvitation.objects.filter(
        application_id=OuterRef("application_id"), decision_round=OuterRef("round")
    )
    latest = Application.objects.filter(pk=OuterRef("application_id"), decision_round=OuterRef("round"))
    return (
        ProgramDecision.objects.filter(created_at__gte=since, decided_at__gte=since, decided_at__lte=now)
        .filter(Exists(latest), ~Exists(offered))
        # the household, its district and the reference follow from the application: grouped by, not aggregated
        .values(
            "application_id",
            "round",
            "household_id",
            district_id=F("application__household__district_id"),
            reference=F("application__reference"),
        )
        .annotate(
            approved=Count("id", filter=Q(outcome=Outcome.APPROVED)),
            refused=Count("id", filter=Q(outcome=Outcome.REJECTED)),
            deferred=Count("id", filter=Q(outcome=Outcome.DEFERRED)),
            decided_at=Max("decided_at"),
        )
        .filter(Q(approved__gt=0) | Q(refused__gt=0))
        .order_by("decided_at", "application_id")[:limit]
    )


def surveys_offer(*, now: dt.datetime | None = None) -> int:
    """Offer the survey for every decided round that has none; how many invitations were made."""
    total = 0
    while True:
        made = _offer_batch(now=now)
        total += made
        if made < BATCH:
            return total


@transaction.atomic
def _offer_batch(*, now: dt.datetime | None) -> int:
    now = now or timezone.now()
    rows = list(rounds_to_offer(now=now))
    if not rows:
        return 0
    expires_on = timezone.localdate(now) + dt.timedelta(days=settings.REFAH_SURVEY_ANSWER_DAYS)
    invitations, tokens = [], {}
    for row in rows:
        token = secrets.token_urlsafe(16)
        decided = timezone.localtime(row["decided_at"])
        invitation = sql.new(
            SurveyInvitation,
            application_id=row["application_id"],
            decision_round=row["round"],
            token_hash=token_hash(token),
            district_id=row["district_id"],
            year=decided.year,
            month=decided.month,
            outcome=round_outcome(row["approved"], row["refused"], row["deferred"]),
            offered_at=now,
            expires_on=expires_on,
        )
        invitations.append(invitation)
        tokens[invitation.token_hash] = (token, row)
    went_in = {
        h for (h,) in sql.insert(invitations, on_conflict="(application_id, decision_round)", returning=("token_hash",))
    }
    until = date_format(expires_on, "d.m.Y")
    recipients = _recipients({row["household_id"] for _token, row in tokens.values()})
    for invitation in invitations:
        if invitation.token_hash not in went_in:
            continue  # another run offered this round a moment ago
        token, row = tokens[invitation.token_hash]
        audit_record(
            actor=TIMER_ACTOR,
            action=AuditAction.SURVEY_OFFER,
            obj=invitation,
            after={"decision_round": invitation.decision_round, "expires_on": str(expires_on)},
            household_id=row["household_id"],
        )
        person, phone = recipients.get(row["household_id"], (None, ""))
        if phone:
            notify(
                person=person,
                phone=phone,
                template="survey_invitation",
                context={"reference": row["reference"], "until": until, "link": survey_link(token)},
            )
    return len(went_in)


def _recipients(household_ids: set) -> dict:
    """{household_id: (reference person or None, phone)}: the reference person's phone, else the household's."""
    found = {
        hid: (None, phone or "")
        for hid, phone in Household.objects.filter(pk__in=household_ids).values_list("pk", "phone")
    }
    people = Person.objects.filter(
        membership_current_q("memberships__"),
        memberships__household_id__in=household_ids,
        memberships__role=Role.REFERENCE,
    ).annotate(of_household=F("memberships__household_id"))
    for person in people:
        found[person.of_household] = (person, person.phone or found.get(person.of_household, (None, ""))[1])
    return found
