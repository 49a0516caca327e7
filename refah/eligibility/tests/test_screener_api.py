"""POST /api/v1/screener: anonymous, nothing stored, reasons in Turkish and English, 422 with the field."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client

URL = "/api/v1/screener"


def member(**fields):
    base = {
        "disability_percent": 0,
        "dependency": "none",
        "monthly_income": "0",
        "social_security": "none",
        "employment_status": "homemaker",
        "marital_status": "married",
        "school_level": "none",
        "chronic_illness": False,
        "pregnant": False,
        "sed_risk": False,
        "in_state_care": False,
        "orphan": False,
        "spouse_deceased": False,
    }
    return base | fields


def household(**fields):
    """A poor family of four in Iğdır Merkez: 6,000 TL a month from informal work."""
    child = {"role": "child", "employment_status": "child", "marital_status": "single", "school_level": "primary"}
    return {
        "period": "2025-07",
        "il": 76,
        "ilce": "TUR076002",
        "rural": False,
        "dwelling_type": "gecekondu",
        "tenure": "tenant",
        "heating": "stove_coal",
        "monthly_rent": "2500.00",
        "rooms": 2,
        "assets": [],
        "members": [
            member(
                role="reference",
                birth_date="1985-03-01",
                sex="M",
                employment_status="employed_informal",
                monthly_income="6000.00",
            ),
            member(role="spouse", birth_date="1987-03-01", sex="F"),
            member(**child, birth_date="2015-03-01", sex="F", absence_days=1),
            member(**child, birth_date="2017-03-01", sex="M", absence_days=0),
        ],
    } | fields


def post(body, lang="tr"):
    return Client().post(URL, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang)


def _row_counts():
    """Rows of every table (models whose migration is not written yet have no table)."""
    tables = set(connection.introspection.table_names())
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.db_table in tables}


@pytest.mark.django_db
def test_screener_is_anonymous_and_stores_nothing():
    before = _row_counts()
    response = post(household())
    assert response.status_code == 200, response.content
    assert _row_counts() == before
    body = response.json()
    family = next(p for p in body["programs"] if p["code"] == "family_support")
    # 6,000 / 4 = 1,500 per capita ≤ 1/3 × 22,104.67 = 7,368.22 → last band 850 + child add-on 350 = 1,200 TL
    assert family["eligible"] is True
    assert family["monthly"] == "1200.00"
    assert body["need_score"] is not None


@pytest.mark.django_db
def test_reasons_follow_accept_language():
    turkish = post(household(), "tr").json()
    english = post(household(), "en").json()
    tr_family = next(p for p in turkish["programs"] if p["code"] == "family_support")
    en_family = next(p for p in english["programs"] if p["code"] == "family_support")
    assert any("kişi başı gelir" in r["text"] for r in tr_family["reasons"])
    assert any("per-capita income" in r["text"] for r in en_family["reasons"])
    assert tr_family["label"] == "Aile Destek Programı" and en_family["label"] == "Family Support Programme"


@pytest.mark.django_db
def test_missing_input_is_named_by_its_field():
    # issue 12, item 6: partial input is answered (it was a 422); what is missing is named per program
    body = household()
    del body["members"][0]["monthly_income"]
    response = post(body, "en")
    assert response.status_code == 200, response.content
    family = next(p for p in response.json()["programs"] if p["code"] == "family_support")
    assert family["status"] == "unknown" and family["eligible"] is None
    assert "members.0.monthly_income" in [item["field"] for item in family["missing"]]
    assert "members.0.monthly_income" in response.json()["missing"]


@pytest.mark.django_db
def test_missing_input_that_decides_nothing_is_not_asked():
    body = household()
    del body["members"][1]["social_security"]  # the spouse's: no program's answer turns on it here
    response = post(body, "en")
    assert response.status_code == 200, response.content
    assert "members.1.social_security" not in response.json()["missing"]
    family = next(p for p in response.json()["programs"] if p["code"] == "family_support")
    assert family["status"] == "likely" and family["monthly"] == "1200.00"


@pytest.mark.django_db
def test_invalid_input_is_a_field_error():
    body = household(heating="fireplace")
    response = post(body, "en")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "heating"


@pytest.mark.django_db
def test_schema_errors_name_the_field():
    body = household(period="2025-13")
    response = post(body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "period"


def _page_data(body):
    """The screener page's fields for every answer at once (yes/no answers are "true" / "false": "not known"
    is an answer since issue 12, item 6)."""
    data = {
        f"h-{k}": str(v).lower() if isinstance(v, bool) else v
        for k, v in body.items()
        if k not in ("members", "assets")
    }
    data.update({f"h-asset_{kind}": "0" for kind in ("vehicle", "real_estate", "land", "livestock", "other")})
    data["m-TOTAL_FORMS"], data["m-INITIAL_FORMS"] = str(len(body["members"])), "0"
    for i, m in enumerate(body["members"]):
        for key, value in m.items():
            data[f"m-{i}-{key}"] = str(value).lower() if isinstance(value, bool) else value
    return data


@pytest.mark.django_db
def test_public_screener_page_shows_results_and_stores_nothing():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # screens follow the TR/EN switch, not the browser
    assert client.get("/screener/").status_code == 200
    before = _row_counts()
    response = client.post("/screener/", _page_data(household()))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Family Support Programme" in text and "per-capita income" in text
    assert _row_counts() == before


@pytest.mark.django_db
def test_member_row_and_district_options_for_htmx():
    client = Client()
    row = client.get("/screener/member-row/", {"index": 3}).content.decode()
    assert 'name="m-3-birth_date"' in row and 'value="4"' in row
    options = client.get("/screener/districts/", {"h-il": 76}).content.decode()
    assert "TUR076004" in options
