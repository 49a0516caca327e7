"""Fixtures of the portal tests: two households in Iğdır Merkez, codes caught in memory, a signed-in client."""

import pytest
from django.test import Client
from django.utils import timezone

from refah.accounts.enums import Role
from refah.cases import services as case_services
from refah.notifications import backends
from refah.registry.tests.factories import household_with_members

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _side_effects(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()
    yield
    backends.outbox.clear()


def adults(household):
    today = timezone.localdate()
    return [m.person for m in household.memberships.filter(left_on__isnull=True) if m.person.age_on(today) >= 18]


def _household(district, phone):
    household = household_with_members(district)
    reference = household.memberships.get(role="reference").person
    reference.phone = phone
    reference.save(update_fields=["phone"])
    return household


@pytest.fixture
def household(merkez, office_merkez):
    return _household(merkez, "05321234567")


@pytest.fixture
def citizen(household):
    """The reference person of `household`, with a phone: can sign in."""
    return household.memberships.get(role="reference").person


@pytest.fixture
def other_household(merkez):
    return _household(merkez, "05329876543")


def last_code() -> str:
    """The code of the latest message in the in-memory outbox ("…: 123456. …")."""
    return backends.outbox[-1].text_en.split(": ")[1][:6]


def sign_in(client: Client, national_id: str) -> None:
    client.post("/portal/sign-in/", {"national_id": national_id})
    client.post("/portal/sign-in/code/", {"code": last_code()})


@pytest.fixture
def portal(citizen, django_capture_on_commit_callbacks) -> Client:
    """A client signed in to the portal as `citizen` (codes sent on commit, captured)."""
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/portal/sign-in/", {"national_id": citizen.national_id})
    response = client.post("/portal/sign-in/code/", {"code": last_code()})
    assert response.status_code == 302 and response.url == "/portal/"
    return client


@pytest.fixture
def staff_case(caseworker, make_staff, office_merkez):
    """staff_case(household, decide=True) -> an application submitted at the counter, visited, decided (approved)."""
    inspector = make_staff(office_merkez, Role.INSPECTOR)
    board = make_staff(office_merkez, Role.COMMITTEE_MEMBER)

    def make(household, *, decide=True, program="family_support"):
        a = case_services.application_submit(
            actor=caseworker, household=household, programs=[program], consents=adults(household)
        )
        if not decide:
            return a
        visit = case_services.visit_assign(actor=caseworker, application=a)
        case_services.visit_record(actor=inspector, visit=visit, living_conditions="poor", observations="Cold flat.")
        case_services.case_send_to_committee(actor=caseworker, application=a)
        case_services.case_record_decision(
            actor=board,
            application=a,
            decisions=[{"program": program, "outcome": "approved", "amount_kurus": 150_000, "reason_codes": ["N1"]}],
            meeting_ref="Merkez 2026/1",
            justification="Household in severe need after the visit.",
        )
        a.refresh_from_db()
        return a

    return make
