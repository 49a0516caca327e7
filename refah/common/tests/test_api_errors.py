"""API field messages follow the request's language (issue 12): a Turkish request no longer gets a Turkish
`detail` over pydantic's English field messages."""

import pytest
from django.utils import translation
from pydantic import BaseModel, Field, ValidationError

from refah.common.api_errors import error_reason

pytestmark = pytest.mark.django_db


class _Sample(BaseModel):
    name: str = Field(min_length=2)
    rooms: int = Field(ge=1, le=30)


def _reasons(data: dict, language: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as error, translation.override(language):
        _Sample(**data)
    with translation.override(language):
        return {e["loc"][0]: error_reason(e) for e in error.value.errors()}


def test_common_pydantic_errors_are_translated_with_their_limits():
    assert _reasons({"name": "A", "rooms": 0}, "tr") == {
        "name": "En az 2 karakter uzunluğunda olmalıdır.",
        "rooms": "1 veya daha büyük olmalıdır.",
    }
    assert _reasons({"rooms": "many"}, "tr") == {"name": "Bu alan zorunludur.", "rooms": "Tam sayı olmalıdır."}
    assert _reasons({"name": "Ev", "rooms": 31}, "en") == {"rooms": "Must be less than or equal to 30."}


def test_a_turkish_request_gets_turkish_field_messages(api_client_for, caseworker):
    client = api_client_for(caseworker)
    answer = client.get("/api/v1/registry/households?page=0", headers={"Accept-Language": "tr"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "Geçersiz giriş."
    [error] = answer.json()["errors"]
    assert (error["field"], error["code"], error["reason"]) == (
        "page",
        "greater_than_equal",
        "1 veya daha büyük olmalıdır.",
    )
    english = client.get("/api/v1/registry/households?page=0", headers={"Accept-Language": "en"}).json()
    assert english["errors"][0]["reason"] == "Must be greater than or equal to 1."
