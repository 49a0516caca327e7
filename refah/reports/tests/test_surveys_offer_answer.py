"""The survey after a decision: one invitation per decided round made by the timer (never twice, texted once with
its link), answered once on the public page (used, expired and unknown links refused; bad input keeps the choices
and names the field), and nothing that joins an answer to its invitation or to a person."""

import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.common.tests.timers import run_pending
from refah.common.timers import TIMERS, timers_start
from refah.notifications import backends
from refah.notifications.models import Notification
from refah.reports.models import SurveyInvitation, SurveyResponse
from refah.reports.surveys import errors, offering, services
from refah.reports.tests import survey_world as w

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://[^ ]+/survey/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    settings.REFAH_NOTIFICATION_DELIVERY = "inline"
    backends.outbox.clear()
    yield
    backends.outbox.clear()


@pytest.fixture
def committee(make_staff, office_merkez):
    return make_staff(office_merkez, Role.COMMITTEE_MEMBER)


def offer(capture):
    with capture(execute=True):
        return offering.surveys_offer()


def tokens() -> list[str]:
    return [LINK.search(n.text_tr).group(1) for n in backends.outbox]


def test_one_invitation_per_decided_round_texted_once_with_its_link(
    merkez, office_merkez, committee, django_capture_on_commit_callbacks
):
    granted = w.decide(w.household(merkez), office=office_merkez, user=committee)
    refused = w.decide(
        w.household(merkez, "05329876543"), office=office_merkez, user=committee, outcomes=("rejected", "deferred")
    )
    mixed = w.decide(w.household(merkez, ""), office=office_merkez, user=committee, outcomes=("approved", "rejected"))
    w.decide(w.household(merkez), office=office_merkez, user=committee, outcomes=("deferred",))  # not decided yet
    old = timezone.now() - dt.timedelta(days=40)
    w.decide(w.household(merkez), office=office_merkez, user=committee, decided_at=old)  # before the survey window

    assert offer(django_capture_on_commit_callbacks) == 3
    made = {i.application_id: i for i in SurveyInvitation.objects.all()}
    assert set(made) == {granted.pk, refused.pk, mixed.pk}
    assert (made[granted.pk].outcome, made[refused.pk].outcome, made[mixed.pk].outcome) == (
        "approved",
        "refused",
        "mixed",
    )
    assert made[granted.pk].district_id == merkez.pk and made[granted.pk].decision_round == 1
    assert made[granted.pk].expires_on == timezone.localdate() + dt.timedelta(days=30)
    # texted: the two households with a phone (the third answers in the portal), the link's token stored as a hash
    assert sorted(n.phone for n in backends.outbox) == ["05321234567", "05329876543"]
    assert {offering.token_hash(t) for t in tokens()} == {made[granted.pk].token_hash, made[refused.pk].token_hash}
    assert all(granted.reference in n.text_tr or refused.reference in n.text_tr for n in backends.outbox)
    # the stored message keeps no usable link
    assert not any(LINK.search(n.text_tr or "") for n in Notification.objects.filter(template="survey_invitation"))
    assert AuditEvent.objects.filter(action="survey_offer").count() == 3

    # again: nothing new, nobody texted twice
    assert offer(django_capture_on_commit_callbacks) == 0
    assert SurveyInvitation.objects.count() == 3 and len(backends.outbox) == 2

    # a new round of the same application (after an objection) is a new decision: a new invitation
    w.decide(granted.household, office=office_merkez, user=committee, outcomes=("rejected",), application=granted)
    assert offer(django_capture_on_commit_callbacks) == 1
    assert SurveyInvitation.objects.filter(application=granted).count() == 2 and len(backends.outbox) == 3


def test_the_timer_offers_the_surveys(merkez, office_merkez, committee, django_capture_on_commit_callbacks):
    w.decide(w.household(merkez), office=office_merkez, user=committee)
    timers_start()
    with django_capture_on_commit_callbacks(execute=True):
        row = run_pending(TIMERS["reports_offer_surveys"])
    assert (row.status, row.return_value) == ("SUCCESSFUL", 1)
    assert len(backends.outbox) == 1


@pytest.fixture
def invited(merkez, office_merkez, committee, django_capture_on_commit_callbacks):
    """A granted decision offered the survey: (invitation, token)."""
    w.decide(w.household(merkez), office=office_merkez, user=committee)
    offer(django_capture_on_commit_callbacks)
    (token,) = tokens()
    return SurveyInvitation.objects.get(), token


def test_the_public_page_takes_one_answer_per_decision(invited):
    invitation, token = invited
    client = Client()
    page = client.get(f"/survey/{token}/")
    text = page.content.decode()
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert text.count("<fieldset") == 2 and text.count('type="radio"') == 10 and "<legend>" in text
    assert "Çok memnunum" in text and "Hiç adil değil" in text  # Turkish by default, words at every point

    answer = client.post(f"/survey/{token}/", {"satisfaction": "4", "fairness": "2"})
    assert answer.status_code == 302 and answer["Location"] == "/survey/thanks/"
    assert client.get("/survey/thanks/").status_code == 200
    (response,) = SurveyResponse.objects.all()
    assert (response.satisfaction, response.fairness, response.channel, response.outcome) == (4, 2, "sms", "approved")
    assert (response.district_id, response.year, response.month) == (
        invitation.district_id,
        invitation.year,
        invitation.month,
    )
    invitation.refresh_from_db()
    assert invitation.answered

    again = client.post(f"/survey/{token}/", {"satisfaction": "5", "fairness": "5"})
    assert again.status_code == 409 and "bu anket zaten yanıtlandı" in again.content.decode().lower()
    assert client.get(f"/survey/{token}/").status_code == 409
    assert SurveyResponse.objects.count() == 1
    with pytest.raises(ConflictError):
        services.survey_answer(token=token, satisfaction=1, fairness=1)


def test_expired_and_unknown_links_are_refused(invited):
    invitation, token = invited
    client = Client()
    SurveyInvitation.objects.filter(pk=invitation.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    expired = client.post(f"/survey/{token}/", {"satisfaction": "4", "fairness": "4"})
    assert expired.status_code == 409 and "süresi doldu" in expired.content.decode()
    unknown = client.get("/survey/not-a-real-token-at-all/")
    wrong = client.post(f"/survey/{token[:-1]}x/", {"satisfaction": "4", "fairness": "4"})
    assert unknown.status_code == wrong.status_code == 404
    for page in (unknown, wrong):  # the same page: nothing tells a near miss from nonsense
        text = page.content.decode()
        assert "Anket bulunamadı" in text and "Bu anket bağlantısı geçerli değil" in text
        assert "not valid" not in text  # in Turkish
    assert SurveyResponse.objects.count() == 0
    with pytest.raises(NotFoundError):
        services.survey_answer(token="", satisfaction=1, fairness=1)


def test_bad_input_keeps_the_choices_and_names_the_field(invited):
    _invitation, token = invited
    client = Client(headers={"Cookie": "django_language=en"})
    client.cookies["django_language"] = "en"
    page = client.post(f"/survey/{token}/", {"satisfaction": "4", "fairness": "9"})
    text = page.content.decode()
    assert page.status_code == 400
    assert str(errors.ERR_SCORE_REQUIRED["fairness"]) in text
    assert str(errors.ERR_SCORE_REQUIRED["satisfaction"]) not in text
    assert re.search(r'name="satisfaction" value="4" id="[^"]+" checked', text)
    assert SurveyResponse.objects.count() == 0 and not SurveyInvitation.objects.get().answered
    with pytest.raises(RefahError) as refused:
        services.survey_answer(token=token, satisfaction=3, fairness=None)
    assert refused.value.field == "fairness"


def test_nothing_joins_an_answer_to_its_invitation_or_a_person(invited):
    invitation, token = invited
    offered_updated = invitation.updated_at
    services.survey_answer(token=token, satisfaction=5, fairness=1)
    response = SurveyResponse.objects.get()
    # the answer's columns: the cell (area, decision's month and kind), the channel and the scores — no link back
    assert {f.attname for f in SurveyResponse._meta.concrete_fields} == {
        "id",
        "district_id",
        "year",
        "month",
        "outcome",
        "channel",
        "satisfaction",
        "fairness",
    }
    assert uuid.UUID(str(response.pk)).version == 4  # random, not time-ordered
    invitation.refresh_from_db()
    assert invitation.answered and invitation.updated_at == offered_updated  # no answer time kept
    # the audit row says the link was used, never the answer (scores, channel) nor its key
    (used,) = AuditEvent.objects.filter(action="survey_answer")
    assert used.object_id == str(invitation.pk) and used.household_id is None
    recorded = f"{used.before} {used.after} {used.note}"
    assert str(response.pk) not in recorded and "sms" not in recorded and "satisf" not in recorded
    assert not AuditEvent.objects.filter(object_id=str(response.pk)).exists()
    assert not AuditEvent.objects.filter(object_type="reports.surveyresponse").exists()
    # the sent link is not kept: the stored SMS is masked
    stored = Notification.objects.get(template="survey_invitation")
    assert token not in stored.text_tr and token not in stored.text_en
