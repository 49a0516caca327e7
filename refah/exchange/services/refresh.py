"""household_refresh: ask every source about a household's members, keep what they registered, flag what disagrees
with the declaration, write the registered facts into the registry, and record each source's check.

The calls are made before any transaction opens (no database lock is held while an institution answers); each
source's results are then written in one transaction of their own. A source that fails changes nothing stored of
its own: its check becomes `waiting` (down, time-out, 5xx, circuit open: retried with backoff by the timer) or
`failed` (unknown TC, refused or malformed answer), with the error in both languages' words."""

from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import PermissionDeniedError, RefahError
from refah.exchange import errors
from refah.exchange.client import Answer, CallContext, SourceError
from refah.exchange.enums import CallPurpose, CheckStatus
from refah.exchange.models import SourceCheck
from refah.exchange.services.answers import answers_store, members_frame
from refah.exchange.services.registry_write import plan_write
from refah.exchange.services.store import checks_failed
from refah.exchange.sources import ALL, SOURCES
from refah.registry.models import Household, Membership


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
    members = list(
        Membership.objects.current()
        .filter(household=household, person__national_id__isnull=False)
        .values_list("person__national_id", "person_id", "household_id")
    )
    if not members:
        raise RefahError(errors.ERR_NO_MEMBERS, field="household")
    ctx = CallContext(requester=actor, purpose=purpose, household_id=household.pk)
    for code in sources:
        try:
            answer = SOURCES[code].bulk(tcs=[tc for tc, _p, _h in members], ctx=ctx)
        except SourceError as exc:
            _check_failed(household, code, purpose, exc)
        else:
            _answer_store(actor, household, code, purpose, answer, members)
    return {c.source: c for c in SourceCheck.objects.filter(household=household, source__in=list(sources))}


@transaction.atomic
def _answer_store(actor, household, code, purpose, answer: Answer, members) -> None:
    rows, counts = answers_store(
        answers={code: answer}, members=members_frame(members), purpose=purpose, now=timezone.now()
    )
    if counts["failed"]:  # a member the institution does not know: the check failed, nothing else is written
        return
    plan_write(actor=actor, household=household, rows=rows)
    audit_record(
        actor=actor,
        action=AuditAction.SOURCES_REFRESH,
        obj=SourceCheck.objects.get(household=household, source=code),
        household_id=household.pk,
        after={"source": code, "facts": counts["facts"], "disagreements": counts["found"], "purpose": purpose},
    )


@transaction.atomic
def _check_failed(household, code, purpose, exc: SourceError) -> None:
    checks_failed(household_ids=[household.pk], source=code, purpose=purpose, error=exc, now=timezone.now())


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
