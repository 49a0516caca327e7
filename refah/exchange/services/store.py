"""What both refresh paths (one household, many in bulk) store of the sources' answers, written once so that they
store the same: each household's check per source with the facts of its latest answer (one row per household and
source, upserted in one statement), a failed check (the facts kept as they were), and the disagreements (new ones
opened, changed ones updated, those the source no longer shows resolved by it). Inside the caller's transaction.

The facts and disagreements arrive as columns (Polars frames, compare.FACTS and compare.FOUND); on PostgreSQL each
table is written by one statement with the columns bound once as arrays (`sql.bulk_execute`), elsewhere by the ORM."""

import datetime as dt
import json
import uuid

import polars as pl
from django.db.models import Case, F, Value, When
from django.utils import timezone

from refah.common import sql
from refah.exchange.client import SourceError
from refah.exchange.enums import CheckStatus, DiscrepancyStatus
from refah.exchange.models import Discrepancy, SourceCheck

# Facts whose registered value replaces the declared one on the person: once written, the source "agrees" with our
# own write, so their open disagreements wait for a person to resolve them
OVERWRITTEN = ("sgk.status", "health.checkups")
RETRY_BASE_SECONDS = 60  # a waiting check is retried after 1, 2, 4 … minutes, at most RETRY_MAX_SECONDS
RETRY_MAX_SECONDS = 3600

# A check answered: the household, the source, its facts as JSON text, the answer's date and its call.
CHECKS = {"household_id": pl.String, "source": pl.String, "facts": pl.String, "as_of": pl.Date, "call_id": pl.Int64}
# The households a source answered about (its checks are ok).
ANSWERED = {"household_id": pl.String, "source": pl.String}

_ANSWERED_SQL = """
INSERT INTO exchange_sourcecheck (id, created_at, updated_at, household_id, source, status, purpose, checked_at,
    attempts, next_retry_at, last_error, facts, as_of, call_id)
SELECT gen_random_uuid(), %(now)b, %(now)b, t.h, t.s, 'ok', %(purpose)b, %(now)b, 0, NULL, '', t.f::jsonb, t.a, t.c
FROM unnest(%(household_id)b::uuid[], %(source)b::text[], %(facts)b::text[], %(as_of)b::date[],
    %(call_id)b::bigint[]) AS t(h, s, f, a, c)
ON CONFLICT (household_id, source) DO UPDATE SET updated_at = excluded.updated_at, status = excluded.status,
    purpose = excluded.purpose, checked_at = excluded.checked_at, attempts = 0, next_retry_at = NULL,
    last_error = '', facts = excluded.facts, as_of = excluded.as_of, call_id = excluded.call_id
"""


def _json_text(column: str) -> pl.Expr:
    """A text column as JSON string literals (escaped by Polars' JSON writer)."""
    return pl.struct(pl.col(column).alias("t")).struct.json_encode().str.slice(5).str.strip_suffix("}")


def checks_of(facts: pl.DataFrame, answered: pl.DataFrame, calls: dict, as_of: dict) -> pl.DataFrame:
    """The checks (CHECKS) of the households each source answered about (`answered`, ANSWERED), each with that
    source's facts of its members (compare.FACTS) as kept on the check — JSON `[[person id, fact, value, text], …]`
    in the answer's order, [] when the source has nothing on record for them; `calls` and `as_of` by source."""
    value = pl.col("value").cast(pl.String).fill_null("null")
    kept = facts.select(
        "household_id",
        "source",
        pl.concat_str(
            pl.lit('["'),
            "person_id",
            pl.lit('","'),
            "fact",
            pl.lit('",'),
            value,
            pl.lit(","),
            _json_text("text"),
            pl.lit("]"),
        ).alias("fact_json"),
    )
    grouped = kept.group_by("household_id", "source", maintain_order=True).agg(
        pl.col("fact_json").str.join(",").alias("joined")
    )
    return answered.join(grouped, on=["household_id", "source"], how="left", maintain_order="left").select(
        "household_id",
        "source",
        pl.concat_str(pl.lit("["), pl.col("joined").fill_null(""), pl.lit("]")).alias("facts"),
        pl.col("source").replace_strict(as_of, return_dtype=pl.Date).alias("as_of"),
        pl.col("source").replace_strict(calls, default=None, return_dtype=pl.Int64).alias("call_id"),
    )


def checks_answered(*, checks: pl.DataFrame, purpose: str, now: dt.datetime) -> None:
    """Mark checks ok with their answer (CHECKS): attempts and errors cleared, the facts those of this answer."""
    if not checks.height:
        return
    if sql.db().vendor == "postgresql":
        columns = {name: checks[name].to_list() for name in checks.columns}
        sql.bulk_execute(_ANSWERED_SQL, {"now": now, "purpose": purpose, **columns})
        return
    SourceCheck.objects.bulk_create(
        [
            SourceCheck(
                id=uuid.uuid4(),
                created_at=now,
                updated_at=now,
                household_id=row["household_id"],
                source=row["source"],
                status=CheckStatus.OK,
                purpose=purpose,
                checked_at=now,
                attempts=0,
                next_retry_at=None,
                last_error="",
                facts=json.loads(row["facts"]),
                as_of=row["as_of"],
                call_id=row["call_id"],
            )
            for row in checks.iter_rows(named=True)
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
        attempts = previous.get(uuid.UUID(str(hid)), 0) + 1
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


_OPEN = {
    "id": pl.String,
    "household_id": pl.String,
    "person_id": pl.String,
    "source": pl.String,
    "fact": pl.String,
    "registered_value": pl.String,
}
_NEW_SQL = """
INSERT INTO exchange_discrepancy (id, created_at, updated_at, household_id, person_id, source, fact, declared_value,
    registered_value, status, resolution_note)
SELECT gen_random_uuid(), %(now)b, %(now)b, t.*, 'open', '' FROM unnest(%(household_id)b::uuid[],
    %(person_id)b::uuid[], %(source)b::text[], %(fact)b::text[], %(declared)b::text[], %(registered)b::text[]) AS t
"""
_CHANGED_SQL = """
UPDATE exchange_discrepancy d SET registered_value = t.v, updated_at = %(now)b
FROM unnest(%(ids)b::uuid[], %(values)b::text[]) AS t(id, v) WHERE d.id = t.id
"""
_GONE_SQL = """
UPDATE exchange_discrepancy SET status = 'resolved', resolved_at = %(now)b, updated_at = %(now)b
WHERE id = ANY(%(ids)b::uuid[])
"""


def discrepancies_store(*, found: pl.DataFrame, answered: pl.DataFrame) -> int:
    """Open the new disagreements (compare.FOUND) of the sources that answered, update those whose registered value
    changed and resolve (no one as resolver) the open ones a source no longer shows, but those of OVERWRITTEN facts.
    `answered`: the households each source answered about (ANSWERED). How many were opened."""
    if not answered.height:
        return 0
    open_rows = _open(answered)
    key = ["source", "person_id", "fact"]
    new = found.join(open_rows, on=key, how="anti")
    changed = found.join(open_rows, on=key, how="inner").filter(pl.col("registered") != pl.col("registered_value"))
    gone = (
        open_rows.join(found, on=key, how="anti")
        .join(answered, on=["household_id", "source"], how="semi")
        .filter(~pl.col("fact").is_in(OVERWRITTEN))
    )
    now = timezone.now()
    if sql.db().vendor == "postgresql":
        if new.height:
            sql.bulk_execute(_NEW_SQL, {"now": now, **{c: new[c].to_list() for c in found.columns}})
        if changed.height:
            sql.bulk_execute(
                _CHANGED_SQL, {"now": now, "ids": changed["id"].to_list(), "values": changed["registered"].to_list()}
            )
        if gone.height:
            sql.bulk_execute(_GONE_SQL, {"now": now, "ids": gone["id"].to_list()})
        return new.height
    _store_orm(new, changed, gone, now)
    return new.height


def _open(answered: pl.DataFrame) -> pl.DataFrame:
    """The open disagreements of the households and sources that answered."""
    rows = Discrepancy.objects.filter(
        household_id__in=answered["household_id"].unique().to_list(),
        source__in=answered["source"].unique().to_list(),
        status=DiscrepancyStatus.OPEN,
    ).values_list(*_OPEN)
    return pl.DataFrame(
        [(str(i), str(h), None if p is None else str(p), s, f, v) for i, h, p, s, f, v in rows],
        schema=_OPEN,
        orient="row",
    )


def _store_orm(new: pl.DataFrame, changed: pl.DataFrame, gone: pl.DataFrame, now) -> None:
    Discrepancy.objects.bulk_create(
        (
            Discrepancy(
                household_id=row["household_id"],
                person_id=row["person_id"],
                source=row["source"],
                fact=row["fact"],
                declared_value=row["declared"],
                registered_value=row["registered"],
            )
            for row in new.iter_rows(named=True)
        ),
        batch_size=2000,
    )
    if changed.height:
        pairs = list(zip(changed["id"], changed["registered"], strict=True))
        Discrepancy.objects.filter(pk__in=[pk for pk, _v in pairs]).update(
            registered_value=Case(*(When(pk=pk, then=Value(v)) for pk, v in pairs), default=F("registered_value")),
            updated_at=now,
        )
    if gone.height:
        Discrepancy.objects.filter(pk__in=gone["id"].to_list()).update(
            status=DiscrepancyStatus.RESOLVED, resolved_at=now, updated_at=now
        )
