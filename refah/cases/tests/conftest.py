"""Fixtures for case tests: notifications kept in memory, private files under a temporary folder."""

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.cases import services
from refah.notifications import backends
from refah.registry.tests.factories import household_with_members


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()
    yield
    backends.outbox.clear()


@pytest.fixture
def outbox():
    return backends.outbox


@pytest.fixture
def household(merkez):
    hh = household_with_members(merkez)
    ref = hh.memberships.get(role="reference").person
    ref.phone = "05321234567"
    ref.save(update_fields=["phone"])
    return hh


@pytest.fixture
def inspector(make_staff, office_merkez):
    return make_staff(office_merkez, Role.INSPECTOR)


@pytest.fixture
def committee(make_staff, office_merkez):
    return make_staff(office_merkez, Role.COMMITTEE_MEMBER)


def adults(household):
    """Current adult members (they must consent)."""
    today = timezone.localdate()
    return [m.person for m in household.memberships.filter(left_on__isnull=True) if m.person.age_on(today) >= 18]


@pytest.fixture
def submit(caseworker):
    """submit(household, programs=[...], **kw) -> Application, every adult consenting."""

    def make(household, programs=("family_support",), actor=None, **kw):
        return services.application_submit(
            actor=actor or caseworker, household=household, programs=list(programs), consents=adults(household), **kw
        )

    return make


@pytest.fixture
def investigated(submit, household, caseworker, inspector):
    """An application whose visit is recorded, ready to go to the committee."""
    application = submit(household)
    visit = services.visit_assign(actor=caseworker, application=application)
    services.visit_record(actor=inspector, visit=visit, living_conditions="poor", observations="Cold flat, no carpet.")
    return application


@pytest.fixture
def awaiting(investigated, caseworker):
    services.case_send_to_committee(actor=caseworker, application=investigated)
    investigated.refresh_from_db()
    return investigated
