"""Program labels, units and legal sources as people read them: one catalogue, Turkish and English, and
internal notes (DOMAIN.md, "assumed", our readings) kept off the screens (issue 12, item 4)."""

import re

import pytest
from django.urls import reverse

from refah.accounts.enums import Role
from refah.eligibility import catalogue, services_parameters
from refah.eligibility.custom import program_from_spec
from refah.eligibility.engine import evaluate
from refah.eligibility.params import load_parameters
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.tests.helpers import synthetic_batch
from refah.eligibility.tests.test_custom import SPEC, household
from refah.eligibility.tests.test_custom_programs_db import SPEC as CUSTOM_SPEC
from refah.eligibility.tests.test_determinations import make_household

INTERNAL = re.compile(r"DOMAIN\.md|\.yaml|assumed|unverified|Refah('s)? reading|replace with", re.I)
# English words that must not appear in a Turkish text (legal names like "SYDV" or "TS 825" are fine).
ENGLISH = re.compile(r"\b(Law|the|of|and|for|places|points|cards|amount|programme|assumed)\b")


def test_every_program_has_a_public_source_in_both_languages():
    for code, module in PROGRAMS.items():
        assert module.SOURCE["tr"] and module.SOURCE["en"] and module.SOURCE["tr"] != module.SOURCE["en"], code
        for text in module.SOURCE.values():
            assert not INTERNAL.search(text), (code, text)
        assert not ENGLISH.search(module.SOURCE["tr"]), (code, module.SOURCE["tr"])
        assert catalogue.program_source(code, "tr") == module.SOURCE["tr"]


def test_every_parameter_reads_in_turkish_and_english_without_internal_notes():
    for name, parameter in load_parameters().items():
        assert parameter.description["tr"] != parameter.description["en"], name
        texts = [parameter.reference, *(entry.reference for entry in parameter.values)]
        for text in texts:
            assert not INTERNAL.search(text["tr"]) and not INTERNAL.search(text["en"]), (name, text)
            assert not ENGLISH.search(text["tr"]), (name, text["tr"])
        assert not ENGLISH.search(parameter.description["tr"]), (name, parameter.description["tr"])
    # what we are unsure of is kept, as an internal note
    notes = [entry.note for entry in load_parameters()["cct_health.child_monthly_amount"].values]
    assert any("DOMAIN.md" in note for note in notes)


@pytest.mark.parametrize(
    ("unit", "tr", "en"),
    [
        ("places", "yer", "places"),
        ("points", "puan", "points"),
        ("cards", "kart", "cards"),
        ("TRY", "TL", "TL"),
        ("months", "ay", "months"),
    ],
)
def test_units_in_both_languages(unit, tr, en):
    assert (catalogue.unit_label(unit, "tr"), catalogue.unit_label(unit, "en")) == (tr, en)


def test_program_label_and_unit_come_from_the_catalogue():
    assert catalogue.program_label("heating_aid", "tr") == "Kömür Yardımı"
    assert catalogue.program_label("heating_aid", "en") == "Heating Aid (coal)"
    assert catalogue.program_unit("free_creche") == "places" and catalogue.program_unit("family_support") == "TRY"


def test_need_score_reason_and_unit_in_words_not_codes():
    result = evaluate(synthetic_batch(300), "2025-07", ["need_score", "heating_aid", "social_market"])
    eligible = int(result.programs["social_market"].eligible.argmax())
    assert result.programs["social_market"].eligible[eligible]
    tr = " ".join(i["text"] for p in ("heating_aid", "social_market") for i in result.explain(eligible, "tr")[p])
    en = " ".join(i["text"] for p in ("heating_aid", "social_market") for i in result.explain(eligible, "en")[p])
    assert "Kömür Yardımı eşiği" in tr and "heating_aid" not in tr and "points" not in tr and " puan " in tr, tr
    assert "Heating Aid (coal) cut-off" in en and "heating_aid" not in en, en


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_program_pages_show_public_sources_and_words(client, make_staff, office_merkez, lang):
    client.force_login(make_staff(office_merkez, Role.PROGRAM_MANAGER))
    client.cookies["django_language"] = lang
    pages = [client.get(reverse("eligibility:program_list")).content.decode()]
    pages.append(client.get(reverse("eligibility:program_detail", args=["cct_health"])).content.decode())
    text = re.sub(r"<[^>]+>", " ", "".join(pages))
    assert "DOMAIN.md" not in text and "assumed)" not in text and "cct_health" not in text
    assert PROGRAMS["cct_health"].SOURCE[lang] in text
    description = load_parameters()["cct_health.child_monthly_amount"].description[lang]
    assert description in text
    if lang == "tr":
        assert not re.search(r"\b(places|points|cards|months)\b", text), text
        assert "yer" in text and "puan" in text and "kart" in text


def test_custom_program_sex_condition_in_words():
    spec = {**SPEC, "conditions": [*SPEC["conditions"], {"block": "sex", "is": "F"}]}
    result = evaluate(household("5000", "1955-01-01"), "2025-07", [program_from_spec(spec)])
    tr = " ".join(item["text"] for item in result.explain(0, "tr")["igdir_elderly_food"])
    en = " ".join(item["text"] for item in result.explain(0, "en")["igdir_elderly_food"])
    assert "cinsiyet kadın" in tr and "sex female" in en and "cinsiyet F" not in tr, tr


@pytest.fixture
def approved_food_card(make_staff, office_tuzluca):
    """A custom program of the Tuzluca office, approved by a second manager."""
    maker, checker = (make_staff(office_tuzluca, Role.PROGRAM_MANAGER) for _ in range(2))
    program = services_parameters.custom_program_propose(
        actor=maker, code="food_card", name="Tuzluca gıda kartı", spec=CUSTOM_SPEC
    )
    services_parameters.custom_program_decide(actor=checker, program=program, approve=True)
    return program


@pytest.mark.django_db
def test_programs_available_coded_and_custom_of_the_household_area(approved_food_card, merkez, tuzluca):
    inside, outside = make_household(wage_kurus=300_000, district=tuzluca), make_household(wage_kurus=300_000)
    assert outside.district_id == merkez.pk
    available = catalogue.programs_available(household=inside, lang="tr")
    assert set(PROGRAMS) < set(available) and available["heating_aid"] == "Kömür Yardımı"
    assert available[approved_food_card.engine_code] == "Tuzluca gıda kartı"
    # another district's custom program is not available; the coded ones are, labelled in the language asked
    elsewhere = catalogue.programs_available(household=outside, lang="en")
    assert set(elsewhere) == set(PROGRAMS) and elsewhere["heating_aid"] == "Heating Aid (coal)"


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "label"), [("tr", "Kömür Yardımı"), ("en", "Heating Aid (coal)")])
def test_program_choices_every_program_by_name(approved_food_card, lang, label):
    choices = dict(catalogue.program_choices(lang))
    assert choices["heating_aid"] == label and list(choices)[: len(PROGRAMS)] == list(PROGRAMS)
    assert choices[approved_food_card.engine_code] == "Tuzluca gıda kartı"
    assert catalogue.program_label(approved_food_card.engine_code, lang) == "Tuzluca gıda kartı"


def test_format_amount_in_the_program_unit_and_none():
    assert catalogue.format_amount(130_000, "family_support", "tr") == "1.300,00 TL"
    assert catalogue.format_amount(1300, "free_creche", "en") == "1,300 places"
    assert catalogue.format_amount(None, "family_support") == "—"
