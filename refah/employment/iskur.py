"""İŞKUR's employment services as Refah calls them (docs/employment/iskur.yaml): register a referred member as a
job seeker, read the jobs and courses offered, tell the answers, read the placements (started and left work).

The transport is the exchange's (refah.exchange.client.http.call): İŞKUR's configured address and token, the
purpose and requester headers, retries with backoff, the database circuit breaker, the call log and its audit
event. Every answer is read field by field; a wrong one is a SourceError naming the field (MalformedAnswer).
`refah simulators serve` answers these paths for the demo and the tests (refah/exchange/simulators/iskur_desk.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from refah.exchange.client import CallContext, MalformedAnswer, Reader, SourceError
from refah.exchange.client.http import call, malformed
from refah.exchange.enums import CallOutcome
from refah.exchange.enums import Source as SourceCode
from refah.exchange.errors import ERR_NOT_FOUND, REASON_NEGATIVE, REASON_NOT_INTEGER, REASON_OTHER_PERSON

ISKUR = SourceCode.ISKUR.value
KINDS = ("job", "course")


@dataclasses.dataclass(frozen=True)
class Registration:
    jobseeker_ref: str
    registered_on: dt.date


@dataclasses.dataclass(frozen=True)
class OfferIn:
    ref: str
    kind: str
    title: str
    employer: str
    workplace: str
    distance_km: int | None
    monthly_wage_kurus: int | None
    offered_on: dt.date
    answer_by: dt.date


@dataclasses.dataclass(frozen=True)
class PlacementIn:
    ref: str
    offer_ref: str
    employer: str
    started_on: dt.date
    ended_on: dt.date | None
    monthly_wage_kurus: int | None
    premium_support: bool


def _optional_integer(reader: Reader, name: str) -> int | None:
    value, field = reader.record.get(name), f"{reader.path}.{name}" if reader.path else name
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedAnswer(field, REASON_NOT_INTEGER)
    if value < 0:
        raise MalformedAnswer(field, REASON_NEGATIVE)
    return value


def _read(log, tc: str, answer, parse):
    """Parse an answer (None: İŞKUR does not know the TC) or raise the SourceError naming the wrong field."""
    if answer is None:
        params = {"source": str(SourceCode.ISKUR.label), "tc": tc}
        raise SourceError(ERR_NOT_FOUND % params, source=ISKUR, outcome=CallOutcome.NOT_FOUND, field="tc")
    try:
        reader = Reader(answer, "")
        if reader.text("tc") != tc:
            raise MalformedAnswer("tc", REASON_OTHER_PERSON)
        return parse(reader)
    except MalformedAnswer as exc:
        raise malformed(log, exc.field, exc.reason) from None


def jobseeker_register(*, tc: str, referred_on: dt.date, ctx: CallContext) -> Registration:
    """Register the person as a job seeker referred by the office (İŞKUR answers the existing registration when
    there is one)."""
    answer, log = call(
        ISKUR, "POST", "/jobseekers", ctx=ctx, subjects=[tc], body={"tc": tc, "referred_on": referred_on.isoformat()}
    )
    return _read(log, tc, answer, lambda r: Registration(r.text("jobseeker_id"), r.date("registered_on")))


def offers_read(*, tc: str, ctx: CallContext) -> list[OfferIn]:
    """The jobs and courses İŞKUR offered the job seeker."""
    answer, log = call(ISKUR, "GET", f"/jobseekers/{tc}/offers", ctx=ctx, subjects=[tc])

    def parse(reader: Reader) -> list[OfferIn]:
        return [
            OfferIn(
                ref=item.text("offer_id"),
                kind=item.text("kind", choices=KINDS),
                title=item.text("title"),
                employer=item.text("employer"),
                workplace=item.text("workplace", optional=True),
                distance_km=_optional_integer(item, "distance_km"),
                monthly_wage_kurus=_optional_integer(item, "monthly_wage_kurus"),
                offered_on=item.date("offered_on"),
                answer_by=item.date("answer_by"),
            )
            for item in reader.items("offers")
        ]

    return _read(log, tc, answer, parse)


def answer_send(*, tc: str, offer_ref: str, answer: str, reason: str, answered_on: dt.date, ctx: CallContext) -> None:
    """Tell İŞKUR the job seeker's answer to one of its offers."""
    body = {"offer_id": offer_ref, "answer": answer, "reason": reason or None, "answered_on": answered_on.isoformat()}
    answer_, log = call(ISKUR, "POST", f"/jobseekers/{tc}/answers", ctx=ctx, subjects=[tc], body=body)
    _read(log, tc, answer_, lambda r: r.boolean("recorded"))


def placements_read(*, tc: str, ctx: CallContext) -> list[PlacementIn]:
    """The job seeker's placements: who employs them since when, and the day they left work."""
    answer, log = call(ISKUR, "GET", f"/jobseekers/{tc}/placements", ctx=ctx, subjects=[tc])

    def parse(reader: Reader) -> list[PlacementIn]:
        return [
            PlacementIn(
                ref=item.text("placement_id"),
                offer_ref=item.text("offer_id", optional=True),
                employer=item.text("employer"),
                started_on=item.date("started_on"),
                ended_on=item.date("ended_on", optional=True),
                monthly_wage_kurus=_optional_integer(item, "monthly_wage_kurus"),
                premium_support=bool(item.boolean("premium_support")),
            )
            for item in reader.items("placements")
        ]

    return _read(log, tc, answer, parse)
