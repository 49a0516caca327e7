"""The anonymous screener: what could this household receive? Evaluated from partial answers, never stored.

Each program is evaluated once per combination of the values its unanswered inputs may take (a batch with
one row per combination, so a few thousand cost one vectorised evaluation). Every combination eligible:
"likely"; none: "unlikely"; some: "unknown", naming the inputs that decide it. Combinations beyond
SCENARIO_CAP are sampled (fixed seed), as are mixtures of members' values (MIXED_SAMPLE) — so "unlikely"
means no combination tried is eligible, never a decision.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from refah.common.errors import RefahError
from refah.common.money import format_tl, kurus_to_tl, tl_to_kurus
from refah.eligibility.custom import custom_set_approved
from refah.eligibility.engine import NEED_SCORE, evaluate, parse_period
from refah.eligibility.entities import Batch, batch_from_household
from refah.eligibility.errors import EligibilityError, InvalidInputError, MissingInputError, ParameterNotInForce
from refah.eligibility.explain import FREQUENCY
from refah.eligibility.overlay import overrides_on
from refah.eligibility.params import ParameterSet
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.screener_inputs import BY_COLUMN, HOUSEHOLD_QUESTIONS, QUESTIONS, unanswered, with_implied
from refah.eligibility.units import UNIT_WORDS
from refah.geo.models import District
from refah.registry.facts import Entity, Kind, Reading, facts_of

ERR_MISSING = _("This information is needed to check the programmes.")
ERR_PERIOD = _("Give the month as YYYY-MM.")
ERR_AMOUNT = _("Give an amount in TL, e.g. 1500.00.")
ERR_AMOUNT_NEGATIVE = _("An amount cannot be negative.")
LIKELY, UNLIKELY, UNKNOWN = "likely", "unlikely", "unknown"
STATUSES = (LIKELY, UNKNOWN, UNLIKELY)  # the order the answer lists them in
SCENARIO_CAP = 4096
MIXED_SAMPLE = 512
_MEMBER = re.compile(r"member (\d+)")
_HOUSEHOLD_KEYS = {question.key for question in HOUSEHOLD_QUESTIONS} | {"ilce", "members", "period"}


class ScreenerInputError(RefahError):
    """Invalid screener input, named by its field (members.0.birth_date)."""

    status_code = 422


def _field(exc: EligibilityError) -> str:
    question = BY_COLUMN.get(exc.field)
    name = question.key if question else exc.field
    if name in _HOUSEHOLD_KEYS:
        return name
    where = _MEMBER.search(str(exc))
    return f"members.{int(where.group(1)) - 1}.{name}" if where else f"members.{name}"


_MONEY_KEYS = {
    entity: tuple(fact.screener_key for fact in facts_of(entity, Kind.MONEY) if fact.reading != Reading.ASSET_SUM)
    for entity in (Entity.HOUSEHOLD, Entity.PERSON)
}  # the assets are a list of their own


def _amount_checked(value: Any, field: str) -> None:
    """An amount given in TL: a number of TL, never negative (the engine's own check is worded for developers)."""
    try:
        kurus = tl_to_kurus(value)
    except (TypeError, ValueError):
        raise ScreenerInputError(ERR_AMOUNT, field=field, code="invalid") from None
    if kurus < 0:
        raise ScreenerInputError(ERR_AMOUNT_NEGATIVE, field=field, code="invalid")


def _amounts_checked(household: dict[str, Any]) -> None:
    """Every amount of the answers, named by its field (monthly_rent, members.1.monthly_income, assets.0.value)."""
    for key in _MONEY_KEYS[Entity.HOUSEHOLD]:
        if household.get(key) is not None:
            _amount_checked(household[key], key)
    for i, asset in enumerate(household.get("assets") or ()):
        if isinstance(asset, dict) and asset.get("value") is not None:
            _amount_checked(asset["value"], f"assets.{i}.value")
    for i, member in enumerate(household.get("members") or ()):
        for key in _MONEY_KEYS[Entity.PERSON]:
            if isinstance(member, dict) and member.get(key) is not None:
                _amount_checked(member[key], f"members.{i}.{key}")


def _customs_for(ilce: str | None) -> list[Any]:
    district = District.objects.filter(pcode=ilce).first() if ilce else None
    if district is None:
        return []
    return custom_set_approved().for_district(district_id=district.pk, province_id=district.province_id)


def amount_text(value: int, unit: str, lang: str) -> str:
    """An amount for people: kuruş as "13.136,45 TL" (Turkish) or "13,136.45 TL"; counts grouped likewise."""
    if unit == "TRY":
        return format_tl(value, lang)
    number = f"{int(value):,}"
    number = number.replace(",", ".") if lang == "tr" else number
    return f"{number} {UNIT_WORDS.get(unit, {}).get(lang, unit)}"


# --- scenarios ------------------------------------------------------------------------------------


class _Reads(dict):
    """A batch's column dict that notes which columns a rule reads."""

    def __init__(self, data: dict, seen: set[str]):
        super().__init__(data)
        self.seen = seen

    def __getitem__(self, key):
        self.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.seen.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.seen.add(key)
        return super().__contains__(key)


@functools.cache
def _encoded(key: str, index: int) -> dict[str, Any]:
    """A question's candidate value as the engine's column values (through the engine's own reader)."""
    question = QUESTIONS[key]
    value = question.candidates[index]
    if question.member:
        batch = batch_from_household({"members": [{"role": "reference", key: value}]})
        return {column: batch.persons[column][0] for column in question.columns}
    batch = batch_from_household({key: list(value) if key == "assets" else value, "members": [{"role": "reference"}]})
    return {column: batch.households[column][0] for column in question.columns}


def _filled(household: dict[str, Any], missing: dict[str, list[int]]) -> dict[str, Any]:
    """The household with each unanswered input at its first candidate (the scenarios then vary it)."""
    out = dict(household)
    members = [dict(member) for member in household["members"]]
    for key, lacking in missing.items():
        question = QUESTIONS[key]
        first = question.candidates[0]
        if not question.member:
            out[key] = list(first) if key == "assets" else first
            continue
        for i in lacking:
            members[i][key] = first
    out["members"] = [{k: v for k, v in member.items() if v is not None} for member in members]
    return out


def _reads(batch: Batch, day: dt.date, program: Any, overrides: dict) -> set[str]:
    """The engine columns a program (with the programs it reads) reads."""
    seen: set[str] = set()
    recording = Batch(
        batch.household_key,
        _Reads(batch.households, seen),
        batch.person_household,
        _Reads(batch.persons, seen),
        batch.districts,
    )
    evaluate(recording, day, programs=[program], parameter_overrides=overrides)
    return seen


def _uniform(keys: list[str]) -> np.ndarray:
    """Candidate indexes, one row per question and one column per scenario: every combination, or a seeded
    sample with the all-first and all-last combinations always in it."""
    sizes = [len(QUESTIONS[key].candidates) for key in keys]
    if math.prod(sizes) <= SCENARIO_CAP:
        return np.indices(sizes).reshape(len(keys), -1)
    rng = np.random.default_rng(0)
    grid = np.stack([rng.integers(0, size, SCENARIO_CAP) for size in sizes])
    grid[:, 0], grid[:, 1] = 0, np.array(sizes) - 1
    return grid


def _grid(keys: list[str], missing: dict[str, list[int]]) -> dict[str, np.ndarray]:
    """Question → candidate indexes [scenario, member lacking it]. First each question at one value for all
    the members lacking it (`_uniform`); then, when two or more members lack one, MIXED_SAMPLE scenarios with
    each member's value drawn on its own (one disabled member and one not, one earning and one not)."""
    if not keys:
        return {}
    uniform = _uniform(keys)
    widths = {key: max(len(missing[key]), 1) for key in keys}
    grid = {key: np.repeat(uniform[row][:, None], widths[key], axis=1) for row, key in enumerate(keys)}
    if max(widths.values()) > 1:
        rng = np.random.default_rng(1)
        for key in keys:
            mixed = rng.integers(0, len(QUESTIONS[key].candidates), (MIXED_SAMPLE, widths[key]))
            grid[key] = np.concatenate([grid[key], mixed])
    return grid


def _scenario_batch(batch: Batch, grid: dict[str, np.ndarray], missing: dict[str, list[int]]) -> Batch:
    """The household repeated once per scenario, each unanswered input set to the scenario's value."""
    n, size = (len(next(iter(grid.values()))) if grid else 1), batch.n_persons
    households = {name: np.repeat(values, n) for name, values in batch.households.items()}
    persons = {name: np.tile(values, n) for name, values in batch.persons.items()}
    for key, indexes in grid.items():
        question = QUESTIONS[key]
        for column in question.columns:
            values = np.array([_encoded(key, j)[column] for j in range(len(question.candidates))])[indexes]
            if question.member:
                persons[column].reshape(n, size)[:, missing[key]] = values
            else:
                households[column][:] = values[:, 0]
    person_household = np.repeat(np.arange(n, dtype=np.int64), size)
    return Batch(np.arange(n, dtype=np.int64), households, person_household, persons, list(batch.districts))


# --- one program ----------------------------------------------------------------------------------


def _missing_items(keys: list[str], missing: dict[str, list[int]]) -> list[dict[str, str]]:
    items = []
    for key in keys:
        label = str(QUESTIONS[key].label)
        if not QUESTIONS[key].member:
            items.append({"field": key, "label": label})
        for i in missing[key]:
            person = _("member %(n)s") % {"n": i + 1}
            items.append({"field": f"members.{i}.{key}", "label": f"{label} ({person})"})
    return items


def _stable_reasons(result: Any, code: str, eligible: np.ndarray, lang: str) -> list[dict]:
    """The reasons that read the same whatever the unanswered inputs are (checked on a spread of scenarios)."""
    n = len(eligible)
    rows = {0, 1 % n, n - 1, *np.linspace(0, n - 1, 6).astype(int).tolist()}
    rows |= {int(np.argmax(eligible)), int(np.argmin(eligible))}
    sets = [result.explain(i, lang).get(code, []) for i in sorted(rows)]
    keys = [{(r["code"], r["passed"], r["text"], r.get("member")) for r in items} for items in sets]
    common = set.intersection(*keys)
    return [r for r in sets[0] if (r["code"], r["passed"], r["text"], r.get("member")) in common]


def _amounts(program: Any, eligible: np.ndarray, lang: str) -> tuple[dict, list[dict]]:
    exact, ranges = {}, []
    for freq in ("monthly", "one_off", "yearly"):
        values = program.amounts.get(freq)
        paid = values[eligible] if values is not None else np.zeros(0, np.int64)
        low, high = (int(paid.min()), int(paid.max())) if len(paid) else (0, 0)
        exact[freq] = None
        if not high:
            continue
        if low == high:
            exact[freq] = str(kurus_to_tl(low)) if program.unit == "TRY" else str(low)
        span = amount_text(low, program.unit, lang)
        if low != high:
            span = f"{span} – {amount_text(high, program.unit, lang)}"
        ranges.append({"frequency": freq, "text": f"{span} {FREQUENCY[lang][freq]}"})
    return exact, ranges


def _status(program: Any, eligible: np.ndarray) -> str:
    if program.not_in_force or not eligible.any():
        return UNLIKELY
    return LIKELY if eligible.all() else UNKNOWN


def _program(code: str, result: Any, keys: list[str], missing: dict, lang: str) -> dict:
    program = result.programs[code]
    eligible = np.asarray(program.eligible, bool)
    status = _status(program, eligible)
    exact, ranges = _amounts(program, eligible, lang)
    varies = any(" – " in item["text"] for item in ranges)
    return {
        "code": code,
        "label": program.label[lang],
        "reference": program.reference,
        "status": status,
        "eligible": {LIKELY: True, UNLIKELY: False}.get(status),
        "unit": program.unit,
        "in_kind": program.in_kind,
        "not_in_force": bool(program.not_in_force),
        **exact,
        "amounts": ranges if status != UNLIKELY else [],
        "missing": _missing_items(keys, missing) if status == UNKNOWN or (status == LIKELY and varies) else [],
        "reasons": _stable_reasons(result, code, eligible, lang),
    }


def _groups(programs: list[Any], day: dt.date, overrides: dict) -> list[list[Any]]:
    """The programs under the household cap are evaluated together (the cap cuts their sum); the rest alone."""
    try:
        capped = set(ParameterSet(day, overrides)("interactions.capped_programs"))
    except ParameterNotInForce:
        capped = set()
    together = [item for item in programs if isinstance(item, str) and item in capped]
    alone = [[item] for item in programs if not (isinstance(item, str) and item in capped)]
    return ([together] if together else []) + alone


def _evaluate_group(group: list[Any], batch: Batch, day: dt.date, missing: dict, lang: str, overrides: dict) -> list:
    """The group's programs over every combination of the unanswered inputs any of them reads."""
    reads: set[str] = set()
    for item in group:
        reads |= _reads(batch, day, item, overrides)
    keys = [key for key in missing if set(QUESTIONS[key].columns) & reads]
    result = evaluate(_scenario_batch(batch, _grid(keys, missing), missing), day, group, overrides)
    return [_program(item if isinstance(item, str) else item.CODE, result, keys, missing, lang) for item in group]


def _need_score(batch: Batch, day: dt.date, missing: dict, overrides: dict) -> float | None:
    """The need score when every input it reads is answered, else None."""
    reads = _reads(batch, day, NEED_SCORE, overrides)
    if any(set(QUESTIONS[key].columns) & reads for key in missing):
        return None
    return float(evaluate(batch, day, [NEED_SCORE], overrides).need_score.score[0])


_ORDER = {status: i for i, status in enumerate(STATUSES)}


def screen(*, household: dict[str, Any], period: str | dt.date | None, lang: str) -> dict[str, Any]:
    """Every programme's status (likely / unknown / unlikely) from the answers given, with amounts formatted
    for `lang`, the inputs still missing, the reasons that do not depend on them, and the need score."""
    try:
        day = parse_period(period or timezone.localdate())
    except ValueError:
        raise ScreenerInputError(ERR_PERIOD, field="period", code="invalid") from None
    _amounts_checked(household)
    household = with_implied(household, day)
    missing = unanswered(household, day)
    overrides = overrides_on(day)
    with override(lang):
        try:
            batch = batch_from_household(_filled(household, missing))
            programs = [*PROGRAMS, *_customs_for(household.get("ilce"))]
            groups = _groups(programs, day, overrides)
            out = [item for group in groups for item in _evaluate_group(group, batch, day, missing, lang, overrides)]
            score = _need_score(batch, day, missing, overrides)
        except MissingInputError as exc:
            raise ScreenerInputError(f"{ERR_MISSING} ({exc})", field=_field(exc), code="missing") from None
        except InvalidInputError as exc:
            raise ScreenerInputError(str(exc), field=_field(exc), code="invalid") from None
    out.sort(key=lambda item: (_ORDER[item["status"]], item["label"]))
    asked = sorted({item["field"] for program in out for item in program["missing"]})
    return {"period": f"{day:%Y-%m}", "language": lang, "need_score": score, "programs": out, "missing": asked}
