"""The household's institutions' data page, its fragment, the refresh action and the API."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.exchange.enums import CallPurpose
from refah.exchange.models import Discrepancy, SourceCheck
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


def _open_earnings(household, caseworker):
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.APPLICATION, sources=["sgk"])
    return Discrepancy.objects.get(household=household, fact="sgk.earnings", status="open")


def test_a_caseworker_resolves_a_disagreement_on_the_page(simulators, household, caseworker):
    flagged = _open_earnings(household, caseworker)
    client = Client()
    client.force_login(caseworker)
    with translation.override("tr"):
        page = client.get(reverse("exchange:household_sources", args=[household.pk]), HTTP_ACCEPT_LANGUAGE="tr")
    url = reverse("exchange:discrepancy_resolve", args=[flagged.pk])
    assert url in page.content.decode() and "Sonuçlandır" in page.content.decode()
    empty = client.post(url, {"note": "  "}, follow=True)
    assert empty.status_code == 200 and Discrepancy.objects.get(pk=flagged.pk).status == "open"
    done = client.post(url, {"note": "Beyan düzeltildi: SGK kaydı doğru."}, follow=True)
    assert done.status_code == 200
    flagged.refresh_from_db()
    assert flagged.status == "resolved" and flagged.resolved_by == caseworker
    assert flagged.resolution_note == "Beyan düzeltildi: SGK kaydı doğru."
    assert AuditEvent.objects.filter(action=AuditAction.DISCREPANCY_RESOLVE, object_id=str(flagged.pk)).exists()
    again = client.post(url, {"note": "Bir daha."}, follow=True)
    assert again.status_code == 200 and Discrepancy.objects.get(pk=flagged.pk).resolution_note.startswith("Beyan")


def test_the_api_resolves_once_and_refuses_others(simulators, household, caseworker, other_caseworker, api_client_for):
    flagged = _open_earnings(household, caseworker)
    url = f"/api/v1/exchange/discrepancies/{flagged.pk}/resolve"
    outsider = api_client_for(other_caseworker).post(url, {"note": "x"}, content_type="application/json")
    assert outsider.status_code == 404
    client = api_client_for(caseworker)
    assert client.post(url, {"note": ""}, content_type="application/json").status_code == 422
    answer = client.post(url, {"note": "Açıklandı."}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "resolved"
    assert client.post(url, {"note": "Açıklandı."}, content_type="application/json").status_code == 409
