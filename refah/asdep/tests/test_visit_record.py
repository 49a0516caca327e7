"""visit_record: a risk found makes its referral (each area to its kind, the visit as the source reference);
violence goes only to the sealed hand-over and appears nowhere in ASDEP's records or the audit trail; checklist
validation refuses with every field at once and stores nothing; nobody home plans the second try; idempotent."""

import json

import pytest
from django.core.exceptions import ValidationError

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.asdep import errors
from refah.asdep.checklist import AREAS
from refah.asdep.enums import RoundStatus
from refah.asdep.models import Risk, Visit
from refah.asdep.services import visit_record
from refah.asdep.tests.conftest import all_no, elderly_alone, family, plan
from refah.audit.models import AuditEvent
from refah.casework import sealing
from refah.casework.enums import ReferralSource, ServiceKind
from refah.casework.models import Referral
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.shelters.models import ProtectionCase
from refah.shelters.services import unit_create
from refah.shelters.services.intake import sealed_intake_handover

pytestmark = pytest.mark.django_db

# Each area's first question answered yes refers to these kinds (schooling's child labour to two).
EXPECTED = {
    "health": {ServiceKind.HEALTH},
    "disability": {ServiceKind.DISABILITY_CARE},
    "elderly_care": {ServiceKind.ELDERLY_CARE},
    "schooling": {ServiceKind.EDUCATION},
    "addiction": {ServiceKind.ADDICTION_SUPPORT},
    "housing": {ServiceKind.HOUSING},
    "income": {ServiceKind.SOCIAL_AID},
    "psychosocial": {ServiceKind.PSYCHOSOCIAL_SUPPORT},
}


@pytest.fixture
def visit(office_merkez, planner, workers, baglar):
    household = family(baglar)
    return plan(planner, office_merkez, [baglar], [workers]).visits.get(household=household)


def test_each_area_refers_to_its_kind_with_the_visit_as_source(visit, workers, catalogue, sealed_taken):
    for area in AREAS:
        if area.sealed:
            continue
        answers = all_no(**{area.questions[0].code: "yes"})
        Visit.objects.filter(pk=visit.pk).update(outcome="", answers={})
        Risk.objects.filter(visit=visit).delete()
        visit_record(
            actor=workers[0], visit=visit, outcome="visited", answers=answers, risks={area.code: {"severity": "medium"}}
        )
        risk = Risk.objects.get(visit=visit)
        referrals = list(risk.referrals.all())
        assert {r.service.kind for r in referrals} == EXPECTED[area.code], area.code
        assert all(r.source == ReferralSource.ASDEP_VISIT and r.source_ref == str(visit.pk) for r in referrals)
    assert not sealed_taken


def test_child_labour_refers_to_child_protection_and_school(visit, workers, catalogue):
    member = visit.household.memberships.get(role="child").person
    visit_record(
        actor=workers[1],
        visit=visit,
        outcome="visited",
        answers=all_no(school_child_labour="yes"),
        risks={"schooling": {"severity": "high", "person": member.pk, "note": "Sanayide çalışıyor."}},
    )
    risk = Risk.objects.get(visit=visit)
    assert {r.service.kind for r in risk.referrals.all()} == {ServiceKind.CHILD_PROTECTION, ServiceKind.EDUCATION}
    assert all(r.person == member for r in risk.referrals.all())
    assert "Sanayide çalışıyor." in risk.referrals.first().reason
    assert visit.round.__class__.objects.get(pk=visit.round_id).status == RoundStatus.IN_PROGRESS


def test_violence_goes_only_to_the_sealed_hand_over(visit, workers, catalogue, sealed_taken):
    secret = "Eşi tarafından darp ediliyor, gizli tutulsun."
    visit_record(
        actor=workers[0],
        visit=visit,
        outcome="visited",
        answers=all_no(violence_told="yes", housing_unsafe="yes"),
        risks={"violence": {"severity": "high", "note": secret}, "housing": {"severity": "low"}},
    )
    assert len(sealed_taken) == 1 and sealed_taken[0]["service_kind"] == ServiceKind.WOMEN_PROTECTION
    assert secret in sealed_taken[0]["reason"] and sealed_taken[0]["source_ref"] == str(visit.pk)
    visit.refresh_from_db()
    assert list(Risk.objects.filter(visit=visit).values_list("area", flat=True)) == ["housing"]
    assert not any(code.startswith("violence") for code in visit.answers)
    assert not Referral.objects.filter(service__kind=ServiceKind.WOMEN_PROTECTION).exists()
    trail = json.dumps([[e.before, e.after, e.note] for e in AuditEvent.objects.all()], ensure_ascii=False)
    assert "violence" not in trail and secret not in trail and "darp" not in trail
    stored = json.dumps(list(Visit.objects.values()) + list(Risk.objects.values()), default=str, ensure_ascii=False)
    assert "violence" not in stored and "darp" not in stored


def test_violence_without_a_sealed_intake_is_a_clear_error_and_nothing_stored(visit, workers, catalogue, monkeypatch):
    monkeypatch.setattr(sealing, "_handler", None)
    with pytest.raises(RefahError) as caught:
        visit_record(
            actor=workers[0],
            visit=visit,
            outcome="visited",
            answers=all_no(violence_signs="yes", health_untreated="yes"),
            risks={"violence": {"severity": "high"}, "health": {"severity": "low"}},
        )
    assert caught.value.field == "risks.violence"
    visit.refresh_from_db()
    assert not visit.outcome and not Risk.objects.exists() and not Referral.objects.exists()


def test_checklist_refused_field_by_field_in_turkish_nothing_stored(visit, workers, catalogue, settings):
    answers = all_no(elderly_alone="yes")
    del answers["health_untreated"]
    with pytest.raises(ValidationError) as caught:
        visit_record(actor=workers[0], visit=visit, outcome="visited", answers=answers, risks={})
    fields = caught.value.message_dict
    assert set(fields) == {"answers.health_untreated", "risks.elderly_care.severity"}
    from django.utils import translation

    with translation.override("tr"):
        assert str(errors.ERR_SEVERITY) == "Bulunan bir riskin önem derecesini seçin."
    visit.refresh_from_db()
    assert not visit.outcome and not Risk.objects.exists() and not Referral.objects.exists()
    with pytest.raises(ValidationError) as caught:
        visit_record(actor=workers[0], visit=visit, outcome="refused")
    assert set(caught.value.message_dict) == {"note"}


def test_a_stranger_to_the_household_is_refused(visit, workers, catalogue, baglar):
    stranger = family(baglar, "Başka").memberships.first().person
    with pytest.raises(ValidationError) as caught:
        visit_record(
            actor=workers[0],
            visit=visit,
            outcome="visited",
            answers=all_no(elderly_alone="yes"),
            risks={"elderly_care": {"severity": "high", "person": stranger.pk}},
        )
    assert set(caught.value.message_dict) == {"risks.elderly_care.person"}


def test_nobody_home_plans_the_second_try_once(visit, workers):
    first = visit_record(actor=workers[0], visit=visit, outcome="nobody_home")
    second = first.second_try
    assert second.attempt == 2 and second.team == first.team and second.planned_on > first.visited_on
    visit_record(actor=workers[0], visit=second, outcome="nobody_home")
    assert Visit.objects.filter(household=visit.household).count() == 2


def test_only_the_team_records_once_and_the_key_replays(visit, workers, make_staff, office_merkez, catalogue):
    colleague = make_staff(office_merkez, Role.ASDEP_WORKER)
    with pytest.raises(PermissionDeniedError):
        visit_record(actor=colleague, visit=visit, outcome="nobody_home")
    body = {"outcome": "visited", "answers": all_no(income_debt="yes"), "risks": {"income": {"severity": "medium"}}}
    once = visit_record(actor=workers[0], visit=visit, idempotency_key="k-1", **body)
    again = visit_record(actor=workers[0], visit=visit, idempotency_key="k-1", **body)
    assert again.pk == once.pk and getattr(again, "replayed", False)
    assert Referral.objects.count() == 1
    with pytest.raises(ConflictError):
        visit_record(actor=workers[0], visit=visit, idempotency_key="k-1", **(body | {"answers": all_no()}))
    with pytest.raises(ConflictError):
        visit_record(actor=workers[1], visit=visit, **body)


def test_elderly_alone_found_refers_to_elderly_care(office_merkez, planner, workers, baglar, catalogue):
    household = elderly_alone(baglar)
    visit = plan(planner, office_merkez, [baglar], [workers]).visits.get(household=household)
    person = household.memberships.get().person
    visit_record(
        actor=workers[0],
        visit=visit,
        outcome="visited",
        answers=all_no(elderly_alone="yes", elderly_daily_help="yes", elderly_no_carer="yes"),
        risks={"elderly_care": {"severity": "high", "person": person.pk}},
    )
    referral = Referral.objects.get()
    assert referral.service.kind == ServiceKind.ELDERLY_CARE and referral.person == person
    assert referral.source_ref == str(visit.pk)


def test_violence_reaches_the_real_sonim_and_nothing_of_it_stays_in_asdep(
    visit, workers, catalogue, make_staff, igdir, monkeypatch
):
    """With the shelters app's own hand-over (not a fake): the visit opens a protection case at the province's
    ŞÖNİM, whose source names the visit; ASDEP keeps nothing of it."""
    monkeypatch.setattr(sealing, "_handler", sealed_intake_handover)
    directorate = office_create(actor=None, name="Iğdır İl Müdürlüğü", kind=OfficeKind.DIRECTORATE, province=igdir)
    admin = make_staff(directorate, *[r.value for r in Role])
    unit_create(actor=admin, kind="sonim", name="Iğdır ŞÖNİM", province=igdir)
    visit_record(
        actor=workers[0],
        visit=visit,
        outcome="visited",
        answers=all_no(violence_signs="yes"),
        risks={"violence": {"severity": "high", "note": "Korku içinde, gizli görüşme istedi."}},
    )
    case = ProtectionCase.objects.get()
    assert case.household == visit.household and str(visit.pk) in case.source_ref
    assert not Risk.objects.exists() and not Referral.objects.exists()
    visit.refresh_from_db()
    assert not any(code.startswith("violence") for code in visit.answers)
