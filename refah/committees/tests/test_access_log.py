"""Downloading a meeting's minutes (they name every household on the agenda) is one access-log row."""

from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_minutes_download_is_one_row_listing_the_agenda(open_meeting, secretary):
    assert _client(secretary).get(reverse("committees:minutes", args=[open_meeting.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (secretary, "export", "export", "committee")
    assert (event.object_type, event.object_id) == ("committees.meeting", str(open_meeting.pk))
    assert event.subjects["households"] == [str(open_meeting.items.get().application.household_id)]


def test_refused_minutes_log_nothing(meeting, make_staff, office_tuzluca):
    outsider = _client(make_staff(office_tuzluca, Role.COMMITTEE_MEMBER))
    assert outsider.get(reverse("committees:minutes", args=[meeting.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_meeting_screen_is_one_row_listing_the_agenda(open_meeting, secretary):
    assert _client(secretary).get(reverse("committees:meeting_detail", args=[open_meeting.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (
        secretary,
        "household_list",
        "screen",
        "committee",
    )
    assert (event.object_type, event.object_id) == ("committees.meeting", str(open_meeting.pk))
    assert event.subjects["households"] == [str(open_meeting.items.get().application.household_id)]
    assert event.count == 1


def test_refused_meeting_screen_logs_nothing(open_meeting, make_staff, office_tuzluca):
    outsider = _client(make_staff(office_tuzluca, Role.COMMITTEE_MEMBER))
    assert outsider.get(reverse("committees:meeting_detail", args=[open_meeting.pk])).status_code == 404
    assert not AccessEvent.objects.exists()
