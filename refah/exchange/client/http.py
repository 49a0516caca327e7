"""One call to an institution: breaker first, then the request with retries (exponential backoff with jitter on
time-outs, unreachable servers and 5xx; never on 4xx), then the call log row and its audit event (KVKK: who pulled
what, why, when, outcome, latency). Every failure becomes a SourceError naming the source and the reason."""

import dataclasses
import json
import random
import time

import httpx
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import RefahError
from refah.common.middleware import current_request_id
from refah.exchange import errors
from refah.exchange.client import breaker
from refah.exchange.client.config import http_client, source_settings
from refah.exchange.enums import CallOutcome, Source
from refah.exchange.models import SourceCall


class SourceError(RefahError):
    """An institution could not give a usable answer; `outcome` says why (CallOutcome), `field` what was wrong."""

    status_code = 502

    def __init__(self, message, *, source: str, outcome: str, field: str | None = None):
        super().__init__(message, field=field, code=outcome)
        self.source = source
        self.outcome = outcome

    @property
    def retryable(self) -> bool:
        """Worth asking again later (the source was down or failing), as opposed to a wrong request or answer."""
        return self.outcome in (CallOutcome.TIMEOUT, CallOutcome.SERVER_ERROR, CallOutcome.CIRCUIT_OPEN)


@dataclasses.dataclass(frozen=True)
class CallContext:
    """Who asks and why: sent as headers on every call and kept in the call log."""

    requester: object  # a user, or a label such as "refah exchange refresh"
    purpose: str
    household_id: object = None

    @property
    def requester_label(self) -> str:
        if getattr(self.requester, "is_authenticated", False):
            return self.requester.get_username()
        return str(self.requester)


def _label(source: str) -> str:
    return str(Source(source).label)


def _headers(ctx: CallContext) -> dict:
    return {"X-Purpose": ctx.purpose, "X-Requester": ctx.requester_label, "X-Request-ID": current_request_id() or ""}


def _attempt(source: str, method: str, path: str, body, ctx: CallContext) -> httpx.Response:
    content = None if body is None else json.dumps(body, separators=(",", ":"))
    headers = _headers(ctx)
    if content is not None:
        headers["Content-Type"] = "application/json"
    return http_client(source).request(method, path, content=content, headers=headers)


def call(source: str, method: str, path: str, *, ctx: CallContext, subjects: list[str], body=None) -> tuple:
    """Ask `source`; return (parsed JSON or None for 404, the SourceCall row). Raises SourceError."""
    conf = source_settings(source)
    if not conf.get("url"):
        raise SourceError(errors.ERR_NOT_CONFIGURED % {"source": _label(source)}, source=source, outcome="client_error")
    log = SourceCall(source=source, bulk=len(subjects) > 1 or body is not None, started_at=timezone.now())
    started = time.perf_counter()
    try:
        breaker.breaker_allow(source, cooldown=conf["breaker_cooldown"])
    except breaker.CircuitOpen as exc:
        until = timezone.localtime(exc.until).strftime("%H:%M:%S")
        raise _fail(
            log, ctx, subjects, started, CallOutcome.CIRCUIT_OPEN, errors.ERR_CIRCUIT_OPEN, until=until
        ) from None
    response, failure = None, None
    for attempt in range(conf["retries"] + 1):
        log.attempts = attempt + 1
        if attempt:
            time.sleep(conf["backoff"] * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))  # noqa: S311 (jitter)
        try:
            response = _attempt(source, method, path, body, ctx)
        except httpx.TimeoutException:
            response, failure = None, (CallOutcome.TIMEOUT, errors.ERR_TIMEOUT, {})
            continue
        except httpx.TransportError as exc:
            response, failure = None, (CallOutcome.SERVER_ERROR, errors.ERR_UNREACHABLE, {"reason": type(exc).__name__})
            continue
        if response.status_code < 500:
            break
        failure = (CallOutcome.SERVER_ERROR, errors.ERR_SERVER, {"status": response.status_code})
    if response is None or response.status_code >= 500:
        log.status_code = response.status_code if response is not None else None
        outcome, message, params = failure
        breaker.breaker_failure(
            source, error=outcome, threshold=conf["breaker_failures"], cooldown=conf["breaker_cooldown"]
        )
        raise _fail(log, ctx, subjects, started, outcome, message, **params)
    breaker.breaker_success(source)
    return _answered(source, log, ctx, subjects, started, response)


def _answered(source: str, log: SourceCall, ctx: CallContext, subjects: list[str], started: float, response):
    log.status_code = response.status_code
    if response.status_code == 404:
        _record(log, ctx, subjects, started, CallOutcome.NOT_FOUND)
        return None, log
    if response.status_code >= 400:
        raise _fail(
            log, ctx, subjects, started, CallOutcome.CLIENT_ERROR, errors.ERR_REFUSED, status=response.status_code
        )
    try:
        answer = response.json()
    except ValueError:
        raise _fail(
            log,
            ctx,
            subjects,
            started,
            CallOutcome.MALFORMED,
            errors.ERR_MALFORMED,
            field="body",
            reason=errors.REASON_NOT_JSON,
        ) from None
    _record(log, ctx, subjects, started, CallOutcome.OK)
    return answer, log


def malformed(log: SourceCall, field: str, reason) -> SourceError:
    """A parsed answer whose field `field` is wrong: re-mark the logged call and give the error to raise."""
    SourceCall.objects.filter(pk=log.pk).update(outcome=CallOutcome.MALFORMED, error=f"{field}: {reason}"[:300])
    params = {"source": _label(log.source), "field": field, "reason": reason}
    return SourceError(errors.ERR_MALFORMED % params, source=log.source, outcome=CallOutcome.MALFORMED, field=field)


def _fail(log, ctx, subjects, started, outcome, message, **params) -> SourceError:
    params["source"] = _label(log.source)
    text = message % params
    _record(log, ctx, subjects, started, outcome, error=str(text))
    return SourceError(text, source=log.source, outcome=outcome, field=params.get("field"))


def _record(log: SourceCall, ctx: CallContext, subjects, started, outcome, *, error: str = "") -> None:
    """Write the call log row and its audit event in one transaction (kept even when the call failed)."""
    log.latency_ms = round((time.perf_counter() - started) * 1000)
    log.outcome, log.error = outcome, error[:300]
    log.requester = ctx.requester if getattr(ctx.requester, "is_authenticated", False) else None
    log.requester_label = ctx.requester_label[:150]
    log.purpose, log.household_id, log.subjects = ctx.purpose, ctx.household_id, list(subjects)
    log.request_id = current_request_id() or ""
    with transaction.atomic():
        log.save()
        audit_record(
            actor=ctx.requester,
            action=AuditAction.SOURCE_CALL,
            obj=log,
            after={"source": log.source, "outcome": outcome, "persons": len(subjects), "purpose": ctx.purpose},
            household_id=ctx.household_id,
        )
