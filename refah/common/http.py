"""A ready JSON answer for API endpoints whose body is already built as plain JSON values."""

import json

from django.http import HttpResponse


def json_response(data, *, status: int = 200) -> HttpResponse:
    """The bytes django-ninja's renderer would send for `data`, without validating it against the response schema.

    For the hot endpoints that build their answer from hand-written SQL as str/int/bool/None/list/dict only;
    their tests compare the answer with the response schema's own output.
    """
    return HttpResponse(json.dumps(data), status=status, content_type="application/json; charset=utf-8")
