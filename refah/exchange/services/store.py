"""What both refresh paths (one household, many in bulk) store of the sources' answers, written once so that they
store the same: each household's check per source with the facts of its latest answer (one row per household and
source, upserted in one statement), a failed check (the facts kept as they were), and the disagreements (new ones
opened, changed ones updated, those the source no longer shows resolved by it). Inside the caller's transaction."""

import datetime as dt
import json
import uuid

from django.db.models import Case, F, Value, When
from django.utils import timezone

from refah.exchange.client import Fact, SourceError
from refah.exchange.enums import CheckStatus, DiscrepancyStatus
from refah.exchange.models import Discrepancy, SourceCheck
from refah.exchange.services import pg
from refah.exchange.services.compare import Disagreement

# Facts whose registered value replaces the declared one on the person: once written, the source "agrees" with our
# own write, so their open disagreements wait for a person to resolve them
OVERWRITTEN = {"sgk.status", "health.checkups"}
RETRY_BASE_SECONDS = 60  # a waiting check is retried after 1, 2, 4 … minutes, at most RETRY_MAX_SECONDS
RETRY_MAX_SECONDS = 3600

_ANSWERED_SQL = """
INSERT INTO exchange_sourcecheck (id, created_at, updated_at, household_id, source, status, purpose, checked_at,
    attempts, next_retry_at, last_error, facts, as_of, call_id)
SELECT gen_random_uuid(), %(now)s, %(now)s, t.h, t.s, 'ok', %(purpose)s, %(now)s, 0, NULL, '', t.f::jsonb, t.a, t.c
FROM unnest(%(h)s::uuid[], %(s)s::text[], %(f)s::text[], %(a)s::date[], %(c)s::bigint[]) AS t(h, s, f, a, c)
ON CONFLICT (household_id, source) DO UPDATE SET updated_at = excluded.updated_at, status = excluded.status,
    purpose = excluded.purpose, checked_at = excluded.checked_at, attempts = 0, next_retry_at = NULL,
    last_error = '', facts = excluded.facts, as_of = excluded.as_of, call_id = excluded.call_id
"""


def facts_by_household(facts: list[Fact], person_of: dict, household_of: dict) -> dict:
    """A source's facts grouped by household, as kept on the check: [[person id, fact, value, text], …]
    (`person_of`: TC → person id, `household_of`: person id → household id)."""
    grouped: dict = {}
    names = {}  # each person's id as text, once
    for tc, fact, kurus, text in facts:
        key = names.get(tc)
        if key is None:
            pid = person_of[tc]
            key = names[tc] = (str(pid), grouped.setdefault(household_of[pid], []))
        key[1].append([key[0], fact, kurus, text])
    return grouped


def checks_answered(*, rows: list[tuple], purpose: str, now: dt.datetime) -> None:
    """Mark checks ok with their answer: `rows` of (household id, source, facts, as_of, call id) — every household
    of an answer has its row, with [] when the source has nothing on record for it."""
    if not rows:
        return
    if pg.postgresql():
        columns = list(zip(*rows, strict=True))
        params = {
            "now": now,
            "purpose": purpose,
            "h": list(columns[0]),
            "s": list(columns[1]),
            "f": [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in columns[2]],
            "a": list(columns[3]),
            "c": list(columns[4]),
        }
        pg.execute(_ANSWERED_SQL, params)
        return
    SourceCheck.objects.bulk_create(
        [
            SourceCheck(
                id=uuid.uuid4(),
                created_at=now,
                updated_at=now,
                household_id=h,
                source=s,
                status=CheckStatus.OK,
                purpose=purpose,
                checked_at=now,
                attempts=0,
                next_retry_at=None,
                last_error="",
                facts=f,
                as_of=a,
                call_id=c,
            )
            for h, s, f, a, c in rows
        ],
        update_conflicts=True,
        unique_fields=["household", "source"],
        update_fields=[
            "updated_at",
            "status",
            "purpose",
            "checked_at",
            "attempts",
            "next_retry_at",
            "last_error",
            "facts",
            "as_of",
            "call",
        ],
    )


def checks_failed(*, household_ids: list, source: str, purpose: str, error: SourceError, now: dt.datetime) -> None:
    """Mark the checks of `source` waiting (retried after 1, 2, 4 … minutes, counting the attempts of a check
    already waiting) or failed; the facts of their last answer stay as they were."""
    previous = dict(
        SourceCheck.objects.filter(
            household_id__in=household_ids, source=source, status=CheckStatus.WAITING
        ).values_list("household_id", "attempts")
    )
    rows = []
    for hid in household_ids:
        attempts = previous.get(hid, 0) + 1
        delay = min(RETRY_BASE_SECONDS * 2 ** (attempts - 1), RETRY_MAX_SECONDS)
        rows.append(
            SourceCheck(
                id=uuid.uuid4(),
                created_at=now,
                updated_at=now,
                household_id=hid,
                source=source,
                status=CheckStatus.WAITING if error.retryable else CheckStatus.FAILED,
                purpose=purpose,
                attempts=attempts,
                next_retry_at=now + dt.timedelta(seconds=delay) if error.retryable else None,
                last_error=str(error.message)[:300],
            )
        )
    SourceCheck.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["household", "source"],
        update_fields=["updated_at", "status", "purpose", "attempts", "next_retry_at", "last_error"],
    )


def discrepancies_store(*, found: list[Disagreement], person_of: dict, household_of: dict, answered: dict) -> int:
    """Open the new disagreements of the sources that answered, update those whose registered value changed and
    resolve (no one as resolver) the open ones a source no longer shows, but those of OVERWRITTEN facts.
    `answered`: source → the households it answered about. How many were opened."""
    if not answered:
        return 0
    households = {h for ids in answered.values() for h in ids}
    open_rows = {
        (d.source, d.person_id, d.fact): d
        for d in Discrepancy.objects.filter(
            household_id__in=list(households), source__in=list(answered), status=DiscrepancyStatus.OPEN
        ).only("id", "household_id", "person_id", "source", "fact", "registered_value")
    }
    new, changed, seen = [], [], set()
    for d in found:
        pid = person_of[d.tc]
        key = (d.source, pid, d.fact)
        seen.add(key)
        row = open_rows.get(key)
        if row is None:
            new.append(
                Discrepancy(
                    household_id=household_of[pid],
                    person_id=pid,
                    source=d.source,
                    fact=d.fact,
                    declared_value=d.declared,
                    registered_value=d.registered,
                )
            )
        elif row.registered_value != d.registered:
            changed.append((row.pk, d.registered))
    Discrepancy.objects.bulk_create(new, batch_size=2000)
    if changed:
        Discrepancy.objects.filter(pk__in=[pk for pk, _v in changed]).update(
            registered_value=Case(*(When(pk=pk, then=Value(v)) for pk, v in changed), default=F("registered_value")),
            updated_at=timezone.now(),
        )
    gone = [
        row.pk
        for key, row in open_rows.items()
        if key not in seen and row.household_id in answered.get(row.source, ()) and row.fact not in OVERWRITTEN
    ]
    if gone:
        Discrepancy.objects.filter(pk__in=gone).update(
            status=DiscrepancyStatus.RESOLVED, resolved_at=timezone.now(), updated_at=timezone.now()
        )
    return len(new)
