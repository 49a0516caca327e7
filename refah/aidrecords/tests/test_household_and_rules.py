"""A household's aid from every giver (screen, htmx fragment, API), the rules' reader of other givers' aid per
month, and the givers' reports (the KPI's share)."""

import datetime as dt
import json

import pytest
from django.test import Client

from refah.aidrecords import services
from refah.aidrecords.other_aid import other_aid_columns, other_aid_monthly
from refah.aidrecords.selectors import giver_coverage
from refah.aidrecords.tests.conftest import record
from refah.audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def send(user, key="k", **over):
    records, _replayed = services.aid_records_submit(actor=user, records=[record(**over)], idempotency_key=key)
    return records[0]


@pytest.fixture
def aided(town_clerk, ngo_clerk, family):
    """The family got food from the municipality in March, coal from the NGO for January–March, rent from AFAD."""
    household, mother, _child = family
    send(town_clerk, national_id=mother.national_id)
    send(ngo_clerk, reference="D-1", national_id=mother.national_id, kind="fuel", need="heating",
         amount_kurus=None, quantity="500", unit="kg", period_start="2026-01-01", given_on="2026-01-05")  # fmt: skip
    services.aid_file_import(
        actor=town_clerk,
        file_name="afad.csv",
        giver_name="AFAD Iğdır",
        data=(
            "referans;yardim_turu;ihtiyac;tutar;verilis_tarihi;donem_baslangic;donem_bitis;tc\n"
            f"A-1;kira;barinma;9000;2026-01-02;2026-01-01;2026-03-31;{mother.national_id}\n"
        ).encode(),
    )
    return household


def test_household_page_lists_every_giver_and_logs_the_read(client: Client, town_clerk, aided):
    client.force_login(town_clerk)
    client.cookies["django_language"] = "en"
    page = client.get(f"/aid/households/{aided.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    for giver in ("Iğdır Belediyesi", "Aras Yardımlaşma Derneği", "AFAD Iğdır"):
        assert giver in text
    assert "500 kg" in text and "1,500.00 TL" in text and "<html" in text
    assert AccessEvent.objects.filter(household_id=aided.pk).count() == 1
    fragment = client.get(f"/aid/households/{aided.pk}/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert 'id="aid"' in fragment.content.decode()


def test_household_page_in_turkish(client: Client, town_clerk, aided):
    client.force_login(town_clerk)
    client.cookies["django_language"] = "tr"
    text = client.get(f"/aid/households/{aided.pk}/").content.decode()
    assert "Her kurumdan yardım" in text
    assert "1.500,00 TL" in text and "Yakacak ve ısınma" in text


def test_registry_household_page_loads_the_section(client: Client, town_clerk, aided):
    client.force_login(town_clerk)
    text = client.get(f"/registry/households/{aided.pk}/").content.decode()
    assert f'hx-get="/aid/households/{aided.pk}/"' in text


def test_another_district_sees_no_aid_of_the_household(client: Client, other_caseworker, aided):
    client.force_login(other_caseworker)
    assert client.get(f"/aid/households/{aided.pk}/").status_code == 404


def test_household_aid_over_the_api(api_client_for, town_clerk, aided):
    answer = api_client_for(town_clerk).get(f"/api/v1/aid-records/households/{aided.pk}")
    assert answer.status_code == 200
    assert sorted(r["giver"] for r in answer.json()) == ["AFAD Iğdır", "Aras Yardımlaşma Derneği", "Iğdır Belediyesi"]


def test_other_aid_per_month_by_kind(town_clerk, aided):
    afad = services.giver_named(name="AFAD Iğdır")
    march = other_aid_monthly(household_ids=[aided.pk], first_month=dt.date(2026, 3, 1), last_month=dt.date(2026, 3, 1))
    assert march == {aided.pk: {"food": 150_000, "rent": 300_000}}  # coal has no amount in TL
    quarter = other_aid_monthly(
        household_ids=[aided.pk], first_month=dt.date(2026, 1, 1), last_month=dt.date(2026, 3, 31),
        except_giver_ids=[afad.pk],
    )  # fmt: skip
    assert quarter == {aided.pk: {"food": 50_000}}
    assert (
        other_aid_monthly(household_ids=[aided.pk], first_month=dt.date(2026, 5, 1), last_month=dt.date(2026, 5, 1))
        == {}
    )
    columns = other_aid_columns(first_month=dt.date(2026, 3, 1), last_month=dt.date(2026, 3, 1))
    assert columns == {
        "household_id": [aided.pk, aided.pk],
        "kind": ["food", "rent"],
        "kurus_per_month": [150_000, 300_000],
    }


def test_part_of_a_month_counts_for_that_month_only(town_clerk, family):
    household, mother, _child = family
    send(town_clerk, national_id=mother.national_id, amount_kurus=100_000, period_start="2026-01-16",
         period_end="2026-02-14", given_on="2026-01-16")  # fmt: skip
    jan = other_aid_monthly(
        household_ids=[household.pk], first_month=dt.date(2026, 1, 1), last_month=dt.date(2026, 1, 1)
    )
    feb = other_aid_monthly(
        household_ids=[household.pk], first_month=dt.date(2026, 2, 1), last_month=dt.date(2026, 2, 1)
    )
    assert jan[household.pk]["food"] + feb[household.pk]["food"] == 100_000
    assert jan[household.pk]["food"] == 50_794  # 16/31 of a month in January, 14/28 in February


def test_giver_report_and_share_that_reached_the_system(api_client_for, town_clerk, aided):
    body = {"period_start": "2026-03-01", "period_end": "2026-03-31", "records_given": 4}
    client = api_client_for(town_clerk)
    answer = client.post("/api/v1/aid-records/giver-reports", json.dumps(body), content_type="application/json")
    assert answer.status_code == 201 and answer.json()["giver"] == "Iğdır Belediyesi"
    again = client.post("/api/v1/aid-records/giver-reports", json.dumps(body), content_type="application/json")
    assert again.status_code == 409
    (row,) = giver_coverage(user=town_clerk)
    assert (row["held"], row["report"].records_given, row["share"]) == (1, 4, 0.25)
