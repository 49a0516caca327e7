"""The issue run: every person the free-travel rule entitles (and every veteran or martyr's relative with free
travel) gets one card request, with the basis the rule found; run twice, nothing new; the ineligible none.
Printing: the batch PDF holds every card number (read back from the PDF), the CSV every card; marking it printed
dates the cards. Delivery, lost and replace, cancel: the allowed transitions only."""

import datetime as dt

import pytest

from refah.audit.models import AuditEvent
from refah.committees.tests.pdftext import pdf_text
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.entitlements import services
from refah.entitlements.enums import CardBasis, CardStatus, VeteranStatus
from refah.entitlements.luhn import card_number_grouped, luhn_valid
from refah.entitlements.models import TravelCard
from refah.entitlements.printing import batch_csv, batch_pdf
from refah.entitlements.services.batches import valid_until
from refah.entitlements.tests.conftest import record
from refah.registry.tests.factories import valid_tc

pytestmark = pytest.mark.django_db


def _bases():
    return {card.person_id: card.basis for card in TravelCard.objects.all()}


def test_the_issue_run_requests_one_card_per_entitled_person(supervisor, clerk, travellers, family):
    record(clerk, family["mother"])
    record(clerk, family["sibling"], VeteranStatus.MARTYR_SIBLING)  # siblings hold no free travel
    run = services.cards_issue(actor=supervisor)
    expected = {
        travellers["old"].pk: CardBasis.AGE,
        travellers["disabled"].pk: CardBasis.DISABILITY,
        travellers["severe"].pk: CardBasis.DISABILITY,
        travellers["companion"].pk: CardBasis.COMPANION,
        family["mother"].pk: CardBasis.VETERAN,
    }
    assert _bases() == expected
    assert (run.persons_found, run.already_carded, run.cards_requested) == (5, 0, 5)
    assert all(luhn_valid(c.number) and c.status == CardStatus.REQUESTED for c in TravelCard.objects.all())
    assert AuditEvent.objects.filter(action="travel_cards_issue", object_id=str(run.pk)).count() == 1
    again = services.cards_issue(actor=supervisor)
    assert (again.persons_found, again.already_carded, again.cards_requested) == (5, 5, 0)
    assert TravelCard.objects.count() == 5


def test_the_run_keeps_to_its_area_and_permission(clerk, supervisor, travellers, make_staff, office_tuzluca):
    from refah.accounts.enums import Role

    with pytest.raises(PermissionDeniedError):
        services.cards_issue(actor=clerk)
    tuzluca_supervisor = make_staff(office_tuzluca, Role.SUPERVISOR)
    assert services.cards_issue(actor=tuzluca_supervisor).cards_requested == 0
    household = travellers["old"].memberships.get().household
    with pytest.raises(NotFoundError):
        services.cards_issue(actor=tuzluca_supervisor, household=household)
    assert services.cards_issue(actor=supervisor, household=household).cards_requested == 1
    assert set(_bases()) == {travellers["old"].pk}


def _printed_batch(supervisor, travellers):
    services.cards_issue(actor=supervisor)
    batch = services.print_batch_create(actor=supervisor)
    return batch


def test_the_batch_pdf_and_csv_hold_every_card(supervisor, travellers):
    batch = _printed_batch(supervisor, travellers)
    cards = list(TravelCard.objects.filter(batch=batch))
    assert batch.card_count == len(cards) == 4
    text = pdf_text(batch_pdf(batch=batch))
    for card in cards:
        assert card_number_grouped(card.number) in text
        assert card.person.full_name in text
    csv_rows = batch_csv(batch=batch).splitlines()
    assert csv_rows[0].startswith("batch,card_number") and len(csv_rows) == 5
    assert {row.split(",")[1] for row in csv_rows[1:]} == {c.number for c in cards}
    with pytest.raises(RefahError):
        services.print_batch_create(actor=supervisor)  # nothing left to print
    printed = services.print_batch_printed(actor=supervisor, batch=batch)
    today = dt.date.today()
    assert printed.printed_on == today
    assert set(TravelCard.objects.values_list("status", "issued_on", "valid_until")) == {
        (CardStatus.PRINTED, today, valid_until(today))
    }
    with pytest.raises(ConflictError):
        services.print_batch_printed(actor=supervisor, batch=batch)


def test_delivery_lost_and_replace(supervisor, clerk, travellers, tuzluca_clerk):
    batch = _printed_batch(supervisor, travellers)
    card = TravelCard.objects.get(person=travellers["old"])
    with pytest.raises(ConflictError):  # not printed yet
        services.card_deliver(actor=clerk, card=card, place="counter", receiver="person")
    services.print_batch_printed(actor=supervisor, batch=batch)
    card.refresh_from_db()
    bad = [
        ({"place": "moon", "receiver": "person"}, "place"),
        ({"place": "ptt", "receiver": "neighbour"}, "receiver"),
        ({"place": "ptt", "receiver": "proxy", "proxy_national_id": valid_tc()}, "proxy_name"),
        (
            {"place": "ptt", "receiver": "proxy", "proxy_name": "Ali Kaya", "proxy_national_id": "123"},
            "proxy_national_id",
        ),
        (
            {"place": "ptt", "receiver": "person", "delivered_on": dt.date.today() + dt.timedelta(days=1)},
            "delivered_on",
        ),
    ]
    for kwargs, field in bad:
        with pytest.raises(RefahError) as caught:
            services.card_deliver(actor=clerk, card=card, **kwargs)
        assert caught.value.field == field, kwargs
    with pytest.raises(NotFoundError):
        services.card_deliver(actor=tuzluca_clerk, card=card, place="counter", receiver="person")
    proxy = valid_tc()
    delivered = services.card_deliver(
        actor=clerk, card=card, place="ptt", receiver="proxy", proxy_name="Ali Kaya", proxy_national_id=proxy
    )
    assert (delivered.status, delivered.proxy_national_id, delivered.delivered_by) == (
        CardStatus.DELIVERED,
        proxy,
        clerk,
    )
    new = services.card_replace(actor=clerk, card=delivered, reason="lost", note="Otobüste kaybetti.")
    delivered.refresh_from_db()
    assert delivered.status == CardStatus.LOST and new.replaces == delivered
    assert new.status == CardStatus.REQUESTED and new.basis == CardBasis.AGE and new.number != delivered.number
    with pytest.raises(ConflictError):
        services.card_replace(actor=clerk, card=delivered, reason="lost")
    with pytest.raises(RefahError) as caught:
        services.card_replace(actor=clerk, card=new, reason="bored")
    assert caught.value.field == "reason"
    cancelled = services.card_cancel(actor=clerk, card=new, reason="Vefat etti.")
    assert cancelled.status == CardStatus.CANCELLED
    # with no live card left, the next run requests one again
    assert services.cards_issue(actor=supervisor).cards_requested == 1
