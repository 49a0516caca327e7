"""The meeting screen in words: program names and amounts in TL (not codes and kuruş); the admin link."""

from django.test import Client
from django.urls import reverse


def _client(user, lang: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


def test_meeting_screen_shows_program_names_and_money(open_meeting, secretary):
    url = reverse("committees:meeting_detail", args=[open_meeting.pk])
    turkish = _client(secretary, "tr").get(url).content.decode()
    assert "Aile Destek Programı" in turkish and "1.250,00 TL" in turkish  # 125,000 kuruş frozen
    assert "kuruş" not in turkish and ">family_support<" not in turkish
    english = _client(secretary, "en").get(url).content.decode()
    assert "Family Support Programme" in english and "1,250.00 TL" in english


def test_meeting_list_links_committee_admin_only_for_who_may_add_committees(admin_user, secretary):
    admin_url = reverse("committees:committee_admin_list")
    assert admin_user.has_perm("committees.add_committee") and not secretary.has_perm("committees.add_committee")
    assert admin_url in _client(admin_user, "tr").get(reverse("committees:meeting_list")).content.decode()
    assert admin_url not in _client(secretary, "tr").get(reverse("committees:meeting_list")).content.decode()
