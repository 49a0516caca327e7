"""Referral, offers and answers: who may be referred, and bad input refused with a clear error and nothing changed
(an answer after the deadline, a refusal reason outside the catalogue, a referral of someone who cannot work)."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.employment import errors, services
from refah.employment.enums import Answer, ReferralStatus, Validity
from refah.employment.models import Offer, Referral
from refah.employment.tests.conftest import offer, years_ago
from refah.registry import enums as E
from refah.registry.models import Person


def msg(message) -> str:
    """A message constant as a pattern for pytest.raises(match=…), in the active language."""
    return re.escape(str(message))


def unchanged(model, **filters):
    """(rows of the model, audit events): both must be the same after a refused call."""
    return model.objects.filter(**filters).count(), AuditEvent.objects.count()


def test_a_member_able_to_work_is_referred_and_waits_for_iskur(family, caseworker):
    household, murat, *_ = family
    referral = services.referral_create(actor=caseworker, person=murat)
    assert (referral.household, referral.referred_on) == (household, timezone.localdate())
    assert referral.status == ReferralStatus.WAITING and "İŞKUR" in referral.iskur_error  # no address configured


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"birth_date": years_ago(56, days=40)}, "yaş 56 > 55"),  # ages on the month's first day
        ({"birth_date": years_ago(17, days=40)}, "yaş 17 < 18"),
        ({"disability_percent": 40}, "engellilik oranı %40 ≥ %40"),
        ({"school_level": E.SchoolLevel.HIGHER}, "öğrenim görüyor: evet"),
    ],
)
def test_a_member_the_rules_find_unable_to_work_is_not_referred(family, caseworker, change, reason):
    household, murat, *_ = family
    Person.objects.filter(pk=murat.pk).update(**change)
    before = unchanged(Referral)
    with translation.override("tr"), pytest.raises(RefahError) as caught:
        services.referral_create(actor=caseworker, person=Person.objects.get(pk=murat.pk))
    assert caught.value.field == "person"
    message = str(caught.value.message)
    assert reason in message and message.startswith("Murat Aydın İŞKUR'a yönlendirilemez")
    assert unchanged(Referral) == before


def test_the_mother_of_a_baby_and_the_carer_of_a_dependent_member_are_not_referred(family, caseworker):
    household, murat, selin, ece, can = family
    Person.objects.filter(pk=can.pk).update(birth_date=timezone.localdate() - dt.timedelta(days=200))
    with translation.override("en"), pytest.raises(RefahError, match="mother of a baby under one: yes"):
        services.referral_create(actor=caseworker, person=selin)
    Person.objects.filter(pk=can.pk).update(birth_date=years_ago(3), dependency=E.Dependency.FULL)
    with translation.override("en"), pytest.raises(RefahError, match="carer of a care-dependent member: yes"):
        services.referral_create(actor=caseworker, person=Person.objects.get(pk=selin.pk))
    assert not Referral.objects.exists()


def test_one_open_referral_per_person(family, caseworker):
    household, murat, *_ = family
    services.referral_create(actor=caseworker, person=murat)
    with pytest.raises(ConflictError):
        services.referral_create(actor=caseworker, person=murat)
    assert Referral.objects.count() == 1


def test_another_districts_member_is_not_found_and_a_role_without_the_right_is_refused(
    family, other_caseworker, make_staff, office_merkez
):
    household, murat, *_ = family
    with pytest.raises(NotFoundError):
        services.referral_create(actor=other_caseworker, person=murat)
    with pytest.raises(PermissionDeniedError):
        services.referral_create(actor=make_staff(office_merkez, "inspector"), person=murat)
    assert not Referral.objects.exists()


@pytest.fixture
def referral(family, caseworker):
    return services.referral_create(actor=caseworker, person=family[1])


def test_an_answer_after_the_deadline_is_refused_and_nothing_changes(caseworker, referral):
    late = offer(caseworker, referral, days_ago=12, answer_in=10)  # due two days ago
    before = unchanged(Offer, answer=Answer.PENDING)
    with pytest.raises(RefahError) as caught:
        services.answer_record(actor=caseworker, offer=late, answer=Answer.REFUSED, reason="no_reason")
    assert caught.value.field == "answer"
    due = late.answer_by.strftime("%d.%m.%Y")
    assert str(caught.value.message) == str(errors.ERR_ANSWER_LATE % {"date": due})
    assert unchanged(Offer, answer=Answer.PENDING) == before


def test_the_last_day_is_still_in_time(caseworker, referral):
    due_today = offer(caseworker, referral, days_ago=10, answer_in=10)
    answered = services.answer_record(actor=caseworker, offer=due_today, answer=Answer.ACCEPTED)
    assert answered.answer == Answer.ACCEPTED and answered.validity == ""


def test_a_reason_outside_the_catalogue_is_refused_and_nothing_changes(caseworker, referral):
    made = offer(caseworker, referral)
    before = unchanged(Offer, answer=Answer.PENDING)
    with pytest.raises(RefahError) as caught:
        services.answer_record(actor=caseworker, offer=made, answer=Answer.REFUSED, reason="weather")
    assert caught.value.field == "reason" and "weather" in str(caught.value.message)
    with pytest.raises(RefahError, match=msg(errors.ERR_REASON_REQUIRED)):
        services.answer_record(actor=caseworker, offer=made, answer=Answer.REFUSED)
    with pytest.raises(RefahError, match=msg(errors.ERR_NOTE_REQUIRED)):
        services.answer_record(actor=caseworker, offer=made, answer=Answer.REFUSED, reason="other", note=" ")
    with pytest.raises(RefahError):
        services.answer_record(actor=caseworker, offer=made, answer="maybe")
    assert unchanged(Offer, answer=Answer.PENDING) == before


def test_an_offer_is_answered_once_and_a_refusal_judged_once_with_a_justification(caseworker, referral):
    made = offer(caseworker, referral)
    services.answer_record(actor=caseworker, offer=made, answer=Answer.REFUSED, reason="distance")
    with pytest.raises(ConflictError):
        services.answer_record(actor=caseworker, offer=made, answer=Answer.ACCEPTED)
    with pytest.raises(RefahError, match=msg(errors.ERR_JUSTIFICATION)):
        services.refusal_decide(actor=caseworker, offer=made, valid=True, justification="")
    judged = services.refusal_decide(actor=caseworker, offer=made, valid=True, justification="İşyeri 80 km uzakta.")
    assert judged.validity == Validity.VALID
    with pytest.raises(ConflictError):
        services.refusal_decide(actor=caseworker, offer=made, valid=False, justification="Yeniden.")
    accepted = offer(caseworker, referral)
    services.answer_record(actor=caseworker, offer=accepted, answer=Answer.ACCEPTED)
    with pytest.raises(ConflictError):
        services.refusal_decide(actor=caseworker, offer=accepted, valid=False, justification="Kabul edilmişti.")


def test_the_citizen_answers_their_own_offer_only(family, caseworker, referral):
    household, murat, selin, *_ = family
    made = offer(caseworker, referral)
    with pytest.raises(NotFoundError):
        services.answer_record(actor=None, person=selin, offer=made, answer=Answer.ACCEPTED, channel="portal")
    answered = services.answer_record(
        actor=None, person=murat, offer=made, answer=Answer.REFUSED, reason="care_duty", channel="portal"
    )
    assert (answered.answered_by_person, answered.answer_channel, answered.validity) == (murat, "portal", "pending")


def test_bad_offers_are_refused(caseworker, referral):
    today = timezone.localdate()
    with pytest.raises(RefahError, match=msg(errors.ERR_OFFER_DATES)):
        offer(caseworker, referral, offered_on=today, answer_by=today - dt.timedelta(days=1))
    with pytest.raises(RefahError, match=msg(errors.ERR_OFFER_FUTURE)):
        offer(caseworker, referral, offered_on=today + dt.timedelta(days=1))
    with pytest.raises(RefahError):
        offer(caseworker, referral, kind="internship")
    with pytest.raises(RefahError):
        offer(caseworker, referral, monthly_wage_kurus=-5)
    services.referral_close(actor=caseworker, referral=referral, reason="Başka ile taşındı.")
    with pytest.raises(ConflictError):
        offer(caseworker, Referral.objects.get(pk=referral.pk))
    assert not Offer.objects.exists()
