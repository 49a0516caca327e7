"""The engine's input: a Batch of households and their members as numpy columns.

One household from the screener and 25 million from the registry take the same shape: a
`Batch`. Code columns hold the index of the registry enum value (`code("role", "child")`); money
is int64 kuruş; dates are datetime64[D]. A column is absent when the input did not give it, and a
rule that reads an absent column raises MissingInputError — never a default. The columns, their
types and where each is read from are declared once, in refah.registry.facts.

Nullable person columns, with -1 meaning "not given": absence_days (null when not enrolled) and
child_checkups_done (only asked for 0–6 year olds); the rules that read them check for -1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refah.common.money import tl_to_kurus
from refah.eligibility.errors import InvalidInputError, MissingInputError
from refah.registry import enums
from refah.registry.facts import FACTS, Entity, Fact, Kind, Reading, facts_of, table_facts

# The code lists of the declared facts (registry.facts), and of the incomes' and assets' kinds.
CODE_LISTS: dict[str, list[str]] = {
    **{fact.name: list(fact.codes.values) for fact in FACTS.values() if fact.codes is not None},
    "income_kind": list(enums.IncomeKind.values),
    "asset_kind": list(enums.AssetKind.values),
}
_CODE_INDEX = {name: {value: i for i, value in enumerate(values)} for name, values in CODE_LISTS.items()}

ASSET_FACTS = facts_of(Entity.HOUSEHOLD, reading=Reading.ASSET_SUM)
# Other givers' aid (kuruş a month): the registry readers fill it from the aid records
# (eligibility.other_aid_reading); the synthetic tables and the Parquet stream have none (0), and the
# screener takes it as an optional answer (0 when not given).
OTHER_AID_FACTS = facts_of(Entity.HOUSEHOLD, reading=Reading.OTHER_AID)
# Facts an app above eligibility gives (eligibility.provided: the employment app's placements, job referrals and
# sanctions): the registry readers fill them from the providers; elsewhere they hold their empty value (-1 when
# nullable, else 0): the synthetic tables, the Parquet stream, a screener answer that does not give them.
PROVIDED_HOUSEHOLD = facts_of(Entity.HOUSEHOLD, reading=Reading.PROVIDED)
PROVIDED_PERSON = facts_of(Entity.PERSON, reading=Reading.PROVIDED)
# Declared incomes that count in means tests: every kind except social aid already received.
COUNTED_INCOME = np.array([kind != enums.IncomeKind.OTHER_AID for kind in CODE_LISTS["income_kind"]])


def code(field_name: str, value: str) -> int:
    """The integer code of an enum value in a Batch column: code("role", "child") == 2."""
    return _CODE_INDEX[field_name][value]


@dataclass
class Batch:
    """Households (length H) and persons (length P, sorted by household) as numpy columns."""

    household_key: np.ndarray
    households: dict[str, np.ndarray]
    person_household: np.ndarray  # household row (0..H-1) of each person, non-decreasing
    persons: dict[str, np.ndarray]
    districts: list[str] = field(default_factory=list)  # households["district"] indexes this list
    truth: dict[str, np.ndarray] = field(default_factory=dict)  # true_* columns: accuracy only
    # A registry batch may lack a per-person fact the registry did not record (a pupil's attendance
    # this month, a child's check-ups): the rule then fails that person's condition with an explicit
    # "not recorded" reason. Anything else (the screener, a household dict) raises MissingInputError.
    partial_records: bool = False

    @property
    def n_households(self) -> int:
        return len(self.household_key)

    @property
    def n_persons(self) -> int:
        return len(self.person_household)

    @cached_property
    def starts(self) -> np.ndarray:
        """First person row of each household (persons are sorted by household)."""
        return np.searchsorted(self.person_household, np.arange(self.n_households))

    @cached_property
    def sizes(self) -> np.ndarray:
        return np.diff(np.append(self.starts, self.n_persons)).astype(np.int64)

    @cached_property
    def ends(self) -> np.ndarray:
        return self.starts + self.sizes

    def segment_sum(self, values: np.ndarray) -> np.ndarray:
        """int64 sum over each household's persons (a cumulative sum: exact, and faster than reduceat)."""
        totals = np.zeros(self.n_persons + 1, np.int64)
        np.cumsum(values, dtype=np.int64, out=totals[1:])
        return totals[self.ends] - totals[self.starts]

    def reduce(self, ufunc: np.ufunc, values: np.ndarray, empty: Any, dtype: Any = None) -> np.ndarray:
        """ufunc over each household's persons (add: sums, logical_or: any), `empty` for households without."""
        if self.n_persons == 0:
            return np.full(self.n_households, empty, dtype or values.dtype)
        out = ufunc.reduceat(values, np.minimum(self.starts, self.n_persons - 1), dtype=dtype)
        if not self.sizes.all():
            out[self.sizes == 0] = empty
        return out


# --- Arrow → Batch --------------------------------------------------------------------------------


def _codes(column: pa.ChunkedArray, name: str, lists: str | None = None) -> np.ndarray:
    """Map a (dictionary) string column to enum codes; nulls and unknown values are errors."""
    index = _CODE_INDEX[lists or name]
    if column.null_count:
        raise MissingInputError(name, f"{column.null_count} null values")
    parts = []
    for chunk in column.chunks:
        if not pa.types.is_dictionary(chunk.type):
            chunk = pc.dictionary_encode(chunk)
        try:
            lut = np.array([index[value] for value in chunk.dictionary.to_pylist()], dtype=np.int8)
        except KeyError as exc:
            raise InvalidInputError(name, f"unknown code {exc.args[0]!r}") from None
        parts.append(lut[chunk.indices.to_numpy(zero_copy_only=False)])
    return np.concatenate(parts) if parts else np.zeros(0, np.int8)


def _strings_to_index(column: pa.ChunkedArray, name: str) -> tuple[np.ndarray, list[str]]:
    """A dictionary string column as int16 indexes into one list of its distinct values."""
    if column.null_count:
        raise MissingInputError(name, f"{column.null_count} null values")
    values: dict[str, int] = {}
    parts = []
    for chunk in column.chunks:
        if not pa.types.is_dictionary(chunk.type):
            chunk = pc.dictionary_encode(chunk)
        lut = np.array([values.setdefault(v, len(values)) for v in chunk.dictionary.to_pylist()], dtype=np.int16)
        parts.append(lut[chunk.indices.to_numpy(zero_copy_only=False)])
    return (np.concatenate(parts) if parts else np.zeros(0, np.int16)), list(values)


def _plain(column: pa.ChunkedArray, name: str, dtype: Any) -> np.ndarray:
    if column.null_count:
        raise MissingInputError(name, f"{column.null_count} null values")
    return column.to_numpy().astype(dtype, copy=False)


def _nullable(column: pa.ChunkedArray, dtype: Any) -> np.ndarray:
    """Nullable int or bool column with -1 for null."""
    filled = pc.fill_null(pc.cast(column, pa.int8()), -1) if column.null_count else pc.cast(column, pa.int8())
    return filled.to_numpy().astype(dtype, copy=False)


def _row_index(keys: np.ndarray, wanted: np.ndarray, what: str) -> np.ndarray:
    """Positions of `wanted` keys in the ascending `keys`; unknown keys are an error."""
    position = np.searchsorted(keys, wanted)
    position_clipped = np.minimum(position, len(keys) - 1)
    if len(wanted) and (len(keys) == 0 or not np.array_equal(keys[position_clipped], wanted)):
        raise InvalidInputError(what, "refers to a key that is not in the batch")
    return position


def _fact_column(table: pa.Table, fact: Fact) -> np.ndarray:
    """A declared fact's column of an Arrow table as the Batch holds it (codes, -1 for nulls, …)."""
    column, name = table.column(fact.table_column), fact.table_column
    if fact.kind == Kind.CODE:
        return _codes(column, name, fact.name)
    if fact.kind in (Kind.NULLABLE_BOOL, Kind.NULLABLE_INT):
        return _nullable(column, np.int8 if fact.kind == Kind.NULLABLE_BOOL else np.int16)
    dtype = {Kind.BOOL: bool, Kind.INT: np.int16, Kind.MONEY: np.int64, Kind.DATE: "datetime64[D]"}[fact.kind]
    return _plain(column, name, dtype)


def batch_from_arrow(households: pa.Table, persons: pa.Table, incomes: pa.Table, assets: pa.Table) -> Batch:
    """Build a Batch from the registry's four Arrow tables (refah.synth.schema), sorted by household_key."""
    household_key = _plain(households.column("household_key"), "household_key", np.int64)
    if len(household_key) > 1 and not np.all(np.diff(household_key) > 0):
        raise InvalidInputError("household_key", "households must be sorted by a unique household_key")
    hh, districts = {}, []
    for fact in table_facts(Entity.HOUSEHOLD):
        if fact.kind == Kind.PLACE:
            hh[fact.name], districts = _strings_to_index(households.column(fact.table_column), fact.table_column)
        else:
            hh[fact.name] = _fact_column(households, fact)
    truth = {
        name: households.column(name).to_numpy()
        for name in households.column_names
        if name.startswith("true_") and households.column(name).null_count == 0
    }
    person_household, pp = _persons_from_arrow(persons, household_key)
    for fact in facts_of(Entity.PERSON, reading=Reading.INCOME_SUM):
        pp[fact.name] = _incomes_per_person(incomes, persons, len(person_household))
    hh.update(_assets_per_household(assets, household_key))
    hh.update({fact.name: np.zeros(len(household_key), np.int64) for fact in OTHER_AID_FACTS})
    hh.update({fact.name: _empty(fact, len(household_key)) for fact in PROVIDED_HOUSEHOLD})
    pp.update({fact.name: _empty(fact, len(person_household)) for fact in PROVIDED_PERSON})
    return Batch(household_key, hh, person_household, pp, districts, truth)


def _empty(fact: Fact, n: int) -> np.ndarray:
    """A provided fact's column where nothing provides it: -1 ("none") when nullable, else 0."""
    return np.full(n, -1 if fact.nullable else 0, np.int16)


def _persons_from_arrow(persons: pa.Table, household_key: np.ndarray) -> tuple[np.ndarray, dict]:
    person_hh_key = _plain(persons.column("household_key"), "household_key", np.int64)
    if len(person_hh_key) > 1 and np.any(np.diff(person_hh_key) < 0):
        raise InvalidInputError("persons.household_key", "persons must be sorted by household_key")
    pp = {fact.name: _fact_column(persons, fact) for fact in table_facts(Entity.PERSON)}
    return _row_index(household_key, person_hh_key, "persons.household_key"), pp


def _incomes_per_person(incomes: pa.Table, persons: pa.Table, n_persons: int) -> np.ndarray:
    """Sum of counted declared monthly incomes per person (kuruş)."""
    person_key = _plain(persons.column("person_key"), "person_key", np.int64)
    order = None if np.all(np.diff(person_key) > 0) else np.argsort(person_key, kind="stable")
    keys = person_key if order is None else person_key[order]
    kind = _codes(incomes.column("kind"), "kind", "income_kind")
    amount = _plain(incomes.column("monthly_kurus"), "monthly_kurus", np.int64)
    row = _row_index(keys, _plain(incomes.column("person_key"), "incomes.person_key", np.int64), "incomes.person_key")
    if order is not None:
        row = order[row]
    counted = COUNTED_INCOME[kind]
    return np.rint(np.bincount(row[counted], weights=amount[counted], minlength=n_persons)).astype(np.int64)


def _assets_per_household(assets: pa.Table, household_key: np.ndarray) -> dict[str, np.ndarray]:
    """Total asset value per household and kind (kuruş)."""
    row = _row_index(household_key, _plain(assets.column("household_key"), "assets.household_key", np.int64), "assets")
    kind = _codes(assets.column("kind"), "kind", "asset_kind")
    value = _plain(assets.column("value_kurus"), "value_kurus", np.int64)
    n = len(household_key)
    wanted = {fact.name: kind == code("asset_kind", fact.asset_kind) for fact in ASSET_FACTS}
    return {
        name: np.rint(np.bincount(row[mask], weights=value[mask], minlength=n)).astype(np.int64)
        for name, mask in wanted.items()
    }


# --- one household as a dict (the screener's JSON) → Batch of one ------------------------------

# The screener's JSON names a fact by its key (il, rural, monthly_income; every asset fact under "assets").
_BY_KEY = {fact.screener_key: fact for fact in facts_of(Entity.PERSON)}
_HOUSEHOLD_BY_KEY = {fact.screener_key: fact for fact in facts_of(Entity.HOUSEHOLD, reading=Reading.RECORD)}
MEMBER_OPTIONAL = {fact.screener_key for fact in facts_of(Entity.PERSON) if fact.nullable}  # -1 when not given
_PROVIDED_KEYS = {fact.screener_key for fact in PROVIDED_PERSON}  # the empty value when not given


def batch_from_household(household: dict[str, Any]) -> Batch:
    """One household described as a dict (il, ilce, members with role, birth_date, …) → a Batch of one.

    A field given for some members but not others is an error; a field given for none is simply
    absent, and only an error when a requested program needs it. Money is TL as str/int/Decimal.
    """
    members = household.get("members")
    if not members:
        raise MissingInputError("members", "household")
    hh = _household_fields(household)
    districts = [hh.pop("ilce")] if "ilce" in hh else []
    if districts:
        hh["district"] = np.zeros(1, np.int16)
    persons = {}
    names = {name for member in members for name in member} | MEMBER_OPTIONAL | _PROVIDED_KEYS
    for name in sorted(names):
        persons[_BY_KEY[name].name if name in _BY_KEY else name] = _member_column(members, name)
    return Batch(np.zeros(1, np.int64), hh, np.zeros(len(members), np.int64), persons, districts)


def _household_fields(household: dict[str, Any]) -> dict[str, Any]:
    hh: dict[str, Any] = {}
    for key, fact in _HOUSEHOLD_BY_KEY.items():
        if key not in household:
            continue
        value = household[key]
        if fact.kind == Kind.PLACE:
            hh["ilce"] = str(value)
        elif fact.kind == Kind.CODE:
            hh[fact.name] = np.array([_code_of(fact.name, value)], np.int8)
        elif fact.kind == Kind.MONEY:
            hh[fact.name] = np.array([_money(key, value)], np.int64)
        else:
            hh[fact.name] = np.array([value], bool if fact.kind == Kind.BOOL else np.int16)
    if "assets" in household:
        totals = dict.fromkeys((fact.name for fact in ASSET_FACTS), 0)
        for asset in household["assets"]:
            kind = _check_code("asset_kind", asset.get("kind"))
            value = _money("assets.value", asset["value"])
            for fact in ASSET_FACTS:
                if fact.asset_kind == kind:
                    totals[fact.name] += value
        hh.update({name: np.array([value], np.int64) for name, value in totals.items()})
    for fact in OTHER_AID_FACTS:
        given = household.get(fact.screener_key)
        value = 0 if given is None else _money(fact.screener_key, given)
        if value < 0:
            raise InvalidInputError(fact.screener_key, "must not be negative")
        hh[fact.name] = np.array([value], np.int64)
    for fact in PROVIDED_HOUSEHOLD:
        given = household.get(fact.screener_key)
        hh[fact.name] = np.array([_provided_value(fact, given)], np.int16)
    return hh


def _provided_value(fact: Fact, given: Any) -> int:
    """A provided fact's answer (a whole number within its bounds), or its empty value when not given."""
    if given is None:
        return -1 if fact.nullable else 0
    if not isinstance(given, int) or isinstance(given, bool) or not fact.minimum <= given <= fact.maximum:
        raise InvalidInputError(fact.screener_key, f"must be a whole number {fact.minimum}–{fact.maximum}")
    return given


def _member_column(members: list[dict], name: str) -> np.ndarray:
    missing = [i for i, member in enumerate(members) if member.get(name) is None]
    if missing and name not in MEMBER_OPTIONAL and name not in _PROVIDED_KEYS:
        raise MissingInputError(name, f"member {missing[0] + 1}")
    values = [member.get(name) for member in members]
    fact = _BY_KEY.get(name)
    if name in _PROVIDED_KEYS:
        return np.array([_provided_value(fact, v) for v in values], np.int16)
    if fact is None:
        return np.array(values, dtype=object)  # fields no rule reads (names, ids) pass through
    if fact.kind == Kind.CODE:
        return np.array([_code_of(name, v) for v in values], np.int8)
    if fact.kind == Kind.DATE:
        return np.array([dt.date.fromisoformat(str(v)) for v in values], "datetime64[D]")
    if fact.kind == Kind.MONEY:
        return np.array([_money(name, v) for v in values], np.int64)
    if fact.nullable:
        return np.array([-1 if v is None else int(v) for v in values], np.int16)
    if fact.kind == Kind.BOOL:
        if not all(isinstance(v, bool) for v in values):
            raise InvalidInputError(name, "must be true or false")
        return np.array(values, bool)
    low, high = fact.minimum, fact.maximum
    if not all(isinstance(v, int) and (low is None or low <= v) and (high is None or v <= high) for v in values):
        raise InvalidInputError(name, f"must be a whole number {low}–{high}")
    return np.array(values, np.int16)


def _check_code(name: str, value: Any) -> str:
    if value not in _CODE_INDEX[name]:
        raise InvalidInputError(name, f"{value!r} is not one of {CODE_LISTS[name]}")
    return value


def _code_of(name: str, value: Any) -> int:
    return _CODE_INDEX[name][_check_code(name, value)]


def _money(name: str, value: Any) -> int:
    try:
        return tl_to_kurus(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(name, str(exc)) from None
