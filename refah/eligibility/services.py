"""Writes of eligibility: evaluate households and store their determinations.

Two paths, one result: `determinations_for_household` reads one household through the registry
selectors (a batch of one); `determinations_run` reads the whole registry in bulk (db_batch) and
evaluates it in chunks. Both store with one upsert that leaves a row untouched unless its input hash
or the rulebook version changed, so re-runs are idempotent.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from refah.eligibility import records
from refah.eligibility.custom import CustomSet, custom_set_approved
from refah.eligibility.db_batch import CHUNK_HOUSEHOLDS, registry_read
from refah.eligibility.engine import evaluate, parse_period
from refah.eligibility.errors import MissingInputError
from refah.eligibility.models import Determination, Rulebook
from refah.eligibility.overlay import approved_values, overrides_on
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.selectors import household_reading
from refah.registry.models import Household

_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "household_id",
    "program",
    "period",
    "eligible",
    "amount_kurus",
    "frequency",
    "amounts",
    "unit",
    "reasons",
    "rulebook_version",
    "input_hash",
    "need_score",
    "recipient_id",
)
_UPDATED = [name for name in _COLUMNS if name not in ("id", "created_at", "household_id", "program", "period")]
_TABLE = Determination._meta.db_table
UPSERT_SQL = (
    f"INSERT INTO {_TABLE} ({', '.join(_COLUMNS)}) {{source}} "
    f"ON CONFLICT (household_id, program, period) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _UPDATED)
    + f" WHERE {_TABLE}.input_hash <> excluded.input_hash OR {_TABLE}.rulebook_version <> excluded.rulebook_version"
    # the hash covers the members' facts, not who they are: another person alike may now be the one paid
    + f" OR {_TABLE}.recipient_id IS DISTINCT FROM excluded.recipient_id"
)
COPY_MIN_ROWS = 5_000


@dataclass
class Setup:
    """What an evaluation of one period uses besides the households: overlay, custom programs, version."""

    day: dt.date
    overrides: dict[str, Any]
    customs: CustomSet
    version: str


def setup_for(day: dt.date, *, extra_overrides: dict[str, Any] | None = None) -> Setup:
    """The approved overlay and custom programs in force for `day` and the rulebook version they make."""
    overrides = {**overrides_on(day, approved_values()), **(extra_overrides or {})}
    customs = custom_set_approved()
    version = records.rulebook_version(overrides=overrides, custom_specs=customs.specs)
    return Setup(day, overrides, customs, version)


@dataclass
class RunCounts:
    households: int = 0
    determinations: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    period: str = ""
    version: str = ""
    skipped: dict[str, str] = field(default_factory=dict)  # program → the input the registry lacks

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def evaluate_determinable(inputs, day: dt.date, programs: list, overrides: dict[str, Any]) -> tuple[Any, dict]:
    """Evaluate the programs the inputs allow; a program missing an input is left out, with the reason.

    The registry does not record every input a rule reads (child check-ups, attendance of every
    pupil); one such program must not stop every other determination of the run.
    """
    skipped: dict[str, str] = {}
    wanted = list(programs)
    try:
        return evaluate(inputs, day, programs=[*wanted, "need_score"], parameter_overrides=overrides), skipped
    except MissingInputError:
        pass
    for program in programs:
        try:
            evaluate(inputs, day, programs=[program], parameter_overrides=overrides)
        except MissingInputError as exc:
            skipped[getattr(program, "CODE", program)] = str(exc)
            wanted.remove(program)
    return evaluate(inputs, day, programs=[*wanted, "need_score"], parameter_overrides=overrides), skipped


def determinations_for_household(*, household: Household, period: str | dt.date) -> list[Determination]:
    """Evaluate one household (read through the registry selectors) for a month and store the results."""
    day = parse_period(period)
    reading = household_reading(household=household, day=day)
    if reading is None:
        return []
    data, person_ids = reading
    setup = setup_for(day)
    customs = setup.customs.for_district(district_id=household.district_id, province_id=household.province_id)
    result, _skipped = evaluate_determinable(data, day, [*PROGRAMS, *customs], setup.overrides)
    frame = _rows(result, pl.Series("household_id", [household.pk.hex]), pl.Series(person_ids, dtype=pl.String), setup)
    with transaction.atomic():
        _rulebook_save(result, setup)
        _upsert(frame)
    return list(Determination.objects.filter(household=household, period=day))


def determinations_run(
    *,
    period: str | dt.date,
    on_progress: Callable[[dict[str, Any]], None] | None = None,
    household_ids: list | None = None,
) -> dict[str, Any]:
    """Evaluate every household of the registry (or those given) for a month and store determinations in bulk;
    counts."""
    started = time.perf_counter()
    day = parse_period(period)
    setup = setup_for(day)
    frames = registry_read(day=day, household_ids=household_ids)
    counts = RunCounts(households=frames.n_households, period=f"{day:%Y-%m}", version=setup.version)
    before = Determination.objects.filter(period=day).count()
    for households, batch in frames.chunks(CHUNK_HOUSEHOLDS):
        customs = setup.customs.programs
        result, skipped = evaluate_determinable(batch, day, [*PROGRAMS, *customs], setup.overrides)
        counts.skipped.update(skipped)
        frame = _rows(result, households["household_id"], frames.person_ids(households), setup, households=households)
        with transaction.atomic():
            _rulebook_save(result, setup)
            counts.updated += _upsert(frame)
        counts.determinations += frame.height
        if on_progress is not None:
            on_progress({"households": households.height, "determinations": frame.height})
    counts.created = Determination.objects.filter(period=day).count() - before
    counts.updated -= counts.created
    counts.unchanged = counts.determinations - counts.created - counts.updated
    counts.seconds = round(time.perf_counter() - started, 2)
    return counts.as_dict()


def _rows(
    result, household_ids: pl.Series, person_ids: pl.Series, setup: Setup, households: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The determination rows of a result, custom programs kept only inside their office's jurisdiction.

    `person_ids`: the ids of the batch's person rows, in order; a row's recipient is stored by its person id.
    """
    rows = records.result_rows(result)
    recipients = pl.DataFrame(
        {"recipient_row": pl.int_range(len(person_ids), dtype=pl.Int64, eager=True), "recipient_id": person_ids}
    )
    rows = rows.join(recipients, on="recipient_row", how="left")
    keys = pl.DataFrame(
        {
            "household_key": result.batch.household_key,
            "household_id": household_ids,
            "input_hash": records.input_hashes(result.batch),
        }
    )
    rows = rows.join(keys, on="household_key", how="left")
    if households is not None:
        rows = setup.customs.keep_in_jurisdiction(rows, households)
    now = timezone.now().isoformat()
    return rows.select(
        pl.Series("id", [uuid.uuid4().hex for _ in range(rows.height)], pl.String),
        pl.lit(now).alias("created_at"),
        pl.lit(now).alias("updated_at"),
        "household_id",
        "program",
        pl.lit(setup.day.isoformat()).alias("period"),
        "eligible",
        "amount_kurus",
        "frequency",
        "amounts",
        "unit",
        "reasons",
        pl.lit(setup.version).alias("rulebook_version"),
        "input_hash",
        "need_score",
        "recipient_id",
    )


def _rulebook_save(result, setup: Setup) -> None:
    labels, programs = records.result_labels(result)
    rulebook, created = Rulebook.objects.get_or_create(
        version=setup.version, period=setup.day, defaults={"labels": labels, "programs": programs}
    )
    if not created and (set(labels) - set(rulebook.labels) or set(programs) - set(rulebook.programs)):
        rulebook.labels = {**rulebook.labels, **labels}
        rulebook.programs = {**rulebook.programs, **programs}
        rulebook.save(update_fields=["labels", "programs"])


def _upsert(frame: pl.DataFrame) -> int:
    """Insert or update determinations; returns the rows written (created + changed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and frame.height >= COPY_MIN_ROWS:
            return _upsert_copy(cursor, frame)
        sql = UPSERT_SQL.format(source=f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})")
        written = 0
        for chunk in frame.iter_slices(50_000):
            cursor.executemany(sql, chunk.rows())
            written += max(cursor.rowcount, 0)
        return written


def _upsert_copy(cursor, frame: pl.DataFrame) -> int:
    """PostgreSQL: COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT."""
    cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS _determination_in (LIKE {_TABLE}) ON COMMIT DROP")
    cursor.execute("TRUNCATE _determination_in")  # still there when the caller's transaction is still open
    with cursor.copy(f"COPY _determination_in ({', '.join(_COLUMNS)}) FROM STDIN WITH (FORMAT csv)") as copy:
        for chunk in frame.iter_slices(100_000):
            copy.write(chunk.write_csv(include_header=False).encode())
    cursor.execute(UPSERT_SQL.format(source=f"SELECT {', '.join(_COLUMNS)} FROM _determination_in"))
    return cursor.rowcount


def household_refresh(*, household_id, period: str | dt.date | None = None) -> list[Determination]:
    """Re-evaluate one household for a month (this month by default), e.g. after a registry change."""
    household = Household.objects.select_related("province", "district", "neighbourhood").filter(pk=household_id)
    found = household.first()
    if found is None:
        return []
    return determinations_for_household(household=found, period=period or timezone.localdate())
