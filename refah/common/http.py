"""A ready JSON answer for API endpoints whose body is already built as plain JSON values."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse


def json_response(data, *, status: int = 200) -> HttpResponse:
    """The bytes django-ninja's renderer would send for `data`, without validating it against the response schema.

    For the hot endpoints that build their answer as JSON values (and dates, datetimes, UUIDs and decimals,
    written as ninja's encoder writes them); their tests compare the answer with the response schema's output.
    """
    body = json.dumps(data, cls=DjangoJSONEncoder)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
