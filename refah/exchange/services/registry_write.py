"""Registered facts into the registry, with the institution as `source`: SGK's status on the person and its earnings
and pension as incomes, İŞKUR's benefit and GİB's business income as incomes, EGM's vehicles and TKGM's parcels as
assets, e-Okul's absence days as attendance, check-ups on the person, NVİ's father's and mother's names on the person.

Declared rows are never touched. An institution's own open income of the same kind is ended when the new answer
differs; its registered assets (vehicles, parcels) are what it shows now: a row it no longer shows, or shows with
another value, is disposed of on the answer's date and the new one recorded, so only the current ones count.

`plan()` decides what to write, for one household or thousands at once, as columns (Polars joins, not a loop per
fact); the household refresh writes the plan through the registry's services (each audited), the bulk refresh in
bulk statements (`registry.services.registered_bulk`, one audit event per chunk): both store the same rows."""

import polars as pl

from refah.registry import enums, services
from refah.registry.models import Asset, IncomeSource, Person
from refah.registry.selectors import Holdings
from refah.registry.services import RegisteredRows

INCOMES = {  # fact → (income kind, period)
    "sgk.earnings": (enums.IncomeKind.WAGE, enums.IncomePeriod.MONTHLY),
    "sgk.pension": (enums.IncomeKind.PENSION, enums.IncomePeriod.MONTHLY),
    "iskur.benefit": (enums.IncomeKind.OTHER_AID, enums.IncomePeriod.MONTHLY),
    "gib.business": (enums.IncomeKind.SELF_EMPLOYMENT, enums.IncomePeriod.YEARLY),
}
ASSETS = {
    "egm.vehicle": enums.AssetKind.VEHICLE,
    "tapu.land": enums.AssetKind.LAND,
    "tapu.real_estate": enums.AssetKind.REAL_ESTATE,
}
ASSET_SOURCES = ("egm", "tapu")
PERSON_FACTS = {  # fact → the person field it sets, as a declaration() column (NVİ's blank names are kept)
    "sgk.status": "social_security",
    "health.checkups": "child_checkups_done",
    "nvi.father_name": "father_name",
    "nvi.mother_name": "mother_name",
}


def plan(facts: pl.DataFrame, answered: pl.DataFrame, holdings: Holdings, declared: pl.DataFrame) -> RegisteredRows:
    """What the answers' facts (compare.FACTS) change in the registry of their persons: `answered` the persons each
    source answered about with its answer's date (source, person_id, as_of), `holdings` what the registry holds of
    them, `declared` their declaration (compare.declaration)."""
    incomes, ended = _incomes(facts, holdings)
    assets, disposed = _assets(facts, answered, holdings)
    return RegisteredRows(
        incomes=incomes,
        incomes_ended=ended,
        assets=assets,
        assets_disposed=disposed,
        attendance=_attendance(facts),
        persons=_persons(facts, declared),
    )


def _incomes(facts: pl.DataFrame, holdings: Holdings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """An institution's income of a kind: kept when one of its open rows has the same amount and period; otherwise
    its open rows ended on the answer's date (not before they started) and the new amount recorded, if any."""
    key = ["person_id", "kind", "source"]
    given = facts.filter(pl.col("fact").is_in(list(INCOMES))).select(
        "person_id",
        pl.col("fact").replace_strict({f: str(k) for f, (k, _p) in INCOMES.items()}).alias("kind"),
        pl.col("fact").replace_strict({f: str(p) for f, (_k, p) in INCOMES.items()}).alias("period"),
        "source",
        pl.col("value").fill_null(0).alias("amount_kurus"),
        "as_of",
        pl.col("text").str.head(200).alias("note"),
    )
    held = holdings.incomes.join(given.select(key).unique(), on=key, how="semi")
    same = held.join(given, on=[*key, "amount_kurus", "period"], how="semi").select(key).unique()
    changed = given.join(same, on=key, how="anti")
    ended = held.join(changed.select(*key, "as_of"), on=key, how="inner").select(
        "income_id", pl.max_horizontal("as_of", "start_date").alias("end_date")
    )
    new = changed.filter(pl.col("amount_kurus") > 0).select(
        "person_id", "kind", "amount_kurus", "period", pl.col("as_of").alias("start_date"), "source", "note"
    )
    return new, ended


def _assets(facts: pl.DataFrame, answered: pl.DataFrame, holdings: Holdings) -> tuple[pl.DataFrame, pl.DataFrame]:
    """An institution's assets of each person it answered about are what it shows now: its held rows matched one
    for one (kind, value, description) are kept, the others disposed of on the answer's date (not before they
    were acquired), and what is shown beyond them recorded."""
    key = ["person_id", "source", "kind", "value_kurus", "description", "n"]
    shown = facts.filter(pl.col("fact").is_in(list(ASSETS))).select(
        "person_id",
        "household_id",
        "source",
        pl.col("fact").replace_strict({f: str(k) for f, k in ASSETS.items()}).alias("kind"),
        pl.col("value").fill_null(0).alias("value_kurus"),
        pl.col("text").alias("description"),
    )
    held = (
        holdings.assets.filter(pl.col("source").is_in(ASSET_SOURCES))
        .rename({"owner_id": "person_id"})
        .join(answered, on=["source", "person_id"], how="inner")
    )
    shown, held = (_numbered(frame, key[:-1]) for frame in (shown, held))
    disposed = held.join(shown, on=key, how="anti").select(
        "asset_id", pl.max_horizontal("as_of", pl.coalesce("acquired_on", "as_of")).alias("disposed_on")
    )
    new = shown.join(held, on=key, how="anti").select(
        "household_id", pl.col("person_id").alias("owner_id"), "kind", "value_kurus", "description", "source"
    )
    return new, disposed


def _numbered(frame: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    """Alike rows told apart by their number among them (0, 1, …), so that they are matched one for one."""
    return frame.with_columns(pl.int_range(pl.len()).over(key).alias("n"))


def _attendance(facts: pl.DataFrame) -> pl.DataFrame:
    return facts.filter(pl.col("fact") == "meb.absence").select(
        "person_id",
        (pl.col("text") + "-01").str.to_date("%Y-%m-%d").alias("month"),
        pl.col("value").clip(upper_bound=31).alias("absence_days"),
    )


def _persons(facts: pl.DataFrame, declared: pl.DataFrame) -> pl.DataFrame:
    """The person fields an institution gives that differ from the registry's (one row per person, null where a
    field stays)."""
    given = facts.filter(pl.col("fact").is_in(list(PERSON_FACTS))).join(
        declared.select("person_id", "social_security", "checkups", "father_name", "mother_name"), on="person_id"
    )
    changes = []
    for fact, field in PERSON_FACTS.items():
        rows = given.filter(pl.col("fact") == fact)
        if field == "child_checkups_done":
            value, held = pl.col("text") == "yes", pl.col("checkups")
        else:
            value, held = pl.col("text"), pl.col(field)
        keep = value.ne_missing(held)
        if fact.startswith("nvi."):
            keep &= pl.col("text") != ""  # NVİ's blank leaves the name as it is
        changes.append(rows.filter(keep).select("person_id", value.alias(field)))
    return (
        pl.concat(changes, how="diagonal")
        .group_by("person_id", maintain_order=True)
        .agg(pl.col(field).drop_nulls().last() for field in PERSON_FACTS.values())
    )


def plan_write(*, actor, household, rows: RegisteredRows) -> None:
    """Write one household's plan through the registry's services (each write checked and audited)."""
    ids = set(rows.incomes["person_id"]) | set(rows.attendance["person_id"]) | set(rows.assets["owner_id"])
    persons = {str(p.pk): p for p in Person.objects.filter(pk__in=ids | set(rows.persons["person_id"]))}
    for income_id, end in rows.incomes_ended.iter_rows():
        services.income_end(actor=actor, income=IncomeSource.objects.get(pk=income_id), end_date=end)
    for pid, kind, amount, period, start, source, note in rows.incomes.iter_rows():
        services.income_record(
            actor=actor,
            person=persons[pid],
            kind=kind,
            amount_kurus=amount,
            period=period,
            start_date=start,
            source=source,
            note=note,
        )
    for asset_id, day in rows.assets_disposed.iter_rows():
        services.asset_dispose(actor=actor, asset=Asset.objects.get(pk=asset_id), disposed_on=day)
    for _household_id, owner_id, kind, value, text, source in rows.assets.iter_rows():
        services.asset_record(
            actor=actor,
            household=household,
            kind=kind,
            value_kurus=value,
            description=text,
            owner=persons[owner_id],
            source=source,
        )
    for pid, month, days in rows.attendance.iter_rows():
        services.attendance_record(actor=actor, person=persons[pid], month=month, absence_days=days)
    for row in rows.persons.iter_rows(named=True):
        data = {name: value for name, value in row.items() if name != "person_id" and value is not None}
        services.person_update(actor=actor, person=persons[row["person_id"]], data=data)
