"""The client side of the exchange: one small `Source` interface, one module per institution (refah/exchange/sources/).

A source asks about one person (`lookup`) or many at once (`bulk`, also used for a household's members) and returns
the registered `Fact`s of the answer. Transport, retries, the breaker and the call log are `client.http`'s."""

import dataclasses
import datetime as dt

from refah.exchange import errors
from refah.exchange.client.answers import Careful, Fact, MalformedAnswer, Reader
from refah.exchange.client.config import source_settings
from refah.exchange.client.http import CallContext, SourceError, call, malformed
from refah.exchange.enums import CallOutcome
from refah.exchange.enums import Source as SourceCode
from refah.exchange.models import SourceCall

__all__ = ["Answer", "CallContext", "Fact", "MalformedAnswer", "Reader", "Source", "SourceError"]


@dataclasses.dataclass
class Answer:
    facts: list[Fact]
    as_of: dt.date
    calls: list[SourceCall]
    not_found: list[str] = dataclasses.field(default_factory=list)
    answered: set[str] = dataclasses.field(default_factory=set)


class Source:
    """An institution's adapter: `code` (a refah.exchange.enums.Source value) and `parse`, the facts of one
    person's record of its answer. GET /persons/{tc}; POST /persons/bulk {"tcs": [...]} (docs/exchange/*.yaml)."""

    code: str = ""

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        raise NotImplementedError

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        """The facts of every record of a bulk answer appended to `facts`, exactly as `parse` gives them, read
        without a Reader per field (a bulk refresh reads millions); raises Careful (or KeyError, TypeError,
        ValueError, AttributeError) at anything unexpected, and the answer is read again by `parse`."""
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
        return Answer(facts=facts, as_of=as_of, calls=[log], answered={tc})

    def bulk(self, *, tcs: list[str], ctx: CallContext) -> Answer:
        """Many persons' facts, in calls of `bulk_size`; TCs the institution does not know are in `not_found`."""
        size = source_settings(self.code)["bulk_size"]
        result = Answer(facts=[], as_of=dt.date.min, calls=[])
        for start in range(0, len(tcs), size):
            chunk = tcs[start : start + size]
            answer, log = call(self.code, "POST", "/persons/bulk", ctx=ctx, subjects=chunk, body={"tcs": chunk})
            result.calls.append(log)
            try:
                self._bulk_answer(answer, set(chunk), result)
            except MalformedAnswer as exc:
                raise malformed(log, exc.field, exc.reason) from None
        return result

    def _bulk_answer(self, answer, asked: set[str], result: Answer) -> None:
        if answer is None:
            raise MalformedAnswer("records", errors.REASON_MISSING)
        top = Reader(answer, "")
        result.as_of = max(result.as_of, top.date("as_of"))
        records, facts = top.record.get("records"), []
        try:
            if not isinstance(records, list):
                raise Careful
            self.parse_fast(records, asked, facts)
        except (Careful, KeyError, TypeError, ValueError, AttributeError):
            facts = None
        if facts is not None:
            result.facts.extend(facts)
            result.answered.update(r["tc"] for r in records)
        for record in top.items("records") if facts is None else ():
            tc = record.text("tc")
            if tc not in asked:
                raise MalformedAnswer(f"{record.path}.tc", errors.REASON_OTHER_PERSON)
            result.facts.extend(self.parse(tc, record))
            result.answered.add(tc)
        for item in top.record.get("not_found") or []:
            if item in asked:
                result.not_found.append(item)
