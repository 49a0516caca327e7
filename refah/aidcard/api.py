"""The terminal API under /api/v1/aidcard/terminal/: authorise, capture, void, refund, balance.

Terminals authenticate with their own key in `X-Terminal-Key` (not a staff token). Every
operation acts for the terminal's merchant only; another merchant's authorisation is 404.
A card that is refused (unknown, wrong PIN, PIN-locked) always gets the same 402 answer; a terminal
that fails too often is paused: 429 with Retry-After.
"""

import datetime as dt
import uuid

from django.http import HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import APIKeyHeader

from refah.aidcard import services
from refah.aidcard.enums import PurseKind
from refah.aidcard.errors import ThrottledError
from refah.aidcard.models import Hold, Terminal
from refah.common.schemas import ErrorOut

router = Router(tags=["aidcard"])


class TerminalKeyAuth(APIKeyHeader):
    """`X-Terminal-Key: rt_…`; the terminal becomes request.auth (and request.terminal)."""

    param_name = "X-Terminal-Key"

    def authenticate(self, request, key: str | None):
        if not key or len(key) > 200:
            return None
        terminal = (
            Terminal.objects.select_related("merchant")
            .filter(key_hash=Terminal.hash_key(key), active=True, merchant__active=True)
            .first()
        )
        if terminal is not None:
            request.terminal = terminal
        return terminal


terminal_auth = TerminalKeyAuth()
PurseName = Field(..., description="food | clothing | general | market", pattern="^(food|clothing|general|market)$")


class AuthoriseIn(Schema):
    card_number: str = Field(..., min_length=12, max_length=19)
    purse: str = PurseName
    amount: int = Field(..., gt=0, description="kuruş, or points for the market purse")
    idempotency_key: str = Field(..., min_length=1, max_length=64)
    pin: str | None = Field(None, max_length=6)


class HoldOut(Schema):
    id: uuid.UUID
    status: str
    amount: int
    captured: int
    refunded: int
    expires_at: dt.datetime
    available_after: int | None = None


class CaptureIn(Schema):
    amount: int | None = Field(None, gt=0, description="omit to capture the whole authorisation")


class RefundIn(Schema):
    amount: int = Field(..., gt=0)
    reference: str = Field(..., min_length=1, max_length=64)


class RefundOut(Schema):
    id: uuid.UUID
    amount: int
    authorisation: HoldOut


class BalanceIn(Schema):
    card_number: str = Field(..., min_length=12, max_length=19)
    pin: str | None = Field(None, max_length=6)


class PurseOut(Schema):
    purse: str
    available: int


class BalanceOut(Schema):
    purses: list[PurseOut]


def _out(hold: Hold) -> dict:
    return {
        "id": hold.pk,
        "status": hold.status,
        "amount": hold.amount,
        "captured": hold.captured,
        "refunded": hold.refunded,
        "expires_at": hold.expires_at,
        "available_after": getattr(hold, "available_after", None),
    }


_ERRORS = {401: ErrorOut, 402: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
# Operations that take a card number and PIN: refusals are 402, and a terminal that failed too often gets 429.
_CARD_ERRORS = {401: ErrorOut, 402: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
_REFUSALS = """

Declines are 402 with a code: `card_not_accepted` is the one answer for an unknown or mistyped card
number, a wrong PIN and a card locked after too many wrong PINs (only staff can unblock it);
`card_blocked`, `insufficient_funds` and `category_not_allowed` come only after the card and PIN were
accepted. A terminal with too many refused cards in a short time is paused: 429 `terminal_throttled`
with a `Retry-After` header (seconds)."""


def _paused(response: HttpResponse, exc: ThrottledError) -> Status:
    """429 with Retry-After (the header goes on ninja's response for this request)."""
    response["Retry-After"] = str(exc.retry_after)
    body = {"detail": str(exc.message), "errors": [{"field": None, "reason": str(exc.message), "code": exc.code}]}
    return Status(429, body)


@router.post(
    "/terminal/authorisations",
    auth=terminal_auth,
    response={201: HoldOut, **_CARD_ERRORS},
    description="Hold an amount of a purse. Send the same idempotency_key when retrying: you get the same hold back."
    + _REFUSALS,
)
def authorise(request, payload: AuthoriseIn, response: HttpResponse):
    """Hold an amount of a purse. Send the same idempotency_key when retrying: you get the same hold back."""
    terminal = request.auth
    try:
        hold = services.hold_authorise(
            merchant=terminal.merchant,
            terminal=terminal,
            card_number=payload.card_number,
            purse=PurseKind(payload.purse),
            amount=payload.amount,
            idempotency_key=payload.idempotency_key,
            pin=payload.pin,
        )
    except ThrottledError as exc:
        return _paused(response, exc)
    return Status(201, _out(hold))


@router.post("/terminal/authorisations/{hold_id}/capture", auth=terminal_auth, response={200: HoldOut, **_ERRORS})
def capture(request, hold_id: str, payload: CaptureIn):
    """Capture the whole hold or part of it; the rest returns to the purse."""
    return _out(services.hold_capture(merchant=request.auth.merchant, hold_id=hold_id, amount=payload.amount))


@router.post("/terminal/authorisations/{hold_id}/void", auth=terminal_auth, response={200: HoldOut, **_ERRORS})
def void(request, hold_id: str):
    """Cancel an open hold."""
    return _out(services.hold_void(merchant=request.auth.merchant, hold_id=hold_id))


@router.post("/terminal/authorisations/{hold_id}/refunds", auth=terminal_auth, response={201: RefundOut, **_ERRORS})
def refund(request, hold_id: str, payload: RefundIn):
    """Refund up to what was captured and not yet refunded; the same reference refunds once."""
    result = services.hold_refund(
        merchant=request.auth.merchant, hold_id=hold_id, amount=payload.amount, reference=payload.reference
    )
    return Status(201, {"id": result.pk, "amount": result.amount, "authorisation": _out(result.hold)})


@router.post(
    "/terminal/balance",
    auth=terminal_auth,
    response={200: BalanceOut, **_CARD_ERRORS},
    description="What the card can spend here, per purse (POST so that the card number stays out of URLs and logs)."
    + _REFUSALS,
)
def balance(request, payload: BalanceIn, response: HttpResponse):
    """What the card can spend here, per purse; refused cards and paused terminals as for an authorisation."""
    terminal = request.auth
    try:
        purses = services.card_balance(
            merchant=terminal.merchant, card_number=payload.card_number, pin=payload.pin, terminal=terminal
        )
    except ThrottledError as exc:
        return _paused(response, exc)
    return {"purses": [{"purse": p.kind, "available": p.available} for p in purses]}
