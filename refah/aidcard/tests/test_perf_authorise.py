"""What one terminal authorisation costs in queries.

On PostgreSQL, outside any transaction (as under the web server): the terminal with its merchant (1), the card
with its purse (1), and one statement that moves the money and writes the hold and its ledger line (1).
Elsewhere the same movement runs as three statements between BEGIN and COMMIT.
"""

import pytest
from django.db import connection
from django.test import Client

from refah.aidcard import services
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import purse_of

POSTGRES = connection.vendor == "postgresql"
AUTHORISE_QUERIES = 3 if POSTGRES else 7
URL = "/api/v1/aidcard/terminal/authorisations"


@pytest.mark.django_db(transaction=True)
def test_one_authorisation_query_budget(finance, shop, household, card_number, django_assert_max_num_queries):
    load(household, "food", 10_000, "ref-food")
    _, key = services.terminal_create(actor=finance, merchant=shop, name="Kasa 1")
    client = Client(headers={"X-Terminal-Key": key})
    body = {"card_number": card_number, "purse": "food", "amount": 100, "idempotency_key": "warm"}
    assert client.post(URL, body, content_type="application/json").status_code == 201  # warm: imports
    with django_assert_max_num_queries(AUTHORISE_QUERIES):
        response = client.post(URL, {**body, "idempotency_key": "k1"}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["available_after"] == 10_000 - 200
    purse = purse_of(household, "food")
    assert (purse.available, purse.held) == (9_800, 200)
