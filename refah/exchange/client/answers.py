"""Reading an institution's answer: each field checked, a wrong one named (MalformedAnswer → SourceError)."""

import datetime as dt
from operator import itemgetter
from typing import NamedTuple

import polars as pl

from refah.exchange import errors


class MalformedAnswer(Exception):
    def __init__(self, field: str, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class Fact(NamedTuple):
    """One registered fact of a person: `fact` a code such as "sgk.earnings", a value in kuruş (or a count) and/or
    a text, as of the date of the answer. A tuple: a bulk answer makes millions of them."""

    tc: str
    fact: str
    value_kurus: int | None = None
    value_text: str = ""


class Reader:
    """Typed access to one record of an answer; `path` prefixes the field names of errors (records[3].status)."""

    def __init__(self, record, path: str):
        if not isinstance(record, dict):
            raise MalformedAnswer(path or "record", errors.REASON_MISSING)
        self.record, self.path = record, path

    def _name(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def _get(self, name: str, *, optional: bool = False):
        if name not in self.record or (self.record[name] is None and not optional):
            raise MalformedAnswer(self._name(name), errors.REASON_MISSING)
        return self.record[name]

    def text(self, name: str, *, choices=None, optional: bool = False) -> str:
        value = self._get(name, optional=optional)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_TEXT)
        if choices is not None and value not in choices:
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_CHOICE % {"choices": ", ".join(choices)})
        return value[:200]

    def integer(self, name: str) -> int:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_INTEGER)
        if value < 0:
            raise MalformedAnswer(self._name(name), errors.REASON_NEGATIVE)
        if value > _INT64_MAX:  # kept as a 64-bit integer (PostgreSQL's bigint)
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_INTEGER)
        return value

    def boolean(self, name: str, *, optional: bool = False) -> bool | None:
        value = self._get(name, optional=optional)
        if value is not None and not isinstance(value, bool):
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_CHOICE % {"choices": "true, false"})
        return value

    def date(self, name: str, *, optional: bool = False) -> dt.date | None:
        value = self._get(name, optional=optional)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_DATE) from None

    def items(self, name: str) -> list["Reader"]:
        value = self._get(name)
        if not isinstance(value, list):
            raise MalformedAnswer(self._name(name), errors.REASON_NOT_LIST)
        return [Reader(item, f"{self._name(name)}[{i}]") for i, item in enumerate(value)]


class Careful(Exception):
    """Raised by the column reading of a bulk answer at anything unexpected: the answer is then read again record
    by record with `Reader`, which names the wrong field."""


# The facts of an answer as columns: one row per fact, `value` in kuruş or a count (or null), `text` ("" if none)
FACT_SCHEMA = {"tc": pl.String, "fact": pl.String, "value": pl.Int64, "text": pl.String}
_INT64_MAX = 2**63 - 1
_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def facts_frame(facts: list[Fact]) -> pl.DataFrame:
    """Facts read one by one (a single person's answer, a careful reading) as columns."""
    return pl.DataFrame(facts, schema=FACT_SCHEMA, orient="row")


class Columns:
    """The records of a bulk answer (or the items of a list in each of them) read a field at a time: the field's
    values are checked together — their types, signs, choices, dates — and become one Polars Series, exactly what
    `Reader` makes of each value. Anything unexpected raises Careful (a missing field or a record that is not an
    object: KeyError, TypeError) and the answer is read again with `Reader`, which names the wrong field. A bulk
    refresh reads millions of facts: this reading costs a few Python operations per field, not per value."""

    def __init__(self, records: list, tc: pl.Series, row: pl.Series):
        self.records, self.tc, self.row = records, tc, row  # row: the index of each item's record in the answer

    @classmethod
    def of_answer(cls, records, asked: set[str]) -> "Columns":
        if type(records) is not list:
            raise Careful
        tcs = list(map(itemgetter("tc"), records))
        if not asked.issuperset(tcs):  # every subject one of those asked (a TC that is not text is not among them)
            raise Careful
        return cls(records, pl.Series("tc", tcs, dtype=pl.String), pl.Series("row", range(len(tcs)), dtype=pl.Int64))

    def _values(self, name: str, types: set) -> list:
        values = list(map(itemgetter(name), self.records))
        if not types.issuperset(map(type, values)):
            raise Careful
        return values

    def text(self, name: str, *, choices=None, optional: bool | pl.Series = False) -> pl.Series:
        """Text ("" for a null that is `optional`: always, or in the records where the Series `optional` holds)."""
        values = self._values(name, {str} if optional is False else {str, type(None)})
        if choices is not None and not set(choices).issuperset(values):
            raise Careful
        series = pl.Series(name, values, dtype=pl.String)
        if isinstance(optional, pl.Series) and (series.is_null() & ~optional).any():
            raise Careful
        return series.str.head(200).fill_null("")

    def integer(self, name: str) -> pl.Series:
        values = self._values(name, {int})
        if values and (min(values) < 0 or max(values) > _INT64_MAX):
            raise Careful
        return pl.Series(name, values, dtype=pl.Int64)

    def boolean(self, name: str, *, optional: bool = False) -> pl.Series:
        return pl.Series(name, self._values(name, {bool, type(None)} if optional else {bool}), dtype=pl.Boolean)

    def date(self, name: str, *, optional: bool = False) -> pl.Series:
        """ISO dates (YYYY-MM-DD) as text, null where an optional one is null; any other form is read carefully."""
        values = pl.Series(name, self._values(name, {str, type(None)} if optional else {str}), dtype=pl.String)
        return _days(values)

    def record(self, name: str) -> "Columns":
        """A field holding an object in every record, read in its turn."""
        return Columns(self._values(name, {dict}), self.tc, self.row)

    def items(self, name: str) -> "Columns":
        """A field holding a list of objects in every record: all the items, each with its record's TC and row."""
        lists = self._values(name, {list})
        items = [item for items in lists for item in items]
        if not {dict}.issuperset(map(type, items)):
            raise Careful
        of = [i for i, items in enumerate(lists) for _item in items]
        return Columns(items, self.tc.gather(of), self.row.gather(of))

    def fact(self, fact, *, value: pl.Series | None = None, text: pl.Series | str = "", when=None) -> pl.DataFrame:
        """One fact of each record (or item): `fact` a name or a Series of names, kept where `when` holds."""
        n = len(self.records)
        frame = pl.DataFrame(
            {
                "row": self.row,
                "tc": self.tc,
                "fact": fact if isinstance(fact, pl.Series) else pl.repeat(fact, n, dtype=pl.String, eager=True),
                "value": value if value is not None else pl.repeat(None, n, dtype=pl.Int64, eager=True),
                "text": text if isinstance(text, pl.Series) else pl.repeat(text, n, dtype=pl.String, eager=True),
            }
        )
        return frame if when is None else frame.filter(when)


def where(condition: pl.Series, then, otherwise) -> pl.Series:
    """`then` where `condition` holds, else `otherwise` (Series or single values)."""
    then, otherwise = (v if isinstance(v, pl.Series) else pl.lit(v) for v in (then, otherwise))
    return pl.select(pl.when(condition).then(then).otherwise(otherwise)).to_series()


def _days(values: pl.Series) -> pl.Series:
    valid = values.str.contains(_DAY) & values.str.to_date("%Y-%m-%d", strict=False).is_not_null()
    if not (values.is_null() | valid).all():  # polars' date parsing is lenient ("2024-1-5"): the form is checked too
        raise Careful
    return values


def month_valid(values: pl.Series) -> None:
    """Months given as YYYY-MM (e-Okul's absences), or Careful."""
    _days(values + "-01")


def facts_of(*parts: pl.DataFrame) -> pl.DataFrame:
    """The facts of an answer's records from each kind of fact (Columns.fact), in the order `Source.parse` gives
    them: record by record, in each the kinds in the order given, the items of a list in theirs."""
    ordered = [part.with_columns(pl.lit(i, dtype=pl.Int16).alias("part")) for i, part in enumerate(parts)]
    return pl.concat(ordered).sort("row", "part", maintain_order=True).select(FACT_SCHEMA.keys())
