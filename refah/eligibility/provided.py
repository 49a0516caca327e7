"""Facts given by an app above eligibility (`Reading.PROVIDED` in refah.registry.facts), read through one hook.

Eligibility sits below the apps whose records some rules read (the employment app's placements, job referrals
and sanctions), so it never imports them: such an app registers a provider from its AppConfig.ready(), as
refah.linkage lets higher apps register record kinds:

    provided_reading_register(
        "employment",
        facts=("work_started_months", "job_referrals", "work_sanction_month", ...),
        columns=employment_columns,  # (day=, household_ids=) → {"household": frame, "person": frame}
        household=employment_household,  # (household_id=, person_ids=, day=) → ({fact: value}, {person_id: {…}})
    )

`columns` gives the whole registry's values for a period as Polars frames keyed by `household_id` / `person_id`
(32 hex digits) for the batch reader (db_batch.py), holding only the households and persons that have a value;
`household` gives one household's for the one-household reader (selectors.household_reading). A provider
computes both from the same query, so the two readers agree (the employment app's tests hold them equal).
Where a provider gives nothing — no provider registered, the synthetic registry, the Parquet stream, a screener
answer left empty — a fact has its empty value: -1 ("none") when nullable, else 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl

from refah.eligibility.errors import EligibilityError
from refah.registry.facts import FACTS, Entity, Fact, Reading, facts_of

PROVIDED_HOUSEHOLD_FACTS = facts_of(Entity.HOUSEHOLD, reading=Reading.PROVIDED)
PROVIDED_PERSON_FACTS = facts_of(Entity.PERSON, reading=Reading.PROVIDED)
_KEYS = {Entity.HOUSEHOLD: "household_id", Entity.PERSON: "person_id"}


@dataclass(frozen=True)
class Provider:
    name: str
    facts: tuple[str, ...]
    columns: Callable[..., dict[str, pl.DataFrame]]
    household: Callable[..., tuple[dict[str, int], dict[str, dict[str, int]]]]


_PROVIDERS: dict[str, Provider] = {}


def provided_reading_register(name: str, *, facts: Iterable[str], columns: Callable, household: Callable) -> None:
    """Register the provider `name` of `facts` (declared with Reading.PROVIDED); registering again replaces it."""
    facts = tuple(facts)
    for fact in facts:
        if fact not in FACTS or FACTS[fact].reading != Reading.PROVIDED:
            raise EligibilityError(f"{fact!r} is not a provided fact (refah.registry.facts, Reading.PROVIDED).")
        taken = [p.name for p in _PROVIDERS.values() if p.name != name and fact in p.facts]
        if taken:
            raise EligibilityError(f"{fact!r} is already provided by {taken[0]!r}.")
    _PROVIDERS[name] = Provider(name, facts, columns, household)


def empty_value(fact: Fact) -> int:
    """What a household or person without the fact holds: -1 ("none") when nullable, else 0."""
    return -1 if fact.nullable else 0


def provided_frames(*, day: dt.date, household_ids: list | None = None) -> dict[Entity, pl.DataFrame]:
    """Every provider's columns for the period of `day`: one frame per entity, keyed `household_id` or
    `person_id` (32 hex digits), one Int64 column per provided fact, null where a provider gives no value."""
    out = {}
    for entity, facts in ((Entity.HOUSEHOLD, PROVIDED_HOUSEHOLD_FACTS), (Entity.PERSON, PROVIDED_PERSON_FACTS)):
        key = _KEYS[entity]
        frame = pl.DataFrame(schema={key: pl.String})
        for provider in _PROVIDERS.values():
            given = provider.columns(day=day, household_ids=household_ids).get(entity.value)
            names = [fact.name for fact in facts if fact.name in provider.facts]
            if given is None or not names:
                continue
            given = given.select(pl.col(key).cast(pl.String), *[pl.col(n).cast(pl.Int64) for n in names])
            frame = frame.join(given, on=key, how="full", coalesce=True)
        missing = [pl.lit(None, pl.Int64).alias(f.name) for f in facts if f.name not in frame.columns]
        out[entity] = frame.with_columns(missing) if missing else frame
    return out


def with_provided(frame: pl.DataFrame, provided: pl.DataFrame, entity: Entity) -> pl.DataFrame:
    """`frame` (households or persons of the batch reader) with the provided facts' columns joined on its key,
    the empty value where none is given."""
    key = _KEYS[entity]
    facts = PROVIDED_HOUSEHOLD_FACTS if entity == Entity.HOUSEHOLD else PROVIDED_PERSON_FACTS
    joined = frame.join(provided, on=key, how="left", maintain_order="left")
    return joined.with_columns(pl.col(f.name).fill_null(empty_value(f)) for f in facts)


def provided_household(*, household_id: Any, person_ids: list[str], day: dt.date) -> tuple[dict, dict]:
    """One household's provided facts: ({household fact: value}, {person id (32 hex): {person fact: value}}),
    every fact present (the empty value where no provider gives one)."""
    household = {fact.name: empty_value(fact) for fact in PROVIDED_HOUSEHOLD_FACTS}
    persons = {pid: {fact.name: empty_value(fact) for fact in PROVIDED_PERSON_FACTS} for pid in person_ids}
    for provider in _PROVIDERS.values():
        own, members = provider.household(household_id=household_id, person_ids=person_ids, day=day)
        household.update({name: int(v) for name, v in own.items() if name in provider.facts and v is not None})
        for pid, values in members.items():
            if pid in persons:
                persons[pid].update({n: int(v) for n, v in values.items() if n in provider.facts and v is not None})
    return household, persons
