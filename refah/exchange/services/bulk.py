"""Bulk refresh of many households (`refah exchange refresh`, the bench): households kept whole in chunks of about
CHUNK_PERSONS persons; the eight sources asked at once on threads, in bulk calls, the next chunk asked while the
previous one is written (PostgreSQL); one transaction per chunk writes what the household refresh writes — each
household's checks with the facts of the answers (one upsert statement), the disagreements, the registered facts in
the registry — with one AuditEvent per chunk, as the synthetic loader does. A chunk that fails changes nothing of its
own (its transaction is rolled back); the call log of its calls stays, as for any call.

The same decisions as the household refresh (store.py, compare.py, registry_write.plan); only the registry's rows
are written in bulk statements instead of one service call each, which is what 5,000 persons a second needs."""

import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.exchange.client import CallContext, SourceError
from refah.exchange.enums import CallPurpose
from refah.exchange.services import pg
from refah.exchange.services.compare import declared_for, disagreements
from refah.exchange.services.refresh import not_found_error
from refah.exchange.services.registry_write import Plan, plan
from refah.exchange.services.store import checks_answered, checks_failed, discrepancies_store, facts_by_household
from refah.exchange.sources import ALL, SOURCES
from refah.registry.models import Asset, IncomeSource, Membership, Person, SchoolAttendance

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
    started = time.perf_counter()
    try:
        return SOURCES[code].bulk(tcs=tcs, ctx=ctx), time.perf_counter() - started
    except SourceError as exc:
        return exc, time.perf_counter() - started


def _close_connections(pool: ThreadPoolExecutor, workers: int) -> None:
    """Close the database connection of each of the pool's threads (they log the calls): one task per thread,
    held at a barrier until every thread has taken one."""
    barrier = threading.Barrier(workers)

    def close():
        barrier.wait(timeout=30)
        connection.close()

    for future in [pool.submit(close) for _ in range(workers)]:
        future.result()


def bulk_refresh(*, actor, district=None, purpose: str = CallPurpose.REVIEW, sources=ALL, on_chunk=None) -> dict:
    """Refresh every household (of `district`) from `sources`; counts of persons, households, facts, disagreements
    and seconds per stage ("ask": the slowest source of each chunk, summed; "write": the chunks' transactions)."""
    counts = defaultdict(int)
    ctx = CallContext(requester=actor, purpose=purpose)
    # SQLite's shared in-memory test database locks whole tables: one source at a time there, no overlap
    overlap = connection.vendor == "postgresql"
    workers = len(sources) if overlap else 1
    with pg.fewer_collections(), ThreadPoolExecutor(max_workers=workers) as pool:

        def ask(batch):
            tcs = [row[0] for row in batch]
            return batch, [pool.submit(_ask, code, tcs, ctx) for code in sources]

        def write(batch, futures):
            waited = time.perf_counter()
            results = [f.result() for f in futures]
            counts["wait_seconds"] += time.perf_counter() - waited
            counts["ask_seconds"] += max(seconds for _a, seconds in results)
            started = time.perf_counter()
            _chunk_write(actor, batch, dict(zip(sources, (a for a, _s in results), strict=True)), purpose, counts)
            counts["write_seconds"] += time.perf_counter() - started
            counts["persons"] += len(batch)
            counts["households"] += len({row[2] for row in batch})
            if on_chunk:
                on_chunk(dict(counts))

        try:
            pending = None
            for batch in _chunks(district):
                if overlap:
                    asked = ask(batch)  # chunk n+1 is asked while chunk n is written
                    if pending:
                        write(*pending)
                    pending = asked
                else:
                    write(*ask(batch))
            if pending:
                write(*pending)
        finally:
            _close_connections(pool, workers)
    return dict(counts)


class _Stages:
    """Seconds spent in each stage of the chunk writes, added to the counts as "<stage>_seconds"."""

    def __init__(self, counts):
        self.counts, self.last = counts, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.counts[f"{stage}_seconds"] += now - self.last
        self.last = now


@transaction.atomic
def _chunk_write(actor, batch, answers: dict, purpose: str, counts) -> None:
    now, stage = timezone.now(), _Stages(counts)
    person_of = {tc: pid for tc, pid, _h in batch}
    household_of = {pid: hid for _tc, pid, hid in batch}
    members = defaultdict(list)
    for tc, _pid, hid in batch:
        members[hid].append(tc)
    declared = declared_for(list(household_of), household_of)
    stage("declared")
    checks, found, answered, failed, changes = [], [], {}, [], {}
    for code, answer in answers.items():
        if isinstance(answer, SourceError):
            failed.append((list(members), code, answer))
            continue
        unknown = {household_of[person_of[tc]]: tc for tc in answer.not_found}
        if unknown:  # a member the institution does not know: that household's check fails, as it would alone
            for hid, tc in unknown.items():
                failed.append(([hid], code, not_found_error(code, tc)))
            answer.facts = [f for f in answer.facts if household_of[person_of[f.tc]] not in unknown]
            answer.answered -= {tc for hid in unknown for tc in members[hid]}
        call_id = answer.calls[-1].pk if answer.calls else None
        grouped = facts_by_household(answer.facts, person_of, household_of)
        ok = [hid for hid in members if hid not in unknown]
        checks.extend((hid, code, grouped.get(hid, []), answer.as_of, call_id) for hid in ok)
        answered[code] = set(ok)
        found.extend(disagreements(answer.facts, declared, code))
        changes[code] = (answer.facts, answer.as_of, answer.answered)
        counts["facts"] += len(answer.facts)
    stage("compare")
    checks_answered(rows=checks, purpose=purpose, now=now)
    for household_ids, code, error in failed:
        checks_failed(household_ids=household_ids, source=code, purpose=purpose, error=error, now=now)
    stage("checks")
    counts["disagreements"] += discrepancies_store(
        found=found, person_of=person_of, household_of=household_of, answered=answered
    )
    stage("discrepancies")
    registry = plan(changes, declared)
    stage("plan")
    plan_write_bulk(registry, now)
    stage("registry")
    counts["registry_rows"] += sum(len(rows) for rows in vars(registry).values())
    first = next((a.calls[0] for a in answers.values() if not isinstance(a, SourceError) and a.calls), None)
    if first is not None:
        audit_record(
            actor=actor,
            action=AuditAction.SOURCES_REFRESH,
            obj=first,
            after={
                "households": len(members),
                "persons": len(batch),
                "facts": sum(len(c[2]) for c in checks),
                "sources": sorted(answered),
                "failed": sorted({code for _h, code, _e in failed}),
                "registry": {name: len(rows) for name, rows in vars(registry).items()},
            },
        )


def plan_write_bulk(plan: Plan, now) -> None:
    """The registry's rows of a plan in bulk statements (what registry_write.plan_write does one service call
    each): on PostgreSQL new rows by COPY and changes as one statement per table with the values as arrays."""
    if pg.postgresql():
        _plan_write_pg(plan, now)
    else:
        _plan_write_orm(plan, now)


def _plan_write_pg(plan: Plan, now) -> None:
    if plan.incomes_ended:
        ids, days = zip(*plan.incomes_ended, strict=True)
        pg.execute(
            "UPDATE registry_incomesource i SET end_date = t.day, updated_at = %(now)s"
            " FROM unnest(%(ids)s::uuid[], %(days)s::date[]) AS t(id, day) WHERE i.id = t.id",
            {"ids": list(ids), "days": list(days), "now": now},
        )
    pg.copy_in(
        "registry_incomesource",
        (
            "id",
            "created_at",
            "updated_at",
            "person_id",
            "kind",
            "amount_kurus",
            "period",
            "start_date",
            "source",
            "note",
        ),
        ((uuid.uuid4(), now, now, *row) for row in plan.incomes),
    )
    if plan.assets_disposed:
        ids, days = zip(*plan.assets_disposed, strict=True)
        pg.execute(
            "UPDATE registry_asset a SET disposed_on = t.day, updated_at = %(now)s"
            " FROM unnest(%(ids)s::uuid[], %(days)s::date[]) AS t(id, day) WHERE a.id = t.id",
            {"ids": list(ids), "days": list(days), "now": now},
        )
    pg.copy_in(
        "registry_asset",
        ("id", "created_at", "updated_at", "household_id", "owner_id", "kind", "value_kurus", "description", "source"),
        ((uuid.uuid4(), now, now, *row) for row in plan.assets),
    )
    if plan.attendance:
        persons, months, days = zip(*plan.attendance, strict=True)
        pg.execute(
            "INSERT INTO registry_schoolattendance (person_id, month, absence_days)"
            " SELECT * FROM unnest(%(p)s::uuid[], %(m)s::date[], %(d)s::int[])"
            " ON CONFLICT (person_id, month) DO UPDATE SET absence_days = excluded.absence_days",
            {"p": list(persons), "m": list(months), "d": list(days)},
        )
    by_field = defaultdict(list)
    for pid, field, value in plan.persons:
        by_field[field].append((pid, value))
    for field, changes in by_field.items():  # field: one of registry_write.PERSON_FACTS' names
        ids, values = zip(*changes, strict=True)
        kind = "boolean" if field == "child_checkups_done" else "text"
        pg.execute(
            f"UPDATE registry_person p SET {field} = t.value, updated_at = %(now)s"
            f" FROM unnest(%(ids)s::uuid[], %(values)s::{kind}[]) AS t(id, value) WHERE p.id = t.id",
            {"ids": list(ids), "values": list(values), "now": now},
        )


def _plan_write_orm(plan: Plan, now) -> None:
    by_day = defaultdict(list)
    for income_id, day in plan.incomes_ended:
        by_day[day].append(income_id)
    for day, ids in by_day.items():
        IncomeSource.objects.filter(pk__in=ids).update(end_date=day, updated_at=now)
    IncomeSource.objects.bulk_create(
        (
            IncomeSource(
                person_id=pid, kind=kind, amount_kurus=amount, period=period, start_date=start, source=source, note=note
            )
            for pid, kind, amount, period, start, source, note in plan.incomes
        ),
        batch_size=5000,
    )
    by_day = defaultdict(list)
    for asset_id, day in plan.assets_disposed:
        by_day[day].append(asset_id)
    for day, ids in by_day.items():
        Asset.objects.filter(pk__in=ids).update(disposed_on=day, updated_at=now)
    Asset.objects.bulk_create(
        (
            Asset(household_id=hid, owner_id=owner, kind=kind, value_kurus=value, description=text, source=source)
            for hid, owner, kind, value, text, source in plan.assets
        ),
        batch_size=5000,
    )
    SchoolAttendance.objects.bulk_create(
        (SchoolAttendance(person_id=pid, month=month, absence_days=days) for pid, month, days in plan.attendance),
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["person", "month"],
        update_fields=["absence_days"],
    )
    by_value = defaultdict(list)
    for pid, field, value in plan.persons:
        by_value[(field, value)].append(pid)
    for (field, value), ids in by_value.items():
        Person.objects.filter(pk__in=ids).update(**{field: value}, updated_at=now)
