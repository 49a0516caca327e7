"""Screens: the review queue, one item with the evidence in words, accept, reject, the history with undo."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent
from refah.linkage import services
from refah.linkage.enums import ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.linkage.tests.conftest import KIND, rec


@pytest.fixture
def review(caseworker, merkez, registry, decided):
    weak = rec("r2", last_name="Kara", mother_name=None, district=None)
    outcome = services.records_link(actor=caseworker, kind=KIND, district=merkez, records=[weak])["r2"]
    return LinkReview.objects.get(pk=outcome.review_id)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_queue_lists_the_item_and_the_detail_puts_evidence_into_turkish_words(caseworker, review):
    client = client_for(caseworker)
    queue = client.get(reverse("linkage:review_queue"), HTTP_ACCEPT_LANGUAGE="tr")
    assert queue.status_code == 200 and "Kara" in queue.content.decode()
    with translation.override("tr"):
        page = client.get(reverse("linkage:review_detail", args=[review.pk]), HTTP_ACCEPT_LANGUAGE="tr")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ayşe" in text and "aynı doğum tarihi" in text  # the same birth date, in words
    assert AccessEvent.objects.filter(actor=caseworker).exists()


def test_accept_from_the_screen(caseworker, review, registry, decided):
    response = client_for(caseworker).post(
        reverse("linkage:review_accept", args=[review.pk]), {"person_id": str(registry["Ayşe"].pk)}
    )
    assert response.status_code == 302
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.ACCEPTED
    assert decided == [("r2", registry["Ayşe"].pk)]


def test_reject_without_reason_is_refused_with_the_reason_named(caseworker, review):
    response = client_for(caseworker).post(reverse("linkage:review_reject", args=[review.pk]), {"reason": ""})
    assert response.status_code == 400
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.OPEN
    response = client_for(caseworker).post(reverse("linkage:review_reject", args=[review.pk]), {"reason": "Başkası"})
    assert response.status_code == 302
    assert LinkReview.objects.get(pk=review.pk).status == ReviewStatus.REJECTED


def test_history_and_undo(caseworker, merkez, registry, decided):
    ayse = registry["Ayşe"]
    services.records_link(
        actor=caseworker, kind=KIND, district=merkez, records=[rec("r1", national_id=ayse.national_id)]
    )
    client = client_for(caseworker)
    history = client.get(reverse("linkage:link_history"))
    assert history.status_code == 200 and "Yılmaz" in history.content.decode()
    link = Link.objects.get()
    assert client.post(reverse("linkage:link_undo", args=[link.pk]), {"reason": "Yanlış"}).status_code == 302
    link.refresh_from_db()
    assert link.undone_by == caseworker


def test_another_district_gets_not_found_and_an_auditor_cannot_decide(
    other_caseworker, make_staff, office_merkez, review
):
    assert client_for(other_caseworker).get(reverse("linkage:review_detail", args=[review.pk])).status_code == 404
    auditor = make_staff(office_merkez, Role.AUDITOR)
    client = client_for(auditor)
    assert client.get(reverse("linkage:review_detail", args=[review.pk])).status_code == 200
    assert client.post(reverse("linkage:review_reject", args=[review.pk]), {"reason": "x"}).status_code == 403
