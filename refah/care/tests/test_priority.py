"""The published priority: points and reasons per rule, ordering with the days waiting as the tie-breaker, the
Law 2022 income finding read from the rules' determinations."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.care.models import WaitingEntry
from refah.care.priority import BY_CODE, RULES, score_entries
from refah.care.services import waiting_add
from refah.care.tests.factories import alone, person_in
from refah.eligibility.models import Determination
from refah.registry.enums import Dependency

pytestmark = pytest.mark.django_db


def _entry(actor, household, person, days_ago: int = 0) -> WaitingEntry:
    entry = waiting_add(actor=actor, person=person, household=household, kind="elderly_home")
    WaitingEntry.objects.filter(pk=entry.pk).update(listed_on=timezone.localdate() - dt.timedelta(days=days_ago))
    entry.refresh_from_db()
    return entry


def test_every_rule_has_words_in_both_languages_and_points():
    assert len({r.code for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.points > 0 and rule.tr and rule.en and rule.tr != rule.en


def test_points_and_reasons(caseworker, merkez):
    today = timezone.localdate()
    household, person = alone(merkez, age=83, dependency=Dependency.FULL, disability_percent=50)
    Determination.objects.create(
        household=household,
        program="old_age_pension",
        period=today.replace(day=1),
        eligible=True,
        frequency="monthly",
        rulebook_version="t",
        input_hash="t",
    )
    (scored,) = score_entries([_entry(caseworker, household, person)], today)
    codes = [r.code for r in scored.reasons]
    # lives alone 30 + fully dependent 30 + disability 40–69 % 10 + low income 15 + aged 80+ 10 = 95
    assert codes == ["lives_alone", "fully_dependent", "disability", "low_income", "age_80"]
    assert scored.points == 95


def test_a_carer_at_home_counts_and_an_ineligible_pension_does_not(caseworker, merkez):
    today = timezone.localdate()
    household, person = alone(merkez, age=76, dependency=Dependency.PARTIAL)
    person_in(household, age=50)  # an adult who can care
    Determination.objects.create(
        household=household,
        program="old_age_pension",
        period=today.replace(day=1),
        eligible=False,
        frequency="monthly",
        rulebook_version="t",
        input_hash="t",
    )
    (scored,) = score_entries([_entry(caseworker, household, person)], today)
    # partly dependent 15 + aged 75–79 5 = 20: not alone, a carer at home, the pension not eligible
    assert [r.code for r in scored.reasons] == ["partly_dependent", "age_75"]
    assert scored.points == BY_CODE["partly_dependent"].points + BY_CODE["age_75"].points


def test_only_elderly_with_no_carer_gets_no_carer(caseworker, merkez):
    household, person = alone(merkez, age=70)
    person_in(household, age=90, dependency=Dependency.FULL)  # lives with someone who cannot care
    (scored,) = score_entries([_entry(caseworker, household, person)], timezone.localdate())
    assert [r.code for r in scored.reasons] == ["no_carer"]


def test_order_highest_first_then_longest_waiting(caseworker, merkez):
    today = timezone.localdate()
    a_household, a = alone(merkez, age=70)  # alone 30
    b_household, b = alone(merkez, age=70)  # alone 30, listed earlier
    c_household, c = alone(merkez, age=70, dependency=Dependency.FULL)  # alone 30 + dependent 30
    entries = [
        _entry(caseworker, a_household, a, days_ago=3),
        _entry(caseworker, b_household, b, days_ago=40),
        _entry(caseworker, c_household, c, days_ago=0),
    ]
    ordered = score_entries(entries, today)
    assert [s.entry.person for s in ordered] == [c, b, a]
    assert [s.days_waiting for s in ordered] == [0, 40, 3]
