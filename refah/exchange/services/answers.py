"""The sources' answers about some households' members stored, as both refresh paths do it (one household, many in
bulk), inside the caller's transaction: each household's check per source (ok with the answer's facts, or waiting /
failed), the disagreements with the declaration, and the plan of the registry's rows the caller writes — through the
registry's services (one household) or in bulk statements (a chunk).

Everything is decided over columns (Polars) by the same functions for one household and for thousands."""

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
    households = members["household_id"].unique(maintain_order=True)
    frames, answered, persons, failed = [], [], [], []
    for code, answer in answers.items():
        if isinstance(answer, SourceError):
            failed.append((households.to_list(), code, answer))
            continue
        unknown = _unknown(answer, members)
        for hid, tc in unknown.items():  # a member the institution does not know: that household's check fails
            failed.append(([hid], code, not_found_error(code, tc)))
        ok = members.filter(~pl.col("household_id").is_in(list(unknown)))
        frames.append(_facts(answer, code, ok))
        answered.append(
            pl.DataFrame({"household_id": ok["household_id"].unique(maintain_order=True)}).with_columns(
                source=pl.lit(code)
            )
        )
        persons.append(
            ok.filter(pl.col("tc").is_in(list(answer.answered))).select(
                pl.lit(code).alias("source"), "person_id", pl.lit(answer.as_of, dtype=pl.Date).alias("as_of")
            )
        )
    facts = pl.concat(frames) if frames else pl.DataFrame(schema=FACTS)
    answered = pl.concat(answered).select(ANSWERED.keys()) if answered else pl.DataFrame(schema=ANSWERED)
    persons = pl.concat(persons) if persons else pl.DataFrame(schema=_PERSONS_ANSWERED)
    found = disagreements(facts, declared)
    stage("compare")
    ok_answers = {code: a for code, a in answers.items() if not isinstance(a, SourceError)}
    checks = checks_of(
        facts,
        answered,
        calls={code: a.calls[-1].pk if a.calls else None for code, a in ok_answers.items()},
        as_of={code: a.as_of for code, a in ok_answers.items()},
    )
    checks_answered(checks=checks, purpose=purpose, now=now)
    for household_ids, code, error in failed:
        checks_failed(household_ids=household_ids, source=code, purpose=purpose, error=error, now=now)
    stage("checks")
    opened = discrepancies_store(found=found, answered=answered)
    stage("discrepancies")
    rows = plan(facts, persons, held, declared)
    stage("plan")
    counts = {
        "facts": facts.height,
        "disagreements": opened,
        "found": found.height,
        "sources": sorted(ok_answers),
        "failed": sorted({code for _h, code, _e in failed}),
    }
    return rows, counts


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
