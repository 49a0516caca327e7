"""The committees API: the meeting path end to end, and another office's meeting is "not found"."""

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.committees import services

P = "family_support"


@pytest.fixture
def api(api_client_for, secretary):
    return api_client_for(secretary)


def test_meeting_path_through_the_api(api, api_client_for, board, members, secretary, make_case):
    make_case()
    created = api.post(
        "/api/v1/committees/meetings",
        {"committee_id": str(board.pk), "reference": "2026/7", "scheduled_at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    meeting_id = created.json()["id"]
    agenda = api.post(f"/api/v1/committees/meetings/{meeting_id}/agenda")
    assert agenda.status_code == 201
    (item,) = agenda.json()
    assert item["position"] == 1 and item["need_score"] == 60.0 and item["programs"][0]["eligible"] is True

    too_few = api.post(
        f"/api/v1/committees/meetings/{meeting_id}/open",
        {"present": [str(m.pk) for m in members[:2]]},
        content_type="application/json",
    )
    assert too_few.status_code == 409 and too_few.json()["errors"][0]["code"] == "no_quorum"
    opened = api.post(
        f"/api/v1/committees/meetings/{meeting_id}/open",
        {"present": [str(m.pk) for m in members]},
        content_type="application/json",
    )
    assert opened.json()["quorum"] == {"present": 5, "members": 5, "required": 3, "met": True}

    recused = api.post(
        f"/api/v1/committees/items/{item['id']}/recusals",
        {"member_id": str(members[3].pk), "reason": "Cousin"},
        content_type="application/json",
    )
    assert recused.status_code == 201
    blocked = api.post(
        f"/api/v1/committees/items/{item['id']}/votes",
        {"member_id": str(members[3].pk), "program": P, "choice": "approve"},
        content_type="application/json",
    )
    assert blocked.status_code == 403 and blocked.json()["errors"][0]["code"] == "recused"
    for member in members[:3]:
        own = api_client_for(member.user).post(
            f"/api/v1/committees/items/{item['id']}/votes",
            {"member_id": str(member.pk), "program": P, "choice": "approve"},
            content_type="application/json",
        )
        assert own.status_code == 201
    decided = api.post(f"/api/v1/committees/items/{item['id']}/decision", {}, content_type="application/json")
    assert decided.status_code == 201, decided.content
    assert decided.json()[0]["outcome"] == "approved"
    listed = api.get(f"/api/v1/committees/meetings/{meeting_id}/agenda").json()
    assert listed[0]["decisions"][0]["tally"]["approve"] == 3


def test_other_office_meeting_is_not_found(api_client_for, meeting, make_staff, office_tuzluca):
    outsider = api_client_for(make_staff(office_tuzluca, Role.COMMITTEE_MEMBER))
    assert outsider.get(f"/api/v1/committees/meetings/{meeting.pk}").status_code == 404
    assert outsider.post(f"/api/v1/committees/meetings/{meeting.pk}/agenda").status_code == 404
    assert outsider.get("/api/v1/committees/meetings").json() == []


def test_justification_required_is_a_422(api, open_meeting, members, secretary):
    item = open_meeting.items.get()
    for member in members:
        services.vote_cast(actor=member.user or secretary, item=item, member=member, program=P, choice="reject")
    answer = api.post(f"/api/v1/committees/items/{item.pk}/decision", {}, content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "justification"
