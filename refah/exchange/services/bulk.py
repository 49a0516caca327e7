"""Bulk refresh of many households (`refah exchange refresh`, the bench): the sources asked in bulk calls, all eight
at once on threads, then one transaction per chunk of households that writes the records (binary COPY on
PostgreSQL), the checks, the new disagreements and the registered facts into the registry in bulk (incomes, assets,
attendance, social-security status), with one AuditEvent per chunk, as the synthetic loader does.

The registry's per-row services are the per-household path (refresh.py); this path writes the same rows the same
way for thousands of households at once, which is what the services cannot do at 5,000 persons a second."""

import datetime as dt
import functools
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import polars as pl
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.exchange.client import CallContext, SourceError
from refah.exchange.enums import CallPurpose, CheckStatus
from refah.exchange.models import Discrepancy, SourceCheck, SourceRecord
from refah.exchange.services.compare import declared_for, disagreements
from refah.exchange.services.registry_write import ASSETS, INCOMES
from refah.exchange.sources import ALL, SOURCES
from refah.registry.models import Asset, IncomeSource, Membership, Person, SchoolAttendance
from refah.synth.load import binary

CHUNK_PERSONS = 2000


def _chunks(district=None, chunk: int = CHUNK_PERSONS):
    """Lists of (tc, person_id, household_id), households kept whole, about `chunk` persons each."""
    rows = Membership.objects.current().filter(person__national_id__isnull=False)
    if district is not None:
        rows = rows.filter(household__district=district)
    batch, last = [], None
    for tc, person_id, household_id in (
        rows.order_by("household_id")
        .values_list("person__national_id", "person_id", "household_id")
        .iterator(chunk_size=20_000)
    ):
        if len(batch) >= chunk and household_id != last:
            yield batch
            batch = []
        batch.append((tc, person_id, household_id))
        last = household_id
    if batch:
        yield batch


def _ask(code: str, tcs: list[str], ctx: CallContext):
    try:
        return SOURCES[code].bulk(tcs=tcs, ctx=ctx)
    except SourceError as exc:
        return exc
    finally:
        close_old_connections()


def bulk_refresh(*, actor, district=None, purpose: str = CallPurpose.REVIEW, sources=ALL, on_chunk=None) -> dict:
    """Refresh every household (of `district`) from `sources`; counts of persons, households, facts, disagreements."""
    counts = defaultdict(int)
    ctx = CallContext(requester=actor, purpose=purpose)
    # SQLite's shared in-memory test database locks whole tables: one source at a time there
    workers = len(sources) if connection.vendor == "postgresql" else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for batch in _chunks(district):
            tcs = [row[0] for row in batch]
            answers = dict(zip(sources, pool.map(functools.partial(_ask, tcs=tcs, ctx=ctx), sources), strict=True))
            _chunk_write(actor, batch, answers, purpose, counts)
            counts["persons"] += len(batch)
            counts["households"] += len({row[2] for row in batch})
            if on_chunk:
                on_chunk(dict(counts))
    return dict(counts)


@transaction.atomic
def _chunk_write(actor, batch, answers: dict, purpose: str, counts) -> None:
    now, today = timezone.now(), timezone.localdate()
    person_of = {tc: pid for tc, pid, _h in batch}
    household_of = {pid: hid for _tc, pid, hid in batch}
    households = list(set(household_of.values()))
    persons = list(
        Person.objects.filter(pk__in=list(person_of.values())).only(
            "id",
            "national_id",
            "first_name",
            "last_name",
            "birth_date",
            "social_security",
            "school_level",
            "child_checkups_done",
        )
    )
    declared = declared_for(persons, household_of)
    ok = {code: a for code, a in answers.items() if not isinstance(a, SourceError)}
    SourceRecord.objects.filter(household_id__in=households, source__in=list(ok)).delete()
    records, found = [], []
    for code, answer in ok.items():
        call_id = answer.calls[-1].pk if answer.calls else None
        for f in answer.facts:
            pid = person_of[f.tc]
            records.append(
                (household_of[pid], pid, code, f.fact, f.value_kurus, f.value_text, answer.as_of, call_id, now)
            )
        found.extend(disagreements(answer.facts, declared, code))
    _records_insert(records)
    _checks_write(households, answers, purpose, now)
    _discrepancies_insert(found, person_of, household_of)
    _registry_write(ok, person_of, household_of, declared, today)
    counts["facts"] += len(records)
    counts["disagreements"] += len(found)
    first = next((a.calls[0] for a in ok.values() if a.calls), None)
    if first is not None:
        audit_record(
            actor=actor,
            action=AuditAction.SOURCES_REFRESH,
            obj=first,
            after={"households": len(households), "persons": len(batch), "facts": len(records), "sources": sorted(ok)},
        )


_RECORD_COLUMNS = [
    "household_id",
    "person_id",
    "source",
    "fact",
    "value_kurus",
    "value_text",
    "as_of",
    "call_id",
    "fetched_at",
]


def _records_insert(records: list[tuple]) -> None:
    if not records:
        return
    if connection.vendor != "postgresql":
        SourceRecord.objects.bulk_create(SourceRecord(**dict(zip(_RECORD_COLUMNS, r, strict=True))) for r in records)
        return
    frame = pl.DataFrame(
        [[uuid.UUID(str(v)).hex for v in col] if i < 2 else col for i, col in enumerate(zip(*records, strict=True))],
        schema={
            "household_id": pl.String,
            "person_id": pl.String,
            "source": pl.String,
            "fact": pl.String,
            "value_kurus": pl.Int64,
            "value_text": pl.String,
            "as_of": pl.Date,
            "call_id": pl.Int64,
            "fetched_at": pl.Datetime("us", "UTC"),
        },
        orient="col",
    )
    table = SourceRecord._meta.db_table
    with connection.cursor() as cursor:
        types = binary.column_types(cursor, table)
        columns = ", ".join(_RECORD_COLUMNS)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(binary.HEADER)
            copy.write(binary.encode(frame, types))
            copy.write(binary.TRAILER)


def _checks_write(households, answers, purpose, now) -> None:
    rows = []
    for code, answer in answers.items():
        failed = isinstance(answer, SourceError)
        status = (CheckStatus.WAITING if answer.retryable else CheckStatus.FAILED) if failed else CheckStatus.OK
        for hid in households:
            rows.append(
                SourceCheck(
                    household_id=hid,
                    source=code,
                    status=status,
                    purpose=purpose,
                    checked_at=None if failed else now,
                    attempts=1 if failed else 0,
                    next_retry_at=now + dt.timedelta(minutes=1) if status == CheckStatus.WAITING else None,
                    last_error=str(answer.message)[:300] if failed else "",
                )
            )
    SourceCheck.objects.bulk_create(
        rows,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["household", "source"],
        update_fields=["status", "purpose", "checked_at", "attempts", "next_retry_at", "last_error", "updated_at"],
    )


def _discrepancies_insert(found, person_of, household_of) -> None:
    if not found:
        return
    pids = list({person_of[d.tc] for d in found})
    existing = set(Discrepancy.objects.filter(person_id__in=pids, status="open").values_list("person_id", "fact"))
    Discrepancy.objects.bulk_create(
        (
            Discrepancy(
                household_id=household_of[person_of[d.tc]],
                person_id=person_of[d.tc],
                source=d.source,
                fact=d.fact,
                declared_value=d.declared,
                registered_value=d.registered,
            )
            for d in found
            if (person_of[d.tc], d.fact) not in existing
        ),
        batch_size=5000,
    )


def _registry_write(ok, person_of, household_of, declared, today) -> None:
    """Registered incomes, assets, attendance and status into the registry (declared rows untouched)."""
    pids = list(household_of)
    open_incomes = {
        (p, k, s): a
        for p, k, s, a in IncomeSource.objects.filter(
            person_id__in=pids, end_date__isnull=True, source__in=list(ok)
        ).values_list("person_id", "kind", "source", "amount_kurus")
    }
    known_assets = set(
        Asset.objects.filter(household_id__in=set(household_of.values()), source__in=list(ok)).values_list(
            "household_id", "description"
        )
    )
    incomes, ended, assets, attendance, status = [], [], [], [], defaultdict(list)
    for code, answer in ok.items():
        for f in answer.facts:
            pid = person_of[f.tc]
            if f.fact in INCOMES:
                kind, period = INCOMES[f.fact]
                before = open_incomes.get((pid, kind, code))
                if before != (f.value_kurus or 0) and before is not None:
                    ended.append((pid, kind, code))
                if f.value_kurus and before != f.value_kurus:
                    incomes.append(
                        IncomeSource(
                            person_id=pid,
                            kind=kind,
                            amount_kurus=f.value_kurus,
                            period=period,
                            start_date=answer.as_of,
                            source=code,
                            note=f.value_text[:200],
                        )
                    )
            elif f.fact in ASSETS and (household_of[pid], f.value_text) not in known_assets:
                assets.append(
                    Asset(
                        household_id=household_of[pid],
                        owner_id=pid,
                        kind=ASSETS[f.fact],
                        value_kurus=f.value_kurus or 0,
                        description=f.value_text,
                        source=code,
                    )
                )
            elif f.fact == "meb.absence":
                month = dt.date.fromisoformat(f"{f.value_text}-01")
                attendance.append(SchoolAttendance(person_id=pid, month=month, absence_days=min(f.value_kurus, 31)))
            elif f.fact == "sgk.status" and declared[f.tc].social_security != f.value_text:
                status[f.value_text].append(pid)
    for pid, kind, code in ended:
        IncomeSource.objects.filter(person_id=pid, kind=kind, source=code, end_date__isnull=True).update(end_date=today)
    IncomeSource.objects.bulk_create(incomes, batch_size=5000)
    Asset.objects.bulk_create(assets, batch_size=5000)
    SchoolAttendance.objects.bulk_create(
        attendance,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["person", "month"],
        update_fields=["absence_days"],
    )
    for value, ids in status.items():
        Person.objects.filter(pk__in=ids).update(social_security=value)
