"""Engine results → determination rows, on whole columns: input hashes, reasons JSON, rulebook version.

A stored reason is `{"code", "passed", "lhs", "rhs"}` (plus `"member"`, the member's position, for a
condition about persons); the words to show it (subject, note, kind, operator) are the same for every
household and are kept once per rulebook version and period in Rulebook.labels.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from refah.eligibility.entities import Batch
from refah.eligibility.params import PARAMETER_DIR
from refah.eligibility.result import Condition, ProgramResult, Result, household_passed
from refah.registry.facts import Entity, Kind, facts_of

ENGINE_DIR = Path(__file__).parent
ENGINE_SOURCES = (
    "blocks.py",
    "context.py",
    "engine.py",
    "entities.py",
    "interactions.py",
    "need_score.py",
    "other_aid.py",
    "work_sanction.py",
    "custom/payment.py",
    "custom/program.py",
    "custom/spec.py",
)
# Every declared fact, in declaration order (the order is part of the stored hashes); the district is
# hashed by its code, first.
HASH_HOUSEHOLD = tuple(fact.name for fact in facts_of(Entity.HOUSEHOLD) if fact.kind != Kind.PLACE)
HASH_PERSON = tuple(fact.name for fact in facts_of(Entity.PERSON))
_ABSENT = "-"


# --- versions and hashes --------------------------------------------------------------------------


def rulebook_version(*, overrides: dict[str, Any], custom_specs: dict[str, Any]) -> str:
    """sha256 (first 32 hex) of the rules' code, the YAML parameters, the approved overlay and custom specs."""
    digest = hashlib.sha256()
    files = sorted(PARAMETER_DIR.rglob("*.yaml")) + sorted((ENGINE_DIR / "rules").glob("*.py"))
    files += [ENGINE_DIR / name for name in ENGINE_SOURCES if (ENGINE_DIR / name).exists()]
    for path in files:
        digest.update(str(path.relative_to(ENGINE_DIR)).encode() + b"\0" + path.read_bytes())
    extra = {"overrides": overrides, "custom": custom_specs}
    digest.update(json.dumps(extra, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


def _text(values: np.ndarray | None, n: int) -> pl.Series:
    if values is None:
        return pl.Series([_ABSENT] * n, dtype=pl.String)
    return pl.Series(values).cast(pl.String).fill_null(_ABSENT)


def input_hashes(batch: Batch) -> list[str]:
    """sha256 of each household's inputs: its own columns and its members' (in any order)."""
    n_h, n_p = batch.n_households, batch.n_persons
    district = np.array(batch.districts or [_ABSENT], dtype=object)
    district_index = batch.households.get("district", np.zeros(n_h, np.int16))
    households = pl.DataFrame(
        {
            "district": pl.Series(district[district_index], dtype=pl.String),
            **{name: _text(batch.households.get(name), n_h) for name in HASH_HOUSEHOLD},
        }
    )
    persons = pl.DataFrame({name: _text(batch.persons.get(name), n_p) for name in HASH_PERSON}).select(
        pl.Series("row", batch.person_household, dtype=pl.Int64),
        pl.concat_str(pl.all(), separator="|").alias("text"),
    )
    members = persons.group_by("row").agg(pl.col("text").sort().str.join(";"))
    texts = (
        households.with_row_index("row")
        .with_columns(pl.col("row").cast(pl.Int64))
        .join(members, on="row", how="left")
        .select(pl.concat_str([*households.columns, "text"], separator="|", ignore_nulls=True))
        .to_series()
    )
    return [hashlib.sha256(text.encode()).hexdigest() for text in texts]


# --- reasons --------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, (bool, int, float, str)) or value is None else str(value)


def _json_column(values: Any, rows: np.ndarray, n: int) -> pl.Series:
    """JSON texts of `values` (an array indexed by `rows`, -1 = null, or a scalar for all) for n rows."""
    array = np.asarray(values) if isinstance(values, np.ndarray) else None
    if array is None or array.ndim == 0:
        scalar = values if array is None else array.item()
        return pl.Series([json.dumps(_jsonable(scalar), default=str)] * n, dtype=pl.String)
    picked = pl.Series(array[np.maximum(rows, 0)]) if len(array) else pl.Series([None] * n)
    if array.dtype.kind == "f":
        picked = pl.Series(np.round(array[np.maximum(rows, 0)], 3)).fill_nan(None)
    text = picked.dt.to_string("%Y-%m-%d").map_elements(json.dumps, pl.String) if array.dtype.kind == "M" else None
    if text is None:
        text = (
            picked.cast(pl.String)
            if array.dtype.kind in "biuf"
            else picked.map_elements(lambda v: json.dumps(_jsonable(v), default=str), pl.String)
        )
    return pl.select(pl.when(pl.Series(rows >= 0)).then(text).otherwise(pl.lit("null")).fill_null("null")).to_series()


def _first_member(ph: np.ndarray, mask: np.ndarray, n_households: int) -> np.ndarray:
    """Person row of the first member per household where mask holds; -1 when none."""
    rows = np.flatnonzero(mask)
    first = np.full(n_households, -1, np.int64)
    homes, index = np.unique(ph[rows], return_index=True)
    first[homes] = rows[index]
    return first


def condition_json(condition: Condition, batch: Batch) -> pl.Series:
    """One JSON object per household for this condition."""
    n_h, ph = batch.n_households, batch.person_household
    passed = household_passed(condition, ph, n_h) if condition.op != "info" else np.ones(n_h, bool)
    parts = [pl.lit('{"code":' + json.dumps(condition.code) + ',"passed":'), pl.Series(passed).cast(pl.String)]
    if condition.level == "person":
        applies = np.ones(len(ph), bool) if condition.applies is None else condition.applies
        failed = applies & ~np.broadcast_to(np.asarray(condition.passed), (len(ph),))
        row = _first_member(ph, failed, n_h)
        row = np.where(row >= 0, row, _first_member(ph, applies, n_h))
        starts = np.searchsorted(ph, np.arange(n_h))
        member = np.where(row >= 0, row - starts + 1, -1)
        parts += [pl.lit(',"member":'), pl.Series(np.where(member > 0, member.astype(str), "null"))]
    else:
        row = np.arange(n_h)
    parts += [
        pl.lit(',"lhs":'),
        _json_column(condition.lhs, row, n_h),
        pl.lit(',"rhs":'),
        _json_column(condition.rhs, row, n_h),
        pl.lit("}"),
    ]
    return pl.select(pl.concat_str(parts)).to_series()


def condition_label(condition: Condition) -> dict[str, Any]:
    return {
        "subject": condition.subject,
        "note": condition.note,
        "kind": condition.kind,
        "op": condition.op,
        "level": condition.level,
        "reference": condition.reference,
        "any_of": condition.any_of,
        "quiet": condition.quiet,
    }


def program_reasons(program: ProgramResult, batch: Batch) -> pl.Series:
    """The reasons JSON array of every household for one program."""
    n = batch.n_households
    if program.not_in_force or not program.conditions:
        code = f"{program.code}.not_in_force" if program.not_in_force else f"{program.code}.none"
        return pl.Series([json.dumps([{"code": code, "passed": False}])] * n, dtype=pl.String)
    columns = [condition_json(condition, batch) for condition in program.conditions]
    return pl.select(pl.concat_str([pl.lit("["), pl.concat_str(columns, separator=","), pl.lit("]")])).to_series()


# --- rows -----------------------------------------------------------------------------------------


def principal_amount(program: ProgramResult) -> tuple[np.ndarray, np.ndarray]:
    """Per household: (amount, frequency) — monthly if any, else one-off, else yearly; in kind keeps units."""
    n = len(program.eligible)
    order = [freq for freq in ("monthly", "one_off", "yearly") if freq in program.amounts]
    amount = np.zeros(n, np.int64)
    frequency = np.full(n, order[0] if order else "monthly", dtype=object)
    for freq in reversed(order):
        values = program.amounts[freq]
        amount = np.where(values > 0, values, amount)
        frequency = np.where(values > 0, freq, frequency)
    if program.in_kind:
        frequency = np.full(n, "in_kind", dtype=object)
    return amount, frequency


def result_rows(result: Result, *, programs: list[str] | None = None) -> pl.DataFrame:
    """One row per household and program: household_key, program, eligible, amounts, reasons, need score, and
    the batch's person row of the recipient (null: none, or not eligible)."""
    batch = result.batch
    n = batch.n_households
    score = result.need_score.score if result.need_score is not None else np.full(n, np.nan)
    frames = []
    for code, program in result.programs.items():
        if programs is not None and code not in programs:
            continue
        amount, frequency = principal_amount(program)
        parts = [
            pl.concat_str([pl.lit(f'"{freq}":'), pl.Series(values).cast(pl.String)])
            for freq, values in program.amounts.items()
        ]
        amounts = pl.concat_str([pl.lit("{"), pl.concat_str(parts, separator=","), pl.lit("}")])
        frames.append(
            pl.DataFrame(
                {
                    "household_key": batch.household_key,
                    "program": [code] * n,
                    "eligible": np.asarray(program.eligible, bool),
                    "amount_kurus": np.where(program.eligible, amount, 0),
                    "frequency": frequency.astype(str),
                    "unit": [program.unit] * n,
                    "need_score": np.asarray(score, np.float64),
                    "recipient_row": _recipient_rows(program),
                }
            ).with_columns(
                pl.select(amounts).to_series().alias("amounts"),
                program_reasons(program, batch).alias("reasons"),
                pl.col("need_score").fill_nan(None),
            )
        )
    return pl.concat(frames) if frames else pl.DataFrame()


def _recipient_rows(program: ProgramResult) -> pl.Series:
    """The person row each eligible household's benefit is paid to (Int64; null when none or not eligible)."""
    n = len(program.eligible)
    if program.recipient is None:
        return pl.Series([None] * n, dtype=pl.Int64)
    rows = np.where(np.asarray(program.eligible, bool), program.recipient, -1)
    return pl.Series(rows, dtype=pl.Int64).replace(-1, None)


def result_labels(result: Result) -> tuple[dict[str, Any], dict[str, Any]]:
    """(reason labels by code, program descriptions) of a result, for Rulebook."""
    labels, programs = {}, {}
    for code, program in result.programs.items():
        programs[code] = {
            "label": program.label,
            "reference": program.reference,
            "unit": program.unit,
            "in_kind": program.in_kind,
            "frequencies": list(program.amounts),
        }
        for condition in program.conditions:
            labels[condition.code] = condition_label(condition)
    return labels, programs
