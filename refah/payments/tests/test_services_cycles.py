"""Cycles: entitlements from approved decisions ∩ eligible determinations, the recipient rules, freezing."""

import datetime as dt

import pytest

from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.payments import errors
from refah.payments.models import Entitlement
from refah.payments.services import cycle_compute, cycle_create, payee_account_set
from refah.payments.tests.factories import PERIOD, decision, determination, entitled, family
from refah.registry.models import Person
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory


def test_only_approved_and_eligible_are_entitled(maker, office_merkez):
    both, _ = family()
    entitled(both, "family_support", 125_000, office=office_merkez, user=maker)
    no_decision, _ = family()
    determination(no_decision, "family_support", 125_000)
    not_eligible, _ = family()
    determination(not_eligible, "family_support", 0, eligible=False)
    decision(not_eligible, "family_support", office=office_merkez, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    assert list(Entitlement.objects.values_list("household_id", flat=True)) == [both.pk]
    assert (cycle.entitlement_count, cycle.total_kurus) == (1, 125_000)


def test_decision_amount_wins_and_latest_decision_counts(maker, office_merkez):
    household, _ = family()
    determination(household, "family_support", 125_000)
    decision(household, "family_support", office=office_merkez, user=maker, amount_kurus=90_000)
    later = dt.datetime(2025, 2, 20, 10, tzinfo=dt.UTC)
    decision(household, "family_support", office=office_merkez, user=maker, amount_kurus=110_000, decided_at=later)
    cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    assert Entitlement.objects.get().amount_kurus == 110_000


def test_widow_aid_every_two_months_pays_two_months(maker, office_merkez):
    household, _ = family()
    entitled(household, "widow_aid", 100_000, office=office_merkez, user=maker)
    with pytest.raises(RefahError):
        cycle_create(actor=maker, program="widow_aid", period_start=dt.date(2025, 4, 1))
    cycle = cycle_create(actor=maker, program="widow_aid", period_start=PERIOD)
    cycle_compute(actor=maker, cycle=cycle)
    assert Entitlement.objects.get().amount_kurus == 200_000  # 1,000 TL × 2 months


def test_recipient_is_the_spouse_woman_with_her_iban(maker, office_merkez):
    household, spouse = family()
    entitled(household, "cct_education", 15_000, office=office_merkez, user=maker)
    payee_account_set(actor=maker, person=spouse, iban="TR330006100519786457841326")
    cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="cct_education", period_start=PERIOD))
    entitlement = Entitlement.objects.get()
    assert entitlement.recipient_id == spouse.pk
    assert (entitlement.channel, entitlement.iban) == ("bank", "TR330006100519786457841326")


def test_recipient_fallbacks_adult_woman_then_reference(maker, office_merkez):
    # no spouse: the eldest adult woman (a grandmother), not the girl of 10
    with_grandmother, _ = family(woman=False)
    grandmother = PersonFactory(sex="F", birth_date=dt.date(1950, 1, 1))
    MembershipFactory(household=with_grandmother, role="parent", person=grandmother)
    entitled(with_grandmother, "cct_education", 15_000, office=office_merkez, user=maker)
    # a father alone with his daughter: the reference person, paid in cash at PTT
    father_alone, _ = family(woman=False)
    entitled(father_alone, "cct_education", 15_000, office=office_merkez, user=maker)
    cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="cct_education", period_start=PERIOD))
    got = {e.household_id: e for e in Entitlement.objects.all()}
    assert got[with_grandmother.pk].recipient_id == grandmother.pk
    father = father_alone.memberships.get(role="reference").person
    assert (got[father_alone.pk].recipient_id, got[father_alone.pk].channel) == (father.pk, "ptt")


def test_woman_reference_person_comes_first_pensions_go_to_the_reference(maker, office_merkez):
    household = HouseholdFactory()
    mother = PersonFactory(sex="F", birth_date=dt.date(1990, 1, 1))
    MembershipFactory(household=household, role="reference", person=mother)
    MembershipFactory(household=household, role="parent", person=PersonFactory(sex="F", birth_date=dt.date(1950, 1, 1)))
    entitled(household, "birth_aid", 500_000, office=office_merkez, user=maker)
    cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="birth_aid", period_start=PERIOD))
    assert Entitlement.objects.get().recipient_id == mother.pk


def test_recipient_who_left_or_died_before_the_period_is_not_paid(maker, office_merkez):
    # the determination named the spouse; her departure (or death) is recorded afterwards, dated before the period
    left, spouse = family()
    entitled(left, "family_support", 125_000, office=office_merkez, user=maker)
    left.memberships.filter(person=spouse).update(left_on=dt.date(2025, 2, 15))
    died, widow = family()
    entitled(died, "family_support", 125_000, office=office_merkez, user=maker)
    Person.objects.filter(pk=widow.pk).update(deceased_on=dt.date(2025, 2, 20))
    cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    got = {e.household_id: e for e in Entitlement.objects.all()}
    assert (got[left.pk].recipient_id, got[left.pk].recipient_name) == (None, "")
    assert (got[died.pk].recipient_id, got[died.pk].recipient_name) == (None, "")


def test_frozen_cycle_ignores_later_registry_edits(maker, office_merkez):
    household, spouse = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    before = list(Entitlement.objects.values())
    Person.objects.filter(pk=spouse.pk).update(first_name="Değişti")
    household.memberships.filter(person=spouse).update(left_on=dt.date(2025, 3, 2))
    household.determinations.update(amount_kurus=1)
    payee_account_set(actor=maker, person=spouse, iban="TR330006100519786457841326")
    with pytest.raises(ConflictError, match=str(errors.ERR_CYCLE_COMPUTED)):
        cycle_compute(actor=maker, cycle=cycle)
    assert list(Entitlement.objects.values()) == before


def test_one_cycle_per_program_period_and_permission(maker, caseworker):
    cycle_create(actor=maker, program="family_support", period_start=PERIOD)
    with pytest.raises(ConflictError):
        cycle_create(actor=maker, program="family_support", period_start=PERIOD)
    with pytest.raises(PermissionDeniedError):
        cycle_create(actor=caseworker, program="family_support", period_start=dt.date(2025, 4, 1))


def test_a_decisions_amount_is_never_more_than_the_months_determination(maker, office_merkez):
    # the committee approved 1,250 TL; this month the rules pay 937.50 (a sanction withholds a quarter): 937.50 is paid
    household, _ = family()
    determination(household, "family_support", 93_750)
    decision(household, "family_support", office=office_merkez, user=maker, amount_kurus=125_000)
    cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    assert Entitlement.objects.get().amount_kurus == 93_750
