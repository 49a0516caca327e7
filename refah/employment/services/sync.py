"""Reading İŞKUR: a referral's registration, the offers it made, the answers it was not yet told, the placements
(started work, left work). One call per kind; the writes after the calls, in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, RefahError
from refah.employment import errors, iskur
from refah.employment.enums import Answer, EndReason, ReferralStatus, Source
from refah.employment.models import Offer, Placement, Referral
from refah.employment.services._common import iskur_context, require
from refah.employment.services.offers import answer_report, offer_recorded
from refah.employment.services.placements import placement_recorded, premium_support_until
from refah.employment.services.referrals import PERMISSION, referral_register
from refah.exchange.client import SourceError


def iskur_sync(*, actor, referral: Referral) -> dict[str, int]:
    """Ask İŞKUR about a referred person: register a waiting referral, store the offers not yet known, tell the
    answers not yet told, store new placements and the ends of known ones. Counts of what changed; an İŞKUR
    failure is an error naming İŞKUR and the reason, with nothing of that answer stored."""
    require(actor, PERMISSION)
    if referral.closed_on is not None:
        raise ConflictError(errors.ERR_REFERRAL_CLOSED, code="referral_closed")
    referral = referral_register(actor=actor, referral=referral)
    if referral.status != ReferralStatus.REGISTERED:
        raise RefahError(errors.ERR_NO_ISKUR % {"reason": referral.iskur_error}, field="iskur")
    ctx = iskur_context(actor, referral.household_id)
    tc = referral.person.national_id
    told = sum(
        answer_report(actor=actor, offer_id=pk)
        for pk in Offer.objects.filter(referral=referral, source=Source.ISKUR, reported_at__isnull=True)
        .exclude(answer=Answer.PENDING)
        .values_list("pk", flat=True)
    )
    try:
        offers = iskur.offers_read(tc=tc, ctx=ctx)
        placements = iskur.placements_read(tc=tc, ctx=ctx)
    except SourceError as exc:
        raise RefahError(errors.ERR_NO_ISKUR % {"reason": exc.message}, field="iskur") from None
    with transaction.atomic():
        counts = {"offers": _offers_store(actor, referral, offers), "answers_told": told}
        counts.update(_placements_store(actor, referral, placements))
        Referral.objects.filter(pk=referral.pk).update(synced_at=timezone.now())
        audit_record(
            actor=actor, action=AuditAction.ISKUR_SYNC, obj=referral, after=counts, household_id=referral.household_id
        )
    return counts


def _offers_store(actor, referral: Referral, offers: list[iskur.OfferIn]) -> int:
    known = set(
        Offer.objects.filter(source=Source.ISKUR, iskur_ref__in=[o.ref for o in offers]).values_list(
            "iskur_ref", flat=True
        )
    )
    new = [o for o in offers if o.ref not in known]
    for item in new:
        offer = Offer.objects.create(
            referral=referral,
            person_id=referral.person_id,
            household_id=referral.household_id,
            kind=item.kind,
            source=Source.ISKUR,
            iskur_ref=item.ref,
            title=item.title,
            employer=item.employer,
            workplace=item.workplace,
            distance_km=item.distance_km,
            monthly_wage_kurus=item.monthly_wage_kurus,
            offered_on=item.offered_on,
            answer_by=max(item.answer_by, item.offered_on),
        )
        offer_recorded(actor=actor, offer=offer)
    return len(new)


def _placements_store(actor, referral: Referral, placements: list[iskur.PlacementIn]) -> dict[str, int]:
    refs = [p.ref for p in placements]
    known = {
        p.iskur_ref: p for p in Placement.objects.select_for_update().filter(source=Source.ISKUR, iskur_ref__in=refs)
    }
    offers = {
        o.iskur_ref: o
        for o in Offer.objects.filter(source=Source.ISKUR, iskur_ref__in=[p.offer_ref for p in placements])
    }
    started = ended = 0
    for item in placements:
        placement = known.get(item.ref)
        if placement is None:
            offer = offers.get(item.offer_ref)
            placement = Placement.objects.create(
                referral=referral,
                person_id=referral.person_id,
                household_id=referral.household_id,
                offer=offer if offer is not None and not hasattr(offer, "placement") else None,
                source=Source.ISKUR,
                iskur_ref=item.ref,
                employer=item.employer,
                monthly_wage_kurus=item.monthly_wage_kurus,
                started_on=item.started_on,
                ended_on=item.ended_on,
                end_reason=EndReason.OTHER if item.ended_on else "",
                premium_support=item.premium_support,
                premium_support_until=premium_support_until(item.started_on) if item.premium_support else None,
            )
            placement_recorded(actor=actor, placement=placement)
            started += 1
        elif placement.ended_on is None and item.ended_on is not None:
            placement.ended_on, placement.end_reason = item.ended_on, EndReason.OTHER
            placement.save(update_fields=["ended_on", "end_reason", "updated_at"])
            ended += 1
    return {"placements": started, "placements_ended": ended}
