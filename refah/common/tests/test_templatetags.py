"""The display filters, tr and en: choice labels (common's refah_format), program names and amounts in a program's
unit (eligibility's program_format, together with them in a template)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from refah.accounts.enums import Role
from refah.aidcard.enums import PurseKind
from refah.common.templatetags.refah_format import status_label, status_labels
from refah.eligibility import services_parameters
from refah.eligibility.templatetags.program_format import amount, program_name
from refah.payments.enums import EntitlementStatus

SPEC = {
    "label": {"tr": "Yaşlı gıda kartı", "en": "Elderly food card"},
    "reference": "Iğdır Belediye Meclisi kararı 2025/14",
    "unit": "points",
    "frequency": "monthly",
    "valid_from": "2025-01-01",
    "conditions": [{"block": "age_range", "min": 65}],
    "amount": {"per": "beneficiary", "value": "750"},
}


def test_program_name_in_the_active_language():
    with translation.override("tr"):
        assert program_name("family_support") == "Aile Destek Programı"
    with translation.override("en"):
        assert program_name("family_support") == "Family Support Programme"
        assert program_name("heating_aid") == "Heating Aid (coal)"


@pytest.mark.django_db
def test_program_name_of_unknown_code_is_the_code():
    assert program_name("no_such_program") == "no_such_program"
    assert program_name("") == ""


@pytest.mark.django_db
def test_program_name_and_unit_of_a_custom_program(make_staff, office_merkez):
    maker = make_staff(office_merkez, Role.PROGRAM_MANAGER)
    record = services_parameters.custom_program_propose(actor=maker, code="elderly_food", name="Yaşlı kartı", spec=SPEC)
    assert program_name(record.engine_code) == "Yaşlı kartı"
    assert program_name("elderly_food") == "Yaşlı kartı"
    with translation.override("tr"):
        assert amount(1300, record.engine_code) == "1.300 puan"


@pytest.mark.parametrize(
    ("lang", "value", "unit", "expected"),
    [
        ("tr", 130000, "family_support", "1.300,00 TL"),  # 130,000 kuruş = 1,300.00 TL
        ("en", 130000, "family_support", "1,300.00 TL"),
        ("tr", 130000, "TRY", "1.300,00 TL"),
        ("tr", 1300, "social_market", "1.300 puan"),
        ("en", 1300, "social_market", "1,300 points"),
        ("tr", 800, "heating_aid", "800 kg"),
        ("en", 1600, "heating_aid", "1,600 kg"),
        ("tr", 1600, "kg", "1.600 kg"),
        ("en", 2, "free_creche", "2 places"),
        ("tr", None, "family_support", "—"),
    ],
)
def test_amount_in_the_program_unit(lang, value, unit, expected):
    with translation.override(lang):
        assert amount(value, unit) == expected


def test_status_label_from_text_choices_in_both_languages():
    with translation.override("en"):
        assert status_label("pending", EntitlementStatus) == "Not yet in a batch"
        assert status_label("paid", EntitlementStatus.choices) == "Paid"
        assert status_label("unknown", EntitlementStatus) == "unknown"
    with translation.override("tr"):
        assert status_label("pending", EntitlementStatus) != "pending"
        assert "PENDİNG" not in status_label("pending", EntitlementStatus).upper()


@pytest.mark.django_db
def test_status_label_through_the_model_field(make_staff, office_merkez):
    maker = make_staff(office_merkez, Role.PROGRAM_MANAGER)
    record = services_parameters.custom_program_propose(actor=maker, code="elderly_food", name="Yaşlı kartı", spec=SPEC)
    with translation.override("en"):
        assert status_label(record, "status") == "Draft, awaiting approval"


def test_filters_in_a_template():
    template = Template(
        "{% load refah_format program_format %}"
        "{{ code|program_name }}: {{ kurus|amount:code }} · {{ st|status_label:choices }}"
    )
    context = Context({"code": "family_support", "kurus": 840000, "st": "paid", "choices": EntitlementStatus})
    with translation.override("en"):
        assert template.render(context) == "Family Support Programme: 8,400.00 TL · Paid"


def test_status_labels_of_comma_separated_codes():
    with translation.override("en"):
        assert status_labels("food,general", PurseKind) == "Food, General"
        assert status_labels("", PurseKind) == "—"


def test_capfirst_tr_capitalises_the_turkish_i():
    from refah.common.templatetags.refah_format import capfirst_tr

    assert capfirst_tr("ihtiyaç sahibi") == "İhtiyaç sahibi"
    assert capfirst_tr("ışık") == "Işık"
    assert capfirst_tr("households") == "Households"
    assert capfirst_tr("") == "" and capfirst_tr(None) == ""
