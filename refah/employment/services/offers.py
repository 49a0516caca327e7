"""Offers and their answers: a job or a course offered, the answer (by the office, the citizen, a partner), the
caseworker's decision on a refusal's reason, and the sanction the third refusal without a valid reason starts."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases import deadlines
from refah.cases.models import Application
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.employment import errors, iskur
from refah.employment.enums import Answer, AnswerChannel, OfferKind, Source, Validity
from refah.employment.models import Offer, Referral, Sanction
from refah.employment.reasons import RefusalReason
from refah.employment.services._common import (
    first_of_month,
    iskur_context,
    parameter,
    refresh_after_commit,
    require,
    today,
)
from refah.exchange.client import SourceError
from refah.notifications.services import notify
from refah.registry.models import Person

PERMISSION_OFFER = "employment.add_offer"
PERMISSION_DECIDE = "employment.decide_refusal"


def _clean_offer(*, kind, title, employer, distance_km, monthly_wage_kurus, offered_on, answer_by) -> None:
    if kind not in OfferKind.values:
        raise RefahError(errors.ERR_OFFER_KIND, field="kind")
    if not (title or "").strip() or not (employer or "").strip():
        raise RefahError(errors.ERR_OFFER_TITLE, field="title")
    if distance_km is not None and (
        isinstance(distance_km, bool) or not isinstance(distance_km, int) or distance_km < 0
    ):
        raise RefahError(errors.ERR_DISTANCE, field="distance_km")
    wage = monthly_wage_kurus
    if wage is not None and (isinstance(wage, bool) or not isinstance(wage, int) or not 0 < wage <= 10**10):
        raise RefahError(errors.ERR_AMOUNT, field="monthly_wage_kurus")
    if offered_on > today():
        raise RefahError(errors.ERR_OFFER_FUTURE, field="offered_on")
    if answer_by < offered_on:
        raise RefahError(errors.ERR_OFFER_DATES, field="answer_by")


@transaction.atomic
def offer_record(
    *,
    actor,
    referral: Referral,
    kind: str,
    title: str,
    employer: str,
    offered_on: dt.date,
    answer_by: dt.date,
    workplace: str = "",
    distance_km: int | None = None,
    monthly_wage_kurus: int | None = None,
) -> Offer:
    """Record a job or course offered to a referred person that İŞKUR made known to the office otherwise than
    through its interface (by letter, by phone); the citizen is told to answer by `answer_by`."""
    require(actor, PERMISSION_OFFER)
    if referral.closed_on is not None:
        raise ConflictError(errors.ERR_REFERRAL_CLOSED, code="referral_closed")
    _clean_offer(
        kind=kind,
        title=title,
        employer=employer,
        distance_km=distance_km,
        monthly_wage_kurus=monthly_wage_kurus,
        offered_on=offered_on,
        answer_by=answer_by,
    )
    offer = Offer.objects.create(
        referral=referral,
        person_id=referral.person_id,
        household_id=referral.household_id,
        kind=kind,
        source=Source.OFFICE,
        title=title.strip()[:200],
        employer=employer.strip()[:200],
        workplace=(workplace or "").strip()[:200],
        distance_km=distance_km,
        monthly_wage_kurus=monthly_wage_kurus,
        offered_on=offered_on,
        answer_by=answer_by,
        recorded_by=actor,
    )
    offer_recorded(actor=actor, offer=offer)
    return offer


def offer_recorded(*, actor, offer: Offer) -> None:
    """What follows a new offer (inside its transaction): the audit row, the citizen's message, the month's rules."""
    audit_record(
        actor=actor, action=AuditAction.OFFER_RECORD, obj=offer, after=snapshot(offer), household_id=offer.household_id
    )
    person = offer.person
    context = {"title": offer.title, "answer_by": offer.answer_by.strftime("%d.%m.%Y")}
    notify(person=person, phone=person.phone, template="job_offer", context=context)
    refresh_after_commit(offer.household_id, offer.offered_on)


def _clean_answer(offer: Offer, answer: str, reason: str, note: str) -> None:
    if offer.answer != Answer.PENDING:
        raise ConflictError(errors.ERR_ANSWERED % {"answer": offer.get_answer_display()}, code="answered")
    if today() > offer.answer_by:
        raise RefahError(errors.ERR_ANSWER_LATE % {"date": offer.answer_by.strftime("%d.%m.%Y")}, field="answer")
    if answer not in (Answer.ACCEPTED, Answer.REFUSED):
        raise RefahError(errors.ERR_ANSWER_CHOICE, field="answer")
    if answer == Answer.REFUSED:
        if not reason:
            raise RefahError(errors.ERR_REASON_REQUIRED, field="reason")
        if reason not in RefusalReason.values:
            raise RefahError(errors.ERR_REASON_UNKNOWN % {"reason": reason}, field="reason")
        if reason == RefusalReason.OTHER and not (note or "").strip():
            raise RefahError(errors.ERR_NOTE_REQUIRED, field="note")


def answer_record(
    *,
    actor,
    offer: Offer,
    answer: str,
    reason: str = "",
    note: str = "",
    person: Person | None = None,
    channel: str = AnswerChannel.OFFICE,
) -> Offer:
    """Record the answer to an offer, by the office (`actor`) or by the citizen it was made to (`person`, the
    portal), by its answer date: accepted, or refused with a reason of the catalogue (reasons.py) — then the
    caseworker decides whether the reason was valid (`refusal_decide`). İŞKUR is told after the commit."""
    if person is None:
        require(actor, PERMISSION_OFFER)
    with transaction.atomic():
        locked = Offer.objects.select_for_update().select_related("person").get(pk=offer.pk)
        if person is not None and locked.person_id != person.pk:
            raise NotFoundError(errors.ERR_OFFER_NOT_FOUND)
        _clean_answer(locked, answer, reason, note)
        before = snapshot(locked)
        refused = answer == Answer.REFUSED
        locked.answer, locked.answered_at, locked.answer_channel = answer, timezone.now(), channel
        locked.answered_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.answered_by_person = person
        locked.refusal_reason = reason if refused else ""
        locked.refusal_note = (note or "").strip()[:2000] if refused else ""
        locked.validity = Validity.PENDING if refused else ""
        locked.save()
        audit_record(
            actor=actor or person,
            action=AuditAction.OFFER_ANSWER,
            obj=locked,
            before=before,
            after=snapshot(locked),
            household_id=locked.household_id,
        )
        if locked.source == Source.ISKUR:
            transaction.on_commit(partial(answer_report, actor=actor, offer_id=locked.pk), robust=True)
    return locked


def answer_report(*, actor, offer_id) -> bool:
    """Tell İŞKUR an answer to one of its offers; on failure it stays unreported and `iskur_sync` tells it later."""
    offer = Offer.objects.select_related("person").get(pk=offer_id)
    if offer.reported_at is not None or offer.source != Source.ISKUR or offer.answer == Answer.PENDING:
        return False
    try:
        iskur.answer_send(
            tc=offer.person.national_id or "",
            offer_ref=offer.iskur_ref,
            answer=offer.answer,
            reason=offer.refusal_reason,
            answered_on=timezone.localtime(offer.answered_at).date(),
            ctx=iskur_context(actor, offer.household_id),
        )
    except SourceError:
        return False
    Offer.objects.filter(pk=offer.pk).update(reported_at=timezone.now())
    return True


@transaction.atomic
def refusal_decide(*, actor, offer: Offer, valid: bool, justification: str) -> Offer:
    """The caseworker's decision on a refusal: was its reason valid? Written down. The refusal limit's
    (`work_sanction.refusal_limit`, 3) invalid refusal of the person not yet counted starts a sanction."""
    require(actor, PERMISSION_DECIDE)
    if not (justification or "").strip():
        raise RefahError(errors.ERR_JUSTIFICATION, field="justification")
    locked = Offer.objects.select_for_update().select_related("person", "household").get(pk=offer.pk)
    if locked.answer != Answer.REFUSED:
        raise ConflictError(errors.ERR_NOT_A_REFUSAL, code="not_a_refusal")
    if locked.validity != Validity.PENDING:
        raise ConflictError(errors.ERR_VALIDITY_DECIDED, code="validity_decided")
    before = snapshot(locked)
    locked.validity = Validity.VALID if valid else Validity.INVALID
    locked.validity_note = justification.strip()[:2000]
    locked.validity_decided_by, locked.validity_decided_at = actor, timezone.now()
    locked.save(update_fields=["validity", "validity_note", "validity_decided_by", "validity_decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REFUSAL_DECIDE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    if not valid:
        sanction = _sanction_if_due(actor=actor, offer=locked)
        if sanction is not None:
            locked.sanction = sanction
    return locked


def _sanction_if_due(*, actor, offer: Offer) -> Sanction | None:
    """Start the sanction when the person's invalid refusals not yet counted reach the limit; they count for it."""
    day = today()
    uncounted = Offer.objects.select_for_update().filter(
        person_id=offer.person_id, validity=Validity.INVALID, sanction__isnull=True
    )
    if len(uncounted) < parameter("work_sanction.refusal_limit", day):
        return None
    starts_on = first_of_month(day, 1)
    application = Application.objects.filter(household_id=offer.household_id).order_by("-decided_at", "-created_at")
    sanction = Sanction.objects.create(
        household_id=offer.household_id,
        person_id=offer.person_id,
        decided_on=day,
        decided_by=actor,
        starts_on=starts_on,
        application=application.first(),
    )
    Offer.objects.filter(pk__in=[o.pk for o in uncounted]).update(sanction=sanction, updated_at=timezone.now())
    audit_record(
        actor=actor,
        action=AuditAction.SANCTION_IMPOSE,
        obj=sanction,
        after={**snapshot(sanction), "refusals": [str(o.pk) for o in uncounted]},
        household_id=offer.household_id,
    )
    context = {
        "starts_on": starts_on.strftime("%d.%m.%Y"),
        "objection_until": deadlines.due("objection", day).strftime("%d.%m.%Y"),
    }
    notify(
        person=offer.person,
        phone=offer.person.phone or offer.household.phone,
        template="work_sanction",
        context=context,
    )
    refresh_after_commit(offer.household_id, day, starts_on)
    return sanction
