"""Committee screens: the meeting screen, minutes download, deviation report; jurisdiction gives 404."""

import pytest
from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_meeting_screen_shows_quorum_agenda_and_score(open_meeting, secretary):
    page = _client(secretary).get(
        reverse("committees:meeting_detail", args=[open_meeting.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    item = open_meeting.items.get()
    body = page.content.decode()
    assert item.application.reference in body
    assert "60,0" in body  # Turkish screens: decimal comma
    assert 'name="choice"' in body  # the secretary records the muhtars' votes


def test_open_meeting_form_refuses_without_quorum(meeting, members, secretary, make_case):
    client = _client(secretary)
    url = reverse("committees:meeting_open", args=[meeting.pk])
    answer = client.post(url, {"present": [str(members[0].pk)]}, follow=True)
    assert answer.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_minutes_download(open_meeting, secretary):
    answer = _client(secretary).get(reverse("committees:minutes", args=[open_meeting.pk]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")


def test_other_office_meeting_is_404(meeting, make_staff, office_tuzluca):
    outsider = _client(make_staff(office_tuzluca, Role.COMMITTEE_MEMBER))
    assert outsider.get(reverse("committees:meeting_detail", args=[meeting.pk])).status_code == 404
    assert outsider.get(reverse("committees:minutes", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize(("role", "status"), [(Role.AUDITOR, 200), (Role.PROGRAM_MANAGER, 200), (Role.CASEWORKER, 403)])
def test_deviation_report_by_role(make_staff, office_province, role, status):
    answer = _client(make_staff(office_province, role)).get(reverse("committees:deviation"))
    assert answer.status_code == status
