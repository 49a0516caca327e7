"""household_refresh: ask every source about a household's members, keep what they registered, flag what disagrees
with the declaration, write the registered facts into the registry, and record each source's check.

The calls are made before any transaction opens (no database lock is held while an institution answers); each
source's results are then written in one transaction of their own. A source that fails changes nothing stored of
its own: its check becomes `waiting` (down, time-out, 5xx, circuit open: retried with backoff by the timer) or
`failed` (unknown TC, refused or malformed answer), with the error in both languages' words."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import PermissionDeniedError, RefahError
from refah.exchange import errors
from refah.exchange.client import Answer, CallContext, SourceError
from refah.exchange.enums import CallOutcome, CallPurpose, CheckStatus, DiscrepancyStatus
from refah.exchange.models import Discrepancy, SourceCheck, SourceRecord
from refah.exchange.services.compare import declared_for, disagreements
from refah.exchange.services.registry_write import facts_write
from refah.exchange.sources import ALL, SOURCES
from refah.registry.models import Household, Membership

RETRY_BASE_SECONDS = 60  # a waiting check is retried after 1, 2, 4 … minutes, at most RETRY_MAX_SECONDS
RETRY_MAX_SECONDS = 3600


def _members(household: Household) -> tuple[dict, dict]:
    rows = Membership.objects.current().filter(household=household, person__national_id__isnull=False)
    persons = {m.person.national_id: m.person for m in rows.select_related("person")}
    return persons, {p.pk: household.pk for p in persons.values()}


def household_refresh(*, actor, household: Household, purpose: str, sources=ALL) -> dict[str, SourceCheck]:
    """Ask `sources` about the household's members; the check of each source, by code."""
    if not actor.has_perm("exchange.refresh_sources"):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
    if not district_in_jurisdiction(actor, household.district):
        raise PermissionDeniedError(errors.ERR_HOUSEHOLD_NOT_FOUND, field="household")
    if purpose not in CallPurpose.values:
        raise RefahError(errors.ERR_PURPOSE, field="purpose")
    unknown = [code for code in sources if code not in SOURCES]
    if unknown:
        raise RefahError(errors.ERR_UNKNOWN_SOURCE % {"source": unknown[0]}, field="sources")
    persons, household_of = _members(household)
    if not persons:
        raise RefahError(errors.ERR_NO_MEMBERS, field="household")
    ctx = CallContext(requester=actor, purpose=purpose, household_id=household.pk)
    checks = {}
    for code in sources:
        try:
            answer = SOURCES[code].bulk(tcs=list(persons), ctx=ctx)
            if answer.not_found:
                label = SOURCES[code].label
                message = errors.ERR_NOT_FOUND % {"source": label, "tc": answer.not_found[0]}
                raise SourceError(message, source=code, outcome=CallOutcome.NOT_FOUND, field="tc")
        except SourceError as exc:
            checks[code] = _check_failed(household, code, purpose, exc)
            continue
        checks[code] = _answer_store(actor, household, code, purpose, answer, persons, household_of)
    return checks


@transaction.atomic
def _answer_store(actor, household, code, purpose, answer: Answer, persons, household_of) -> SourceCheck:
    now = timezone.now()
    declared = declared_for(list(persons.values()), household_of)
    found = disagreements(answer.facts, declared, code)
    call = answer.calls[-1] if answer.calls else None
    SourceRecord.objects.filter(household=household, source=code).delete()
    SourceRecord.objects.bulk_create(
        SourceRecord(
            household=household,
            person=persons[f.tc],
            source=code,
            fact=f.fact,
            value_kurus=f.value_kurus,
            value_text=f.value_text,
            as_of=answer.as_of,
            call=call,
            fetched_at=now,
        )
        for f in answer.facts
    )
    _discrepancies_store(household, code, found, persons)
    facts_write(actor=actor, household=household, source=code, facts=answer.facts, persons=persons, as_of=answer.as_of)
    check = _check_set(
        household, code, purpose, status=CheckStatus.OK, checked_at=now, attempts=0, next_retry_at=None, last_error=""
    )
    audit_record(
        actor=actor,
        action=AuditAction.SOURCES_REFRESH,
        obj=check,
        household_id=household.pk,
        after={"source": code, "facts": len(answer.facts), "disagreements": len(found), "purpose": purpose},
    )
    return check


def _discrepancies_store(household, code, found, persons) -> None:
    """New disagreements are opened; open ones the source no longer shows are resolved by it (resolved_by empty)."""
    open_rows = {
        (d.person_id, d.fact): d
        for d in Discrepancy.objects.filter(household=household, source=code, status=DiscrepancyStatus.OPEN)
    }
    seen = set()
    for item in found:
        key = (persons[item.tc].pk, item.fact)
        seen.add(key)
        row = open_rows.get(key)
        if row is None:
            Discrepancy.objects.create(
                household=household,
                person=persons[item.tc],
                source=code,
                fact=item.fact,
                declared_value=item.declared,
                registered_value=item.registered,
            )
        elif row.registered_value != item.registered:
            row.registered_value = item.registered
            row.save(update_fields=["registered_value", "updated_at"])
    for key, row in open_rows.items():
        if key not in seen:
            row.status, row.resolved_at = DiscrepancyStatus.RESOLVED, timezone.now()
            row.save(update_fields=["status", "resolved_at", "updated_at"])  # no one: the source agrees now


def _check_set(household, code, purpose, **values) -> SourceCheck:
    check, _ = SourceCheck.objects.update_or_create(
        household=household, source=code, defaults={"purpose": purpose, **values}
    )
    return check


@transaction.atomic
def _check_failed(household, code, purpose, exc: SourceError) -> SourceCheck:
    previous = SourceCheck.objects.filter(household=household, source=code).first()
    attempts = (previous.attempts if previous and previous.status == CheckStatus.WAITING else 0) + 1
    if exc.retryable:
        delay = min(RETRY_BASE_SECONDS * 2 ** (attempts - 1), RETRY_MAX_SECONDS)
        return _check_set(
            household,
            code,
            purpose,
            status=CheckStatus.WAITING,
            attempts=attempts,
            next_retry_at=timezone.now() + dt.timedelta(seconds=delay),
            last_error=str(exc.message)[:300],
        )
    return _check_set(
        household,
        code,
        purpose,
        status=CheckStatus.FAILED,
        attempts=attempts,
        next_retry_at=None,
        last_error=str(exc.message)[:300],
    )


def checks_retry(*, actor, limit: int = 200) -> int:
    """Ask again the sources of waiting checks that are due (the timer's work); how many checks were retried."""
    due = SourceCheck.objects.filter(status=CheckStatus.WAITING, next_retry_at__lte=timezone.now()).select_related(
        "household__district"
    )
    done = 0
    for check in due.order_by("next_retry_at")[:limit]:
        household_refresh(actor=actor, household=check.household, purpose=check.purpose, sources=[check.source])
        done += 1
    return done
