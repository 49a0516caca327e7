"""Custom programs: defined by an office without code, approved by a second manager, evaluated in its jurisdiction."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from refah.accounts.enums import Role
from refah.common.errors import PermissionDeniedError
from refah.eligibility import services, services_parameters
from refah.eligibility.models import CustomProgram, CustomProgramStatus, Determination
from refah.eligibility.tests.test_determinations import PERIOD, make_household

SPEC = {
    "label": {"tr": "Çocuklu aile gıda kartı", "en": "Family food card"},
    "reference": "Iğdır Belediye Meclisi kararı 2025/14",
    "unit": "TRY",
    "frequency": "monthly",
    "valid_from": "2025-01-01",
    "conditions": [{"block": "income_ratio", "max_ratio": "1/3"}, {"block": "children", "min": 1}],
    "amount": {"per": "household", "value": "750.00"},
}


@pytest.fixture
def managers(make_staff, office_merkez):
    return make_staff(office_merkez, Role.PROGRAM_MANAGER), make_staff(office_merkez, Role.PROGRAM_MANAGER)


def test_invalid_spec_is_refused(managers):
    with pytest.raises(ValidationError) as error:
        services_parameters.custom_program_propose(
            actor=managers[0], code="food_card", name="Food card", spec={**SPEC, "unit": "camels"}
        )
    assert "spec" in error.value.message_dict


def test_maker_cannot_approve_and_draft_is_not_evaluated(managers):
    maker, _ = managers
    program = services_parameters.custom_program_propose(actor=maker, code="food_card", name="Food card", spec=SPEC)
    with pytest.raises(PermissionDeniedError):
        services_parameters.custom_program_decide(actor=maker, program=program, approve=True)
    household = make_household(wage_kurus=300_000)
    stored = services.determinations_for_household(household=household, period=PERIOD)
    assert program.engine_code not in {d.program for d in stored}


def test_approved_program_is_evaluated_only_in_the_office_jurisdiction(managers, tuzluca):
    maker, checker = managers
    program = services_parameters.custom_program_propose(actor=maker, code="food_card", name="Food card", spec=SPEC)
    services_parameters.custom_program_decide(actor=checker, program=program, approve=True)
    assert CustomProgram.objects.get(pk=program.pk).status == CustomProgramStatus.APPROVED
    inside = make_household(wage_kurus=300_000)  # 3,000 / 4 = 750 per capita, two children
    outside = make_household(wage_kurus=300_000, district=tuzluca)
    services.determinations_run(period=PERIOD)
    card = Determination.objects.get(household=inside, program=program.engine_code, period=dt.date(2025, 7, 1))
    assert card.eligible and card.amount_kurus == 75_000
    assert not Determination.objects.filter(household=outside, program=program.engine_code).exists()
    # the per-household path agrees
    again = services.determinations_for_household(household=inside, period=PERIOD)
    assert next(d for d in again if d.program == program.engine_code).updated_at == card.updated_at


def test_manager_of_another_office_cannot_approve(managers, make_staff, office_tuzluca):
    program = services_parameters.custom_program_propose(actor=managers[0], code="food_card", name="Food", spec=SPEC)
    stranger = make_staff(office_tuzluca, Role.PROGRAM_MANAGER)
    with pytest.raises(PermissionDeniedError):
        services_parameters.custom_program_decide(actor=stranger, program=program, approve=True)


def test_custom_program_form_creates_a_draft(managers):
    client = Client()
    client.force_login(managers[0])
    import json

    response = client.post("/eligibility/custom/", {"code": "food_card", "name": "Food card", "spec": json.dumps(SPEC)})
    assert response.status_code == 302
    assert CustomProgram.objects.get(code="food_card").status == CustomProgramStatus.DRAFT
    assert "food_card" in client.get("/eligibility/custom/").content.decode()


def test_payment_is_defined_on_the_screen_and_shown_in_turkish_and_english(managers, settings):
    client = Client()
    client.force_login(managers[0])
    card = {**SPEC, "payment": {"method": "aid_card", "purse": "food"}}
    response = client.post("/eligibility/custom/", {"code": "food_card", "name": "Food card", "spec": json.dumps(card)})
    assert response.status_code == 302
    assert CustomProgram.objects.get(code="food_card").spec["payment"] == {"method": "aid_card", "purse": "food"}
    turkish = client.get("/eligibility/custom/").content.decode()
    assert "Ödeme şekli" in turkish and "Yardım kartı cüzdanı: Gıda · Hanenin kadın üyesi" in turkish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/eligibility/custom/").content.decode()
    assert "Paid as" in english and "Aid card purse: Food · The woman of the household" in english


def test_a_payment_that_cannot_be_paid_is_refused_in_the_users_language(managers):
    client = Client()
    client.force_login(managers[0])
    cash_points = {
        **SPEC,
        "unit": "points",
        "amount": {"per": "household", "value": 100},
        "payment": {"method": "cash"},
    }
    response = client.post(
        "/eligibility/custom/", {"code": "food_card", "name": "Food card", "spec": json.dumps(cash_points)}
    )
    assert response.status_code == 200
    assert "nakit ödenen program para öder: birimi &#x27;points&#x27; değil, TRY olmalıdır" in response.content.decode()
    assert not CustomProgram.objects.exists()
