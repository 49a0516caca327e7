"""The client side of the exchange: one small `Source` interface, one module per institution (refah/exchange/sources/).

A source asks about one person (`lookup`) or many at once (`bulk`, also used for a household's members) and returns
the registered `Fact`s of the answer. Transport, retries, the breaker and the call log are `client.http`'s."""

import dataclasses
import datetime as dt

import polars as pl

from refah.exchange import errors
from refah.exchange.client.answers import Careful, Columns, Fact, MalformedAnswer, Reader, facts_frame
from refah.exchange.client.config import source_settings
from refah.exchange.client.http import CallContext, SourceError, call, malformed
from refah.exchange.enums import CallOutcome
from refah.exchange.enums import Source as SourceCode
from refah.exchange.models import SourceCall

__all__ = ["Answer", "CallContext", "Columns", "Fact", "MalformedAnswer", "Reader", "Source", "SourceError"]


@dataclasses.dataclass
class Answer:
    """A source's answer: its facts as columns (`frame`: tc, fact, value, text; client.answers.FACT_SCHEMA), the date
    it speaks of, the calls made, the TCs it does not know and those it answered about."""

    frame: pl.DataFrame
    as_of: dt.date
    calls: list[SourceCall]
    not_found: list[str] = dataclasses.field(default_factory=list)
    answered: set[str] = dataclasses.field(default_factory=set)

    @property
    def facts(self) -> list[Fact]:
        """The facts one by one."""
        return [Fact(*row) for row in self.frame.iter_rows()]


class Source:
    """An institution's adapter: `code` (a refah.exchange.enums.Source value), `parse`, the facts of one person's
    record of its answer, and `read_columns`, the facts of all the records of a bulk answer exactly as `parse` gives
    them. GET /persons/{tc}; POST /persons/bulk {"tcs": [...]} (docs/exchange/*.yaml)."""

    code: str = ""

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        raise NotImplementedError

    def read_columns(self, c: Columns) -> pl.DataFrame:
        """The facts of every record of a bulk answer (FACT_SCHEMA), read a field at a time (a bulk refresh reads
        millions); raises Careful (or KeyError, TypeError, ValueError) at anything unexpected, and the answer is
        read again by `parse`."""
        raise Careful

    @property
    def label(self) -> str:
        return str(SourceCode(self.code).label)

    def lookup(self, *, tc: str, ctx: CallContext) -> Answer:
        """One person's facts. An unknown TC, a failure or a malformed answer raises SourceError."""
        answer, log = call(self.code, "GET", f"/persons/{tc}", ctx=ctx, subjects=[tc])
        if answer is None:
            params = {"source": self.label, "tc": tc}
            raise SourceError(
                errors.ERR_NOT_FOUND % params, source=self.code, outcome=CallOutcome.NOT_FOUND, field="tc"
            )
        try:
            as_of = Reader(answer, "").date("as_of")
            reader = Reader(answer, "")
            if reader.text("tc") != tc:
                raise MalformedAnswer("tc", errors.REASON_OTHER_PERSON)
            facts = self.parse(tc, reader)
        except MalformedAnswer as exc:
            raise malformed(log, exc.field, exc.reason) from None
        return Answer(frame=facts_frame(facts), as_of=as_of, calls=[log], answered={tc})

    def bulk(self, *, tcs: list[str], ctx: CallContext) -> Answer:
        """Many persons' facts, in calls of `bulk_size`; TCs the institution does not know are in `not_found`."""
        size = source_settings(self.code)["bulk_size"]
        as_of, frames, calls, not_found, answered = dt.date.min, [], [], [], set()
        for start in range(0, len(tcs), size):
            chunk = tcs[start : start + size]
            answer, log = call(self.code, "POST", "/persons/bulk", ctx=ctx, subjects=chunk, body={"tcs": chunk})
            calls.append(log)
            try:
                day, frame, known, unknown = self._bulk_answer(answer, set(chunk))
            except MalformedAnswer as exc:
                raise malformed(log, exc.field, exc.reason) from None
            as_of = max(as_of, day)
            frames.append(frame)
            answered.update(known)
            not_found.extend(unknown)
        frame = pl.concat(frames) if frames else facts_frame([])
        return Answer(frame=frame, as_of=as_of, calls=calls, not_found=not_found, answered=answered)

    def _bulk_answer(self, answer, asked: set[str]) -> tuple:
        """(as_of, facts, TCs answered, TCs not found) of one bulk answer: read by columns, or — at anything
        unexpected — record by record with Reader, which names the wrong field."""
        if answer is None:
            raise MalformedAnswer("records", errors.REASON_MISSING)
        top = Reader(answer, "")
        as_of, records = top.date("as_of"), top.record.get("records")
        try:
            columns = Columns.of_answer(records, asked)
            frame = self.read_columns(columns)
            known = set(columns.tc)
        except (Careful, KeyError, TypeError, ValueError, AttributeError, pl.exceptions.PolarsError):
            frame, known = None, set()
        if frame is None:
            facts = []
            for record in top.items("records"):
                tc = record.text("tc")
                if tc not in asked:
                    raise MalformedAnswer(f"{record.path}.tc", errors.REASON_OTHER_PERSON)
                facts.extend(self.parse(tc, record))
                known.add(tc)
            frame = facts_frame(facts)
        unknown = [item for item in top.record.get("not_found") or [] if item in asked]
        return as_of, frame, known, unknown
