"""The household's institutions' data page, its fragment, the refresh action and the API."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from refah.exchange.enums import CallPurpose
from refah.exchange.models import SourceCheck
from refah.exchange.services import household_refresh


def test_the_page_shows_facts_with_sources_and_flags_the_disagreement(simulators, household, caseworker):
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.APPLICATION, sources=["sgk", "nvi"])
    client = Client()
    client.force_login(caseworker)
    with translation.override("tr"):
        page = client.get(reverse("exchange:household_sources", args=[household.pk]), HTTP_ACCEPT_LANGUAGE="tr")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kayıtlı aylık kazanç" in text and "⚠" in text and "Beyanla uyuşmazlıklar" in text
    assert "SGK" in text and "Henüz sorgulanmadı" in text  # EGM etc. not asked yet
    panel = client.get(reverse("exchange:household_panel", args=[household.pk]))
    assert panel.status_code == 200 and "<html" not in panel.content.decode()
    detail = client.get(reverse("registry:household_detail", args=[household.pk]))
    assert reverse("exchange:household_panel", args=[household.pk]) in detail.content.decode()


def test_refresh_now_with_sgk_down_shows_the_waiting_check(simulators, household, caseworker):
    simulators.set("sgk", down=True)
    client = Client()
    client.force_login(caseworker)
    url = reverse("exchange:household_refresh", args=[household.pk])
    response = client.post(url, {"purpose": "application"}, follow=True)
    assert response.status_code == 200
    assert SourceCheck.objects.get(household=household, source="sgk").status == "waiting"
    assert SourceCheck.objects.get(household=household, source="nvi").status == "ok"


def test_the_api_refreshes_and_reads(simulators, household, caseworker, api_client_for):
    client = api_client_for(caseworker)
    answer = client.post(
        f"/api/v1/exchange/households/{household.pk}/refresh",
        {"purpose": "application", "sources": ["sgk"]},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()[0]["status"] == "ok"
    read = client.get(f"/api/v1/exchange/households/{household.pk}").json()
    assert any(f["fact"] == "sgk.earnings" and f["disagrees"] for f in read["facts"])
    assert {d["fact"] for d in read["discrepancies"]} >= {"sgk.earnings", "sgk.status"}
