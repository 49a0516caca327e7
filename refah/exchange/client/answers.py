"""Reading an institution's answer: each field checked, a wrong one named (MalformedAnswer → SourceError)."""

import datetime as dt
from typing import NamedTuple

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
    """Raised by a source's fast reading of a bulk answer at anything unexpected: the answer is then read again
    record by record with `Reader`, which names the wrong field."""


def text(value) -> str:
    if type(value) is not str:
        raise Careful
    return value[:200]


def integer(value) -> int:
    if type(value) is not int or value < 0:
        raise Careful
    return value


def boolean(value, *, optional: bool = False) -> bool | None:
    if type(value) is not bool and not (optional and value is None):
        raise Careful
    return value


def choice(value, choices) -> str:
    if type(value) is not str or value not in choices:
        raise Careful
    return value


def day(value, *, optional: bool = False) -> dt.date | None:
    if value is None and optional:
        return None
    if type(value) is not str:
        raise Careful
    return dt.date.fromisoformat(value)  # ValueError: Careful's caller reads it again


def subject(record, asked: set[str]) -> str:
    """The TC of a record of a bulk answer, one of those asked."""
    if type(record) is not dict:
        raise Careful
    tc = record["tc"]
    if type(tc) is not str or tc not in asked:
        raise Careful
    return tc
