"""The screens: a record made at the counter by TC Kimlik No (errors on their fields), its entitlements granted,
the cards listed by status, a batch's PDF and CSV, the delivery form; pages in Turkish without codes."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from refah.casework.household_services import household_service_lines
from refah.entitlements import services
from refah.entitlements.models import Entitlement, TravelCard, VeteranRecord
from refah.entitlements.tests.conftest import MARTYR_TC

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(headers={"Accept-Language": "tr"})
    client.force_login(user)
    return client


def no_codes(html: str) -> None:
    """No snake_case code reaches the page's text (code-like words only inside <code>)."""
    body = re.sub(r"<code>.*?</code>|<[^>]+>|\{.*?\}", " ", html.split("<main", 1)[1], flags=re.S)
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", body), re.findall(r"\b[a-z]+_[a-z_]+\b", body)


def test_a_record_at_the_counter(clerk, family):
    client = signed_in(clerk)
    form = {
        "person_national_id": family["mother"].national_id,
        "status": "martyr_mother",
        "subject_name": "Piyade Er Ahmet Yıldırım",
        "subject_national_id": "123",
        "event_date": "2016-07-15",
        "decision_ref": "ASHB-ŞYGD 2016/4412",
    }
    refused = client.post(reverse("entitlements:record_create"), form)
    assert refused.status_code == 400 and "field--error" in refused.content.decode()
    assert not VeteranRecord.objects.exists()
    saved = client.post(reverse("entitlements:record_create"), {**form, "subject_national_id": MARTYR_TC})
    record = VeteranRecord.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("entitlements:record", args=[record.pk])
    granted = client.post(reverse("entitlements:record", args=[record.pk]), {"kind": "public_employment"})
    assert granted.status_code == 302 and Entitlement.objects.get().kind == "public_employment"
    page = client.get(reverse("entitlements:record", args=[record.pk])).content.decode()
    assert "Kamuda istihdam hakkı" in page and "3713 sayılı Kanun md. 21" in page
    no_codes(page)
    home = client.get(reverse("entitlements:home"), {"status": "martyr_mother"}).content.decode()
    assert family["mother"].full_name in home
    no_codes(home)


def test_cards_batches_and_delivery_screens(supervisor, clerk, travellers):
    boss, counter = signed_in(supervisor), signed_in(clerk)
    assert counter.post(reverse("entitlements:cards_issue")).status_code == 403
    assert boss.post(reverse("entitlements:cards_issue")).status_code == 302
    assert boss.post(reverse("entitlements:batch_create")).status_code == 302
    batch = TravelCard.objects.first().batch
    pdf = boss.get(reverse("entitlements:batch_pdf", args=[batch.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert counter.get(reverse("entitlements:batch_csv", args=[batch.pk])).status_code == 403
    csv = boss.get(reverse("entitlements:batch_csv", args=[batch.pk])).content.decode()
    assert csv.count("\n") == 5
    assert boss.post(reverse("entitlements:batch_printed", args=[batch.pk])).status_code == 302
    card = TravelCard.objects.get(person=travellers["old"])
    form = counter.get(reverse("entitlements:card_deliver", args=[card.pk]))
    assert form.status_code == 200
    bad = counter.post(
        reverse("entitlements:card_deliver", args=[card.pk]),
        {"place": "ptt", "receiver": "proxy", "delivered_on": "2020-01-01", "proxy_name": "Ali Kaya"},
    )
    assert bad.status_code == 400
    done = counter.post(
        reverse("entitlements:card_deliver", args=[card.pk]),
        {"place": "counter", "receiver": "person", "delivered_on": card.issued_on.isoformat()},
    )
    assert done.status_code == 302
    card.refresh_from_db()
    assert card.status == "delivered"
    listing = counter.get(reverse("entitlements:card_list"), {"status": "delivered"}).content.decode()
    assert card.number in listing and travellers["disabled"].full_name not in listing
    no_codes(listing)
    no_codes(counter.get(reverse("entitlements:card", args=[card.pk])).content.decode())
    no_codes(boss.get(reverse("entitlements:batch", args=[batch.pk])).content.decode())


def test_household_lines(clerk, family, supervisor):
    record = services.veteran_record_create(
        actor=clerk,
        person=family["mother"],
        status="martyr_mother",
        subject_name="Piyade Er Ahmet Yıldırım",
        subject_national_id=MARTYR_TC,
        event_date=dt.date(2016, 7, 15),
        decision_ref="X-1",
    )
    services.entitlement_grant(actor=clerk, record=record, kind="free_travel")
    services.cards_issue(actor=supervisor)
    with translation.override("en"):
        lines = household_service_lines(user=clerk, household=family["household"])
    families = {str(line.family) for line in lines}
    assert {"Martyrs' relatives and veterans", "Free travel card"} <= families
    assert any("Free travel on public transport" in line.status for line in lines)
