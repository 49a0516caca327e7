"""The sources' answers about some households' members stored, as both refresh paths do it (one household, many in
bulk), inside the caller's transaction: each household's check per source (ok with the answer's facts, or waiting /
failed), the disagreements with the declaration, and the plan of the registry's rows the caller writes — through the
registry's services (one household) or in bulk statements (a chunk).

Everything is decided over columns (Polars) by the same functions for one household and for thousands."""

import dataclasses
import datetime as dt
from collections.abc import Callable

import polars as pl

from refah.exchange import errors
from refah.exchange.client import Answer, SourceError
from refah.exchange.enums import CallOutcome
from refah.exchange.services.compare import FACTS, MEMBERS, declaration, disagreements
from refah.exchange.services.registry_write import plan
from refah.exchange.services.store import (
    ANSWERED,
    checks_answered,
    checks_failed,
    checks_of,
    discrepancies_store,
)
from refah.exchange.sources import SOURCES
from refah.registry.selectors import holdings
from refah.registry.services import RegisteredRows

_PERSONS_ANSWERED = {"source": pl.String, "person_id": pl.String, "as_of": pl.Date}


def members_frame(rows: list[tuple]) -> pl.DataFrame:
    """The persons asked about from (TC, person id, household id) rows (ids as text or UUIDs)."""
    return pl.DataFrame([(tc, str(pid), str(hid)) for tc, pid, hid in rows], schema=MEMBERS, orient="row")


def answers_store(
    *, answers: dict, members: pl.DataFrame, purpose: str, now: dt.datetime, stage: Callable = lambda _name: None
) -> tuple[RegisteredRows, dict]:
    """Store `answers` (source → Answer or SourceError) about `members` (compare.MEMBERS): the checks and the
    disagreements. Returns the registry's rows to write and counts (facts, disagreements opened, sources answered
    and failed). `stage(name)` is called after each step (the bulk refresh times them)."""
    held = holdings(person_ids=members["person_id"].to_list())
    declared = declaration(held, members)
    stage("declared")
    split = _split(answers, members)
    found = disagreements(split.facts, declared)
    stage("compare")
    ok = {code: a for code, a in answers.items() if not isinstance(a, SourceError)}
    calls = {code: a.calls[-1].pk if a.calls else None for code, a in ok.items()}
    checks = checks_of(split.facts, split.households, calls=calls, as_of={c: a.as_of for c, a in ok.items()})
    checks_answered(checks=checks, purpose=purpose, now=now)
    for household_ids, code, error in split.failed:
        checks_failed(household_ids=household_ids, source=code, purpose=purpose, error=error, now=now)
    stage("checks")
    opened = discrepancies_store(found=found, answered=split.households)
    stage("discrepancies")
    rows = plan(split.facts, split.persons, held, declared)
    stage("plan")
    counts = {
        "facts": split.facts.height,
        "disagreements": opened,
        "found": found.height,
        "sources": sorted(ok),
        "failed": sorted({code for _h, code, _e in split.failed}),
    }
    return rows, counts


@dataclasses.dataclass
class _Split:
    facts: pl.DataFrame  # compare.FACTS of the households answered about
    households: pl.DataFrame  # store.ANSWERED: each source's households answered about
    persons: pl.DataFrame  # each source's persons answered about, with the answer's date
    failed: list  # (household ids, source, SourceError)


def _split(answers: dict, members: pl.DataFrame) -> _Split:
    """The answers sorted out: a source that failed fails every household's check; a member a source does not know
    fails that household's check (as it would alone); the rest are answered."""
    households = members["household_id"].unique(maintain_order=True)
    facts, answered, persons, failed = [], [], [], []
    for code, answer in answers.items():
        if isinstance(answer, SourceError):
            failed.append((households.to_list(), code, answer))
            continue
        unknown = _unknown(answer, members)
        failed.extend(([hid], code, not_found_error(code, tc)) for hid, tc in unknown.items())
        ok = members.filter(~pl.col("household_id").is_in(list(unknown)))
        facts.append(_facts(answer, code, ok))
        answered.append(ok.select(pl.col("household_id").unique(maintain_order=True), source=pl.lit(code)))
        persons.append(
            ok.filter(pl.col("tc").is_in(list(answer.answered))).select(
                pl.lit(code).alias("source"), "person_id", pl.lit(answer.as_of, dtype=pl.Date).alias("as_of")
            )
        )
    return _Split(
        facts=pl.concat(facts) if facts else pl.DataFrame(schema=FACTS),
        households=pl.concat(answered).select(ANSWERED.keys()) if answered else pl.DataFrame(schema=ANSWERED),
        persons=pl.concat(persons) if persons else pl.DataFrame(schema=_PERSONS_ANSWERED),
        failed=failed,
    )


def _unknown(answer: Answer, members: pl.DataFrame) -> dict:
    """Household id → the first of its members' TCs the institution does not know."""
    if not answer.not_found:
        return {}
    household_of = dict(zip(members["tc"], members["household_id"], strict=True))
    unknown: dict = {}
    for tc in answer.not_found:
        unknown.setdefault(household_of[tc], tc)
    return unknown


def not_found_error(code: str, tc: str) -> SourceError:
    message = errors.ERR_NOT_FOUND % {"source": SOURCES[code].label, "tc": tc}
    return SourceError(message, source=code, outcome=CallOutcome.NOT_FOUND, field="tc")


def _facts(answer: Answer, code: str, members: pl.DataFrame) -> pl.DataFrame:
    """The answer's facts of `members` (compare.FACTS)."""
    return (
        answer.frame.with_columns(source=pl.lit(code), as_of=pl.lit(answer.as_of, dtype=pl.Date))
        .join(members, on="tc", how="inner", maintain_order="left")
        .select(FACTS.keys())
    )
