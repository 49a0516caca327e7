"""Fixtures: a board of trustees in Iğdır Merkez with five members; cases awaiting it, made by the cases services."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.cases import services as case_services
from refah.cases.models import CaseSnapshot
from refah.committees import services
from refah.committees.enums import CommitteeKind, MemberRole
from refah.notifications import backends
from refah.registry.tests.factories import PersonFactory, household_with_members

SINCE = dt.date(2024, 1, 1)


@pytest.fixture(autouse=True)
def _quiet_side_effects(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()


@pytest.fixture
def admin_user(make_staff, office_merkez):
    return make_staff(office_merkez, Role.ADMIN)


@pytest.fixture
def secretary(make_staff, office_merkez):
    """The board's secretary: a committee-member account that runs the meeting and records hands."""
    return make_staff(office_merkez, Role.COMMITTEE_MEMBER)


@pytest.fixture
def board(admin_user, office_merkez, make_staff):
    """SYDV board: the governor (chair), two officials with accounts, two muhtars without (absolute majority)."""
    committee = services.committee_create(
        actor=admin_user, office=office_merkez, name="Merkez Mütevelli Heyeti", kind=CommitteeKind.SYDV_BOARD
    )
    chair_user = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    official_user = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    seats = [
        dict(full_name="Kaymakam Aydın Toprak", role=MemberRole.CHAIR, user=chair_user, title="District governor"),
        dict(full_name="Müdür Selin Arslan", user=official_user, title="Director of national education"),
        dict(full_name="Müdür Oğuz Erdem", user=make_staff(office_merkez, Role.COMMITTEE_MEMBER)),
        dict(full_name="Muhtar Hasan Güneş", person=PersonFactory(first_name="Hasan", last_name="Güneş")),
        dict(full_name="Muhtar Zehra Aksoy", person=PersonFactory(first_name="Zehra", last_name="Aksoy")),
    ]
    for seat in seats:
        services.member_add(actor=admin_user, committee=committee, since=SINCE, **seat)
    return committee


@pytest.fixture
def members(board):
    """Sitting members, chair first: [chair, official, official, muhtar Güneş, muhtar Aksoy]."""
    return list(board.members.order_by("role", "created_at"))


@pytest.fixture
def make_case(caseworker, make_staff, office_merkez, merkez):
    """make_case(household=None, eligible=True, need_score=60.0) -> an Application awaiting the committee.

    Goes through the cases services; then the frozen determination is set to the wanted objective result.
    """
    inspector = make_staff(office_merkez, Role.INSPECTOR)

    def make(household=None, *, eligible: bool = True, need_score: float = 60.0, program: str = "family_support"):
        household = household or household_with_members(merkez)
        adults = [
            m.person
            for m in household.memberships.filter(left_on__isnull=True)
            if m.person.age_on(timezone.localdate()) >= 18
        ]
        application = case_services.application_submit(
            actor=caseworker, household=household, programs=[program], consents=adults
        )
        visit = case_services.visit_assign(actor=caseworker, application=application)
        case_services.visit_record(actor=inspector, visit=visit, living_conditions="poor", observations="Cold flat.")
        case_services.case_send_to_committee(actor=caseworker, application=application)
        frozen = CaseSnapshot.objects.filter(application=application).latest()
        frozen.need_score = need_score
        frozen.determinations = [{"program": program, "eligible": eligible, "amount_kurus": 125_000, "reasons": []}]
        frozen.save(update_fields=["need_score", "determinations"])
        application.refresh_from_db()
        return application

    return make


@pytest.fixture
def meeting(board, secretary):
    return services.meeting_create(
        actor=secretary, committee=board, reference="2026/1", scheduled_at=timezone.now(), location="Kaymakamlık"
    )


@pytest.fixture
def open_meeting(meeting, members, secretary, make_case):
    """A meeting with one case on the agenda and all five members present."""
    make_case()
    services.agenda_build(actor=secretary, meeting=meeting)
    services.meeting_open(actor=secretary, meeting=meeting, present=members)
    meeting.refresh_from_db()
    return meeting
