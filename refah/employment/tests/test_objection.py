"""An objection against a sanction takes the existing objection path (refah.cases): filed on the household's case
within the period counted from the sanction's decision, decided by a colleague who judged none of the refusals;
upheld, the sanction is cancelled and the rules pay the whole aid again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from refah.cases.enums import ObjectionStatus
from refah.cases.models import Objection
from refah.cases.services import subject_objection_decide
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.demo.clock import as_of
from refah.eligibility.models import Determination
from refah.eligibility.services import determinations_for_household
from refah.employment import services
from refah.employment.enums import SanctionStatus
from refah.employment.models import Sanction
from refah.employment.services._common import first_of_month
from refah.employment.tests.conftest import refuse
from refah.notifications.models import Notification
from refah.payments.tests.factories import decision


@pytest.fixture
def sanctioned(family, caseworker, office_merkez):
    household, murat, *_ = family
    decision(household, "family_support", office=office_merkez, user=caseworker)  # the case the objection goes through
    referral = services.referral_create(actor=caseworker, person=murat)
    for _ in range(3):
        refuse(caseworker, referral)
    return Sanction.objects.get()


def family_support(household, day) -> int:
    determinations_for_household(household=household, period=day)
    return Determination.objects.get(household=household, period=day, program="family_support").amount_kurus


def test_an_upheld_objection_cancels_the_sanction(family, sanctioned, caseworker, colleague):
    household, murat, *_ = family
    start = sanctioned.starts_on
    reduced = family_support(household, start)
    objection = services.sanction_object(
        actor=None, person=murat, sanction=sanctioned, reason="Üçüncü teklif için sağlık raporum vardı."
    )
    assert (objection.subject_kind, objection.subject_id) == ("work_sanction", sanctioned.pk)
    assert objection.application == sanctioned.application and objection.status == ObjectionStatus.FILED
    assert Notification.objects.filter(template="objection_received").exists()

    decided = subject_objection_decide(
        actor=colleague, objection=objection, upheld=True, outcome="Rapor geçerli; yaptırım kaldırıldı."
    )

    assert decided.status == ObjectionStatus.DECIDED and decided.upheld and decided.decided_by == colleague
    sanction = Sanction.objects.get()
    assert sanction.status == SanctionStatus.CANCELLED and sanction.cancelled_on == timezone.localdate()
    assert family_support(household, start) == reduced * 4 // 3  # the quarter withheld is paid again
    assert Notification.objects.filter(template="objection_decided").exists()


def test_a_rejected_objection_leaves_the_sanction(family, sanctioned, colleague):
    household, murat, *_ = family
    objection = services.sanction_object(actor=colleague, sanction=sanctioned, reason="Teklifleri duymadım.")
    subject_objection_decide(actor=colleague, objection=objection, upheld=False, outcome="Teklifler tebliğ edilmiş.")
    assert Sanction.objects.get().status == SanctionStatus.ACTIVE
    with pytest.raises(ConflictError):  # decided once
        subject_objection_decide(actor=colleague, objection=objection, upheld=True, outcome="Yeniden.")


def test_who_judged_the_refusals_does_not_decide_the_objection(sanctioned, caseworker):
    objection = services.sanction_object(actor=caseworker, sanction=sanctioned, reason="İtiraz ediyorum.")
    with pytest.raises(PermissionDeniedError):
        subject_objection_decide(actor=caseworker, objection=objection, upheld=True, outcome="Kabul.")
    assert Objection.objects.get().status == ObjectionStatus.FILED
    assert Sanction.objects.get().status == SanctionStatus.ACTIVE


def test_an_objection_after_the_period_and_a_second_one_while_open_are_refused(family, caseworker, office_merkez):
    household, murat, *_ = family
    decision(household, "family_support", office=office_merkez, user=caseworker)
    with as_of(45):  # judged 45 days ago: the 30-day objection period is over
        referral = services.referral_create(actor=caseworker, person=murat)
        for _ in range(3):
            refuse(caseworker, referral)
    sanction = Sanction.objects.get()
    with pytest.raises(ValidationError):
        services.sanction_object(actor=None, person=murat, sanction=sanction, reason="Geç itiraz.")
    Sanction.objects.filter(pk=sanction.pk).update(decided_on=timezone.localdate() - dt.timedelta(days=3))
    sanction.refresh_from_db()
    services.sanction_object(actor=None, person=murat, sanction=sanction, reason="İlk itiraz.")
    with pytest.raises(ConflictError):
        services.sanction_object(actor=None, person=murat, sanction=sanction, reason="İkinci itiraz.")
    assert Objection.objects.count() == 1


def test_without_a_case_there_is_nothing_to_object_through(family, caseworker):
    household, murat, *_ = family
    referral = services.referral_create(actor=caseworker, person=murat)
    for _ in range(3):
        refuse(caseworker, referral)
    with pytest.raises(RefahError):
        services.sanction_object(actor=None, person=murat, sanction=Sanction.objects.get(), reason="İtiraz.")
    assert first_of_month(timezone.localdate(), 1) == Sanction.objects.get().starts_on
