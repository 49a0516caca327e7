"""What every JSON API request must be before an endpoint sees it: a bounded body, valid JSON, and text that
PostgreSQL can store.

PostgreSQL's text types cannot hold the NUL character, and psycopg cannot encode a lone UTF-16 surrogate
("\\ud800", which JSON allows as an escape): either one anywhere in a query parameter, a header, a form field or a
JSON string reached the database as a server error. They are refused here, once, for every endpoint, with the
field that carried them. The parsed JSON body is kept on the request and handed to django-ninja by
`RefahParser`, so the body is parsed once.
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from refah.common.middleware import API_PREFIX

_PARSED = "_refah_json"


class BadText(ValueError):
    """A string holding a character no stored text may hold; `field` is where it was."""

    def __init__(self, field: str | None, reason: str):
        super().__init__(reason)
        self.field, self.reason = field, reason


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text (a NUL, a lone surrogate), or None when it can."""
    if "\x00" in value:
        return _("Text may not contain the NUL character (\\u0000).")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("Text must be valid Unicode: a lone surrogate (\\ud800–\\udfff) is not a character.")
    return None


def check_json(value, path: tuple = ()) -> None:
    """Raise BadText for the first string (key or value) in a parsed JSON document that cannot be stored."""
    if isinstance(value, str):
        if (reason := text_problem(value)) is not None:
            raise BadText(".".join(str(p) for p in path) or None, reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            if (reason := text_problem(key)) is not None:
                raise BadText(".".join(str(p) for p in path) or None, reason)
            check_json(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, (*path, index))


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity: Python's json accepts them, RFC 8259 does not


def body_limit() -> int:
    return getattr(settings, "REFAH_API_MAX_BODY_BYTES", None) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def error_response(status: int, reason: str, *, field: str | None = None, code: str = "invalid") -> JsonResponse:
    body = {
        "detail": reason if field is None else _("Invalid input."),
        "errors": [{"field": field, "reason": reason, "code": code}],
    }
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


class ApiGuardMiddleware:
    """For /api/ requests: 413 for a body over the limit, 400 for a body that is not JSON, 422 for text that
    cannot be stored (with its field). Screens: a 400 page for such text in the address, the query or a form
    (views read some parameters directly, not only through forms). Everything else passes untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check = self._check if request.path_info.startswith(API_PREFIX) else self._check_screen
        refusal = check(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def _check_screen(self, request):
        try:
            self._check_text(request, 0)
            if request.method == "POST" and request.content_type in _FORMS:
                _check_form(request)
        except BadText as bad:
            reason = f"{bad.field}: {bad.reason}" if bad.field else bad.reason
            return render(request, "400.html", {"reason": reason}, status=400)
        return None

    def _check(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(400, _("The Content-Length header is not a number."), code="bad_length")
        if length > body_limit():
            limit_mb = body_limit() // (1024 * 1024)
            reason = _("The request body is larger than %(limit)d MB.") % {"limit": limit_mb}
            return error_response(413, reason, code="too_large")
        try:
            self._check_text(request, length)
        except BadText as bad:
            return error_response(422, bad.reason, field=bad.field, code="bad_text")
        except ValueError:
            return error_response(400, _("The request body is not valid JSON."), code="invalid_json")
        return None

    def _check_text(self, request, length: int) -> None:
        if (reason := text_problem(request.path_info)) is not None:
            raise BadText("path", reason)
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                raise BadText(key[5:].replace("_", "-").title(), text_problem(value))
        for key, values in request.GET.lists():
            for value in (key, *values):
                if (reason := text_problem(value)) is not None:
                    raise BadText(key if text_problem(key) is None else None, reason)
        if not length or request.method in ("GET", "HEAD", "OPTIONS"):
            return
        if request.content_type in _FORMS:
            _check_form(request)
            return
        data = json.loads(request.body, parse_constant=_refuse_constant)
        check_json(data)
        setattr(request, _PARSED, data)


_FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _check_form(request) -> None:
    for key, values in request.POST.lists():
        for value in (key, *values):
            if (reason := text_problem(value)) is not None:
                raise BadText(key if text_problem(key) is None else None, reason)


class RefahParser(Parser):
    """django-ninja's parser, reusing the body ApiGuardMiddleware has already parsed and checked, and refusing a
    single-valued query parameter given twice (which of "?page=1&page=9" was meant?) instead of taking the last."""

    def parse_querydict(self, data, list_fields, request):
        if data is request.GET:
            if "" in data:
                reason = _("A query parameter has no name.")
                raise NinjaValidationError([{"loc": ("query", ""), "msg": reason, "type": "unnamed"}])
            repeated = [key for key, values in data.lists() if len(values) > 1 and key not in list_fields]
            if repeated:
                reason = _("This parameter takes one value; it was given %(count)d times.")
                raise NinjaValidationError(
                    [
                        {"loc": ("query", key), "msg": reason % {"count": len(data.getlist(key))}, "type": "repeated"}
                        for key in repeated
                    ]
                )
        return super().parse_querydict(data, list_fields, request)

    def parse_body(self, request):
        if hasattr(request, _PARSED):
            return getattr(request, _PARSED)
        data = json.loads(request.body, parse_constant=_refuse_constant)
        check_json(data)
        return data
