"""What every API request must be: NUL and lone surrogates refused with their field, pages bounded, a body over
the limit a JSON 413, a body that is not JSON a 400, and every error answer documented in OpenAPI."""

import json

import pytest
from django.test import Client

from config.api import api
from refah.registry.models import Household
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(api_client_for, caseworker):
    return api_client_for(caseworker)


def errors_of(response) -> list[tuple]:
    return [(e["field"], e["code"]) for e in response.json()["errors"]]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/registry/persons?q=ay%00se",
        "/api/v1/registry/households?neighbourhood=%00",
        "/api/v1/cases/applications?status=rec%00eived",
        "/api/v1/registry/households?district=TUR%00076002",
    ],
)
def test_nul_in_a_query_parameter_is_a_422_naming_it(client, url):
    response = client.get(url)
    assert response.status_code == 422, response.content
    [(field, code)] = errors_of(response)
    assert code == "bad_text" and field == url.split("?")[1].split("=")[0]


def test_nul_in_a_path_is_refused(client):
    assert client.get("/api/v1/registry/persons/ab%00cd").status_code == 422


def test_nul_in_a_json_string_is_a_422_with_its_dotted_field(client, merkez):
    household = household_with_members(merkez, children=0)
    body = {"address_line": "Atatürk Cd.\u0000 5"}
    response = client.patch(
        f"/api/v1/registry/households/{household.pk}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert errors_of(response) == [("address_line", "bad_text")]
    household.refresh_from_db()
    assert "\x00" not in household.address_line  # nothing stored


def test_nested_field_and_key_paths():
    from refah.common.api_guard import BadText, check_json

    with pytest.raises(BadText) as bad:
        check_json({"members": [{"first_name": "Ay"}, {"first_name": "Se\x00"}]})
    assert bad.value.field == "members.1.first_name"
    with pytest.raises(BadText):
        check_json({"ke\x00y": 1})


def test_lone_surrogate_is_refused(client):
    response = client.post(
        "/api/v1/screener", '{"members": [{"first_name": "\\ud800"}]}', content_type="application/json"
    )
    assert response.status_code == 422 and errors_of(response) == [("members.0.first_name", "bad_text")]


def test_unauthenticated_screener_refuses_nul_too():
    response = Client().post("/api/v1/screener", json.dumps({"district": "\x00"}), content_type="application/json")
    assert response.status_code == 422 and errors_of(response) == [("district", "bad_text")]


def test_nul_in_a_header_is_refused(client):
    response = client.get("/api/v1/registry/persons?q=a", HTTP_IDEMPOTENCY_KEY="a\x00b")
    assert response.status_code == 422


def test_a_single_valued_parameter_given_twice_is_a_422(client):
    response = client.get("/api/v1/registry/households?page=1&page=9", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and errors_of(response) == [("page", "repeated")]
    assert "given 2 times" in response.json()["errors"][0]["reason"]


def test_a_parameter_without_a_name_is_a_422(client):
    response = client.get("/api/v1/cases/applications?overdue=false&=null")
    assert response.status_code == 422 and errors_of(response)[0][1] == "unnamed"


def test_no_two_api_schemas_share_a_name():
    # OpenAPI components are keyed by class name: a second MemberOut silently replaced the first, and the
    # household's members were documented as a committee's.
    from ninja import Schema

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    api.get_openapi_schema()
    modules: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("refah."):
            modules.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: mods for name, mods in modules.items() if len(mods) > 1} == {}


def test_body_that_is_not_json_is_a_400_in_the_callers_language(client):
    response = client.post("/api/v1/registry/households", "{not json", content_type="application/json")
    assert response.status_code == 400 and errors_of(response) == [(None, "invalid_json")]
    turkish = client.post(
        "/api/v1/registry/households", "{not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="tr"
    )
    assert turkish.json()["detail"] == "İstek gövdesi geçerli bir JSON değil."


def test_nan_and_infinity_are_not_json(client):
    response = client.post("/api/v1/screener", '{"members": [], "x": NaN}', content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["1000000000000000000", "1000001", "0", "-3"])
def test_page_out_of_bounds_is_a_422(client, page):
    for url in ("/api/v1/cases/applications", "/api/v1/registry/households"):
        response = client.get(f"{url}?page={page}")
        assert response.status_code == 422, (url, response.content)
        assert errors_of(response)[0][0] == "page"


def test_last_allowed_page_is_empty_not_an_error(client):
    response = client.get("/api/v1/registry/households?page=1000000&page_size=200")
    assert response.status_code == 200 and response.json()["items"] == []


def test_body_over_the_limit_is_a_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = json.dumps({"address_line": "x" * (1024 * 1024 + 10)})
    response = client.post("/api/v1/registry/households", body, content_type="application/json")
    assert response.status_code == 413 and errors_of(response) == [(None, "too_large")]
    assert not Household.objects.exists()


def test_upload_over_the_limit_is_a_json_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        "/api/v1/cases/applications/00000000-0000-0000-0000-000000000000/documents",
        {"doc_type": "x", "file": ("a.pdf", b"%PDF" + b"0" * 4096)},
    )
    assert response.status_code == 413


def test_every_operation_documents_its_error_answers():
    schema = api.get_openapi_schema()
    assert "ApiError" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = {str(c) for c in operation["responses"]}
            assert {"400", "403", "404", "422"} <= codes, (method, path)
            if method != "get":
                assert {"409", "413"} <= codes, (method, path)
            if operation.get("security"):
                assert "401" in codes, (method, path)


def test_screens_refuse_nul_in_the_query_with_a_400_page(client, caseworker):
    screen = Client()
    screen.force_login(caseworker)
    response = screen.get("/cases/new/?q=ay%00se", HTTP_ACCEPT_LANGUAGE="tr")
    assert response.status_code == 400
    assert "İstek okunamadı" in response.content.decode() and "q: Metin NUL karakteri" in response.content.decode()
    assert screen.post("/cases/new/", {"household": "a\x00b"}).status_code == 400


@pytest.mark.parametrize("url", ["/screener/member-row/?index=abc", "/screener/districts/?h-il=abc"])
def test_screener_fragments_survive_a_bad_number(url):
    assert Client().get(url).status_code == 200
