"""The whole JSON API probed by schemathesis with a caseworker's token, as an attacker or a careless client would:
valid and invalid inputs generated from the OpenAPI document for every operation. No answer may be a server
error, and every answer must be one the document declares, with the declared content type and body.

Bounded (REFAH_SCHEMATHESIS_EXAMPLES per operation and generation mode; 25 by default, about a minute in all)
and run on PostgreSQL, where text with a NUL or a page number past bigint used to end in a 500. The requests
go through the whole WSGI application, middleware included, in the test's database transaction.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from refah.accounts.services import api_token_create
from refah.cases.services import application_submit
from refah.cases.tests.conftest import adults
from refah.registry.tests.factories import household_with_members

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("REFAH_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [
    negative_data_rejection,
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_tests_connection():
    # As Django's test client does: a request must not close the test's connection (and its transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(caseworker) -> str:
    if connection.vendor != "postgresql":
        pytest.skip("probed on PostgreSQL, whose text and integer limits the probe is about")
    _, secret = api_token_create(actor=None, user=caseworker, name="schemathesis")
    return f"Bearer {secret}"


@pytest.fixture
def known_ids(caseworker, merkez) -> dict[str, str]:
    """Real objects in the caseworker's jurisdiction: valid cases name them, so the probe reaches past 404."""
    household = household_with_members(merkez)
    application = application_submit(
        actor=caseworker, household=household, programs=["family_support"], consents=adults(household)
    )
    person = adults(household)[0]
    membership = person.memberships.get(left_on__isnull=True)
    return {
        "household_id": str(household.pk),
        "person_id": str(person.pk),
        "application_id": str(application.pk),
        "membership_id": str(membership.pk),
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_answer_as_documented(case, bearer, known_ids):
    if case.meta.generation.mode == GenerationMode.POSITIVE and case.path_parameters:
        case.path_parameters = {name: known_ids.get(name, value) for name, value in case.path_parameters.items()}
    case.call_and_validate(headers={"Authorization": bearer}, checks=CHECKS)
