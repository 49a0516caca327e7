"""Committee administration screens: list, create with rules, seat staff or external members, end a seat."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.committees.enums import CommitteeKind, MajorityBase
from refah.committees.models import Committee, CommitteeMember


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_shows_committees_of_the_jurisdiction_with_rules(board, admin_user):
    page = _client(admin_user).get(reverse("committees:committee_admin_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    body = page.content.decode()
    assert board.name in body
    assert 'name="quorum_num"' in body  # the admin may create one


def test_another_district_admin_does_not_see_the_board(board, make_staff, office_tuzluca):
    admin = make_staff(office_tuzluca, Role.ADMIN)
    page = _client(admin).get(reverse("committees:committee_admin_list"))
    assert board.name not in page.content.decode()
    detail = _client(admin).get(reverse("committees:committee_admin_detail", args=[board.pk]))
    assert detail.status_code == 404


def test_committee_member_without_the_permission_gets_403(board, secretary):
    assert _client(secretary).get(reverse("committees:committee_admin_list")).status_code == 403
    answer = _client(secretary).post(reverse("committees:committee_admin_create"), {"office": "", "name": "X"})
    assert answer.status_code == 403


def test_create_with_two_thirds_quorum(admin_user, office_merkez):
    answer = _client(admin_user).post(
        reverse("committees:committee_admin_create"),
        {
            "office": str(office_merkez.pk),
            "name": "Belediye Sosyal Yardım Komisyonu",
            "kind": CommitteeKind.MUNICIPAL_COMMISSION,
            "quorum_num": "2",
            "quorum_den": "3",
            "majority_base": MajorityBase.PRESENT,
            "majority_num": "1",
            "majority_den": "2",
            "majority_strict": "on",
            "need_score_cutoff": "45",
        },
    )
    committee = Committee.objects.get(name="Belediye Sosyal Yardım Komisyonu")
    assert answer.status_code == 302 and str(committee.pk) in answer["Location"]
    assert (committee.quorum_num, committee.quorum_den, committee.quorum_strict) == (2, 3, False)
    assert committee.majority_base == MajorityBase.PRESENT and committee.need_score_cutoff == 45
    assert AuditEvent.objects.filter(action="committee_create").exists()


def test_create_refuses_a_fraction_above_one(admin_user, office_merkez):
    client = _client(admin_user)
    data = {"office": str(office_merkez.pk), "name": "Bad", "kind": CommitteeKind.SYDV_BOARD}
    answer = client.post(reverse("committees:committee_admin_create"), {**data, "quorum_num": "3", "quorum_den": "2"})
    assert answer.status_code == 302
    assert not Committee.objects.filter(name="Bad").exists()


def test_seat_an_external_muhtar_and_a_staff_user(board, admin_user, make_staff, office_merkez):
    client = _client(admin_user)
    url = reverse("committees:committee_member_add", args=[board.pk])
    client.post(url, {"full_name": "Muhtar Ayten Kara", "title": "Muhtar", "role": "member", "since": "2026-01-01"})
    staff = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    client.post(url, {"user": str(staff.pk), "role": "member"})
    muhtar = CommitteeMember.objects.get(committee=board, full_name="Muhtar Ayten Kara")
    assert muhtar.is_external and muhtar.since == dt.date(2026, 1, 1)
    assert CommitteeMember.objects.filter(committee=board, user=staff).exists()
    page = client.get(reverse("committees:committee_admin_detail", args=[board.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Muhtar Ayten Kara" in page.content.decode()


def test_a_second_sitting_chair_is_refused(board, admin_user):
    client = _client(admin_user)
    url = reverse("committees:committee_member_add", args=[board.pk])
    answer = client.post(url, {"full_name": "Another Chair", "role": "chair"}, follow=True)
    assert answer.status_code == 200
    assert not CommitteeMember.objects.filter(committee=board, full_name="Another Chair").exists()


def test_end_a_membership(board, members, admin_user):
    muhtar = members[-1]
    client = _client(admin_user)
    url = reverse("committees:committee_member_end", args=[board.pk, muhtar.pk])
    assert client.post(url, {"until": "2025-12-31"}).status_code == 302
    muhtar.refresh_from_db()
    assert muhtar.until == dt.date(2025, 12, 31)
    assert AuditEvent.objects.filter(action="committee_member_end").exists()
    page = client.get(reverse("committees:committee_admin_detail", args=[board.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "31.12.2025" in page.content.decode()  # listed among former members, with the end date


def test_end_before_the_start_is_refused(board, members, admin_user):
    muhtar = members[-1]
    url = reverse("committees:committee_member_end", args=[board.pk, muhtar.pk])
    _client(admin_user).post(url, {"until": "2020-01-01"})
    muhtar.refresh_from_db()
    assert muhtar.until is None


def test_ending_needs_the_change_permission(board, members, secretary):
    url = reverse("committees:committee_member_end", args=[board.pk, members[-1].pk])
    assert _client(secretary).post(url, {"until": "2025-12-31"}).status_code == 403
