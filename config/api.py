"""The one NinjaAPI of Refah: /api/v1/, token auth, JSON errors with field and reason."""

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from refah.accounts.authentication import TokenAuth
from refah.common.api_guard import RefahParser, body_limit, error_response
from refah.common.errors import RefahError, validation_error_items
from refah.common.openapi import document_error_answers


class RefahAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return document_error_answers(super().get_openapi_schema(*args, **kwargs))


api = RefahAPI(
    title="Refah API",
    version="1.0.0",
    description="Integrated social assistance and social services — JSON API.",
    urls_namespace="api",
    docs_url="/docs",
    auth=TokenAuth(),
    parser=RefahParser(),
)


@api.exception_handler(RefahError)
def _refah_error(request, exc: RefahError):
    body = {"detail": str(exc.message), "errors": [{"field": exc.field, "reason": str(exc.message), "code": exc.code}]}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    items = validation_error_items(exc)
    return api.create_response(request, {"detail": _("Invalid input."), "errors": items}, status=422)


def _error_field(loc) -> str | None:
    # ("body", <parameter name>, field, …) for request bodies; ("query" | "path", field, …) otherwise.
    parts = list(loc)[2:] if list(loc)[:1] == ["body"] else list(loc)[1:]
    return ".".join(str(p) for p in parts) or None


@api.exception_handler(NinjaValidationError)
def _schema_error(request, exc: NinjaValidationError):
    # Pydantic's messages are English: the common ones are translated (imported here: this handler is the only
    # part of this module the reasons' mapping belongs to).
    from refah.common.api_errors import error_reason

    items = [
        {
            "field": _error_field(e.get("loc", ())),
            "reason": error_reason(e),
            "code": e.get("type", "invalid"),
        }
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": _("Invalid input."), "errors": items}, status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    if request.path.startswith("/api/v1/aidcard/terminal/"):
        detail = _("Terminal authentication required: send the terminal's key in the 'X-Terminal-Key' header.")
    else:
        detail = _("Authentication required: send 'Authorization: Bearer <token>'.")
    body = {"detail": detail, "errors": []}
    return api.create_response(request, body, status=401)


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    limit_mb = body_limit() // (1024 * 1024)
    return error_response(
        413, _("The request body is larger than %(limit)d MB.") % {"limit": limit_mb}, code="too_large"
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=exc.status_code)


api.add_router("/registry/", "refah.registry.api.router")
api.add_router("/registry/", "refah.registry.api_merges.router")
api.add_router("/", "refah.accounts.api.router")
api.add_router("/", "refah.eligibility.api.router")
api.add_router("/cases/", "refah.cases.api.router")
api.add_router("/committees/", "refah.committees.api.router")
api.add_router("/payments/", "refah.payments.api.router")
api.add_router("/aidcard/", "refah.aidcard.api.router")
api.add_router("/aid-records/", "refah.aidrecords.api.router")
api.add_router("/linkage/", "refah.linkage.api.router")
api.add_router("/exchange/", "refah.exchange.api.router")
api.add_router("/employment/", "refah.employment.api.router")
api.add_router("/casework/", "refah.casework.api.router")
api.add_router("/shelters/", "refah.shelters.api.router")
api.add_router("/care/", "refah.care.api.router")
api.add_router("/entitlements/", "refah.entitlements.api.router")
api.add_router("/reports/", "refah.reports.api.router")
api.add_router("/targeting/", "refah.targeting.api.router")
api.add_router("/open-data/", "refah.reports.opendata.api.router")
api.add_router("/asdep/", "refah.asdep.api.router")
api.add_router("/outreach/", "refah.targeting.outreach.api.router")
api.add_router("/ledger/", "refah.audit.ledger.api.router")
