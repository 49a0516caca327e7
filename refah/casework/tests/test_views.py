"""The casework screens: the referrals list and a referral's actions, the "Refer" form from the household page
(errors on their fields, 400), the household page's section, my cases and the case page's steps, the caseload,
group programmes with the attendance grid."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from refah.casework.enums import CaseStatus, ProgrammeKind, ReferralStatus
from refah.casework.models import Enrolment, Referral, SocialCase
from refah.casework.services import programme_create

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_refer_form_errors_then_referral_page_and_actions(referrer, worker, household, counselling):
    client = _client(referrer)
    url = reverse("casework:refer", args=[household.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"kind": "housing", "reason": ""})
    assert bad.status_code == 400 and not Referral.objects.exists()
    done = client.post(url, {"kind": "family_counselling", "reason": "Aile içi iletişim."})
    referral = Referral.objects.get()
    assert done.status_code == 302 and done.url == reverse("casework:referral_detail", args=[referral.pk])
    shm = _client(worker)
    page = shm.get(done.url)
    assert page.status_code == 200 and "Aile içi iletişim." in page.content.decode()
    shm.post(done.url, {"action": "accept", "owner": ""})
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
    empty = shm.post(done.url, {"action": "done", "outcome": ""})
    assert empty.status_code == 400
    listed = shm.get(reverse("casework:referral_list"), {"scope": "mine"})
    assert household.reference_code in listed.content.decode()


def test_household_panel_shows_the_lines(referrer, household, referral):
    client = _client(referrer)
    panel = client.get(reverse("casework:household_panel", args=[household.pk]), headers={"HX-Request": "true"})
    text = panel.content.decode()
    assert panel.status_code == 200 and referral.service.name in text and 'id="refer-household"' in text
    page = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert reverse("casework:household_panel", args=[household.pk]) in page


def test_case_open_from_referral_and_steps_on_the_case_page(worker, household, referral, supervisor):
    client = _client(worker)
    url = reverse("casework:case_open", args=[household.pk]) + f"?referral={referral.pk}"
    assert client.get(url).status_code == 200
    person = household.memberships.current().first().person
    assert client.post(url, {"persons": [], "reason": "x", "referral": referral.pk}).status_code == 400
    opened = client.post(url, {"persons": [str(person.pk)], "reason": "İletişim.", "referral": referral.pk})
    case = SocialCase.objects.get()
    assert opened.status_code == 302
    page = reverse("casework:case_detail", args=[case.pk])
    needs = {f"assess-need_{a}": "none" for a in ("health", "disability", "elderly_care", "schooling", "violence")}
    needs |= {f"assess-need_{a}": "some" for a in ("addiction", "housing", "income", "psychosocial")}
    needs["assess-need_family_relations"] = "serious"
    body = {"action": "assess", "assess-risk_level": "medium", "assess-summary": "Özet.", **needs}
    assert client.post(page, body).status_code == 302
    assert SocialCase.objects.get().status == CaseStatus.ASSESSMENT
    today = timezone.localdate()
    session = {
        "action": "session_add",
        "session-kind": "home_visit",
        "session-date": today.isoformat(),
        "session-time": "09:00",
        "session-status": "held",
        "session-notes": "",
    }
    assert client.post(page, session).status_code == 400  # held without notes
    assert client.post(page, {**session, "session-notes": "Ziyaret."}).status_code == 302
    shown = client.get(page).content.decode()
    assert "Ziyaret." in shown and "Aile ilişkileri" in shown
    assert client.post(page, {"action": "close", "close-outcome": "no_need", "close-note": "Yok."}).status_code == 302
    assert SocialCase.objects.get().status == CaseStatus.CLOSED
    assert household.reference_code in client.get(reverse("casework:case_list")).content.decode()
    caseload = _client(supervisor).get(reverse("casework:caseload"))
    assert caseload.status_code == 200
    assert _client(worker).get(reverse("casework:caseload")).status_code == 403


def test_programme_grid_and_enrol(worker, household):
    today = timezone.localdate()
    programme = programme_create(
        actor=worker,
        kind=ProgrammeKind.FINANCIAL_LITERACY,
        title="Finansal okuryazarlık",
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=20),
        capacity=10,
        sessions=[(today, "Bütçe")],
    )
    client = _client(worker)
    person = household.memberships.current().first().person
    enrol_url = reverse("casework:enrol", args=[programme.pk])
    assert client.post(enrol_url, {"national_id": "12345678901"}).status_code == 400
    assert client.post(enrol_url, {"national_id": person.national_id}).status_code == 302
    enrolment = Enrolment.objects.get()
    session = programme.sessions.get()
    page = reverse("casework:programme_detail", args=[programme.pk])
    client.post(page, {"action": "attendance", "session": session.pk, f"mark-{session.pk}-{enrolment.pk}": "present"})
    shown = client.get(page).content.decode()
    assert person.full_name in shown and "1 / 1" in shown
    assert client.get(reverse("casework:programme_list")).status_code == 200
