"""The refusal rule at its edges, through the services and the stored determinations: the third refusal without a
valid reason starts a sanction next month; a valid-reason refusal in between does not count; each month of the
gradual schedule to the kuruş and the year ending; a placement during the sanction lifts it; the conditional
transfers continue for a year after a member starts work; the next cycle's entitlements reflect both."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.demo.clock import as_of
from refah.eligibility.blocks import div_half_up
from refah.eligibility.models import Determination
from refah.eligibility.params import ParameterSet
from refah.eligibility.selectors import reasons_render
from refah.eligibility.services import determinations_for_household
from refah.employment import services
from refah.employment.enums import SanctionStatus, Validity
from refah.employment.models import Referral, Sanction
from refah.employment.services._common import first_of_month
from refah.employment.tests.conftest import make_family, refuse
from refah.notifications.models import Notification
from refah.payments.models import Entitlement
from refah.payments.services import cycle_compute, cycle_create
from refah.payments.tests.factories import decision
from refah.registry.models import SchoolAttendance
from refah.registry.tests.factories import IncomeFactory


def amounts(household, day, *programs) -> dict[str, int]:
    """Evaluate and store the household's determinations of `day`'s month; the amounts of `programs`."""
    determinations_for_household(household=household, period=day)
    rows = Determination.objects.filter(household=household, period=first_of_month(day), program__in=programs)
    return {d.program: d.amount_kurus if d.eligible else None for d in rows}


def referral_of(caseworker, person) -> Referral:
    return services.referral_create(actor=caseworker, person=person)


@pytest.fixture
def referred(family, caseworker):
    household, murat, *_ = family
    return referral_of(caseworker, murat)


def test_the_third_refusal_without_a_valid_reason_starts_a_sanction_next_month(family, caseworker, referred):
    household, murat, *_ = family
    for _ in range(2):
        refuse(caseworker, referred)
    assert not Sanction.objects.exists()

    third = refuse(caseworker, referred)

    sanction = Sanction.objects.get()
    today = timezone.localdate()
    assert (sanction.household, sanction.person, sanction.decided_on) == (household, murat, today)
    assert sanction.starts_on == first_of_month(today, 1) and sanction.status == SanctionStatus.ACTIVE
    assert third.validity == Validity.INVALID and sanction.refusals.count() == 3
    assert Notification.objects.filter(template="work_sanction", person=murat).exists()


def test_a_refusal_with_a_valid_reason_in_between_does_not_count(family, caseworker, referred):
    refuse(caseworker, referred)
    refuse(caseworker, referred, reason="health", valid=True, justification="Sağlık raporu görüldü.")
    refuse(caseworker, referred)
    assert not Sanction.objects.exists()  # two invalid refusals only

    refuse(caseworker, referred)

    assert Sanction.objects.get().refusals.count() == 3  # the valid one is not among them
    assert not Sanction.objects.get().refusals.filter(validity=Validity.VALID).exists()


def test_refusals_counted_once_three_more_start_another_sanction(family, caseworker, referred):
    for _ in range(3):
        refuse(caseworker, referred)
    for _ in range(2):
        refuse(caseworker, referred)
    assert Sanction.objects.count() == 1
    refuse(caseworker, referred)
    assert Sanction.objects.count() == 2


def test_each_month_of_the_gradual_schedule_to_the_kurus_then_the_year_ends(family, caseworker, referred):
    household, *_ = family
    start = first_of_month(timezone.localdate(), 1)
    before = amounts(household, start, "family_support", "income_support")
    for _ in range(3):
        refuse(caseworker, referred)

    shares = ParameterSet(start)("work_sanction.monthly_reduction")
    assert len(shares) == 12
    for month in range(12):
        day = first_of_month(start, month)
        got = amounts(household, day, "family_support", "income_support")
        share = shares[month]
        for program in ("family_support", "income_support"):
            # paid = amount × (1 − share), half-up to the kuruş: e.g. 1,600.00 × 3/4 = 1,200.00 in the first month
            expected = div_half_up(before[program] * (share.denominator - share.numerator), share.denominator)
            assert got[program] == expected, (month, program, got, before)
    assert amounts(household, first_of_month(start, 12), "family_support", "income_support") == before


def test_the_reasons_name_the_sanction_only_where_it_reduces(family, caseworker, referred):
    household, *_ = family
    start = first_of_month(timezone.localdate(), 1)
    for _ in range(3):
        refuse(caseworker, referred)
    determinations_for_household(household=household, period=start)

    stored = Determination.objects.get(household=household, period=start, program="family_support")
    texts = [item["text"] for item in reasons_render(determination=stored, lang="tr")]
    assert "iş reddi yaptırımının ayı: 1" in texts
    assert any(text.startswith("üç kez geçerli nedensiz iş reddi yaptırımı: kesinti: %25") for text in texts)
    determinations_for_household(household=household, period=first_of_month(start, 12))
    after = Determination.objects.get(household=household, period=first_of_month(start, 12), program="family_support")
    assert not [i for i in reasons_render(determination=after, lang="tr") if "yaptırım" in i["text"]]


def test_a_placement_during_the_sanction_lifts_it_from_the_next_month(family, caseworker, referred):
    household, *_ = family
    today = timezone.localdate()
    this_month, next_month = first_of_month(today), first_of_month(today, 1)
    full = amounts(household, next_month, "family_support")["family_support"]
    # the refusals were judged the day before the first of the month two months ago: the sanction started then
    with as_of((today - first_of_month(today, -2)).days + 1):
        for _ in range(3):
            refuse(caseworker, referred)
    assert Sanction.objects.get().starts_on == first_of_month(today, -2)
    # this month is the sanction's third (a quarter withheld); Murat starts work today, during the sanction
    services.placement_record(actor=caseworker, referral=referred, employer="Aras Lojistik", started_on=today)

    assert amounts(household, this_month, "family_support")["family_support"] == div_half_up(full * 3, 4)
    assert amounts(household, next_month, "family_support")["family_support"] == full


def test_a_job_that_started_before_the_sanction_does_not_lift_it(family, caseworker, referred):
    household, *_ = family
    start = first_of_month(timezone.localdate(), 1)
    full = amounts(household, start, "family_support")["family_support"]
    services.placement_record(
        actor=caseworker,
        referral=referred,
        employer="Aras Lojistik",
        started_on=timezone.localdate() - dt.timedelta(days=40),
    )
    for _ in range(3):
        refuse(caseworker, referred)
    assert amounts(household, first_of_month(start, 1), "family_support")["family_support"] == div_half_up(full * 3, 4)


def test_the_conditional_transfers_continue_for_a_year_after_a_member_starts_work(family, caseworker, referred):
    household, murat, selin, ece, can = family
    this_month = first_of_month(timezone.localdate())
    for month in range(13):  # MEB reports one absence day a month
        SchoolAttendance.objects.create(person=ece, month=first_of_month(this_month, month), absence_days=1)
    needy = amounts(household, this_month, "cct_health", "cct_education")
    assert needy["cct_health"] and needy["cct_education"]  # Can's check-ups, Ece at school: needy today
    services.placement_record(
        actor=caseworker, referral=referred, employer="Aras Lojistik", started_on=this_month, premium_support=True
    )
    # Murat's wage lifts the household out of need: without the continuation the transfers would stop
    IncomeFactory(person=murat, amount_kurus=6_000_000, start_date=this_month)
    for month in (1, 6, 11):
        got = amounts(household, first_of_month(this_month, month), "cct_health", "cct_education")
        assert got == needy, (month, got)
    assert amounts(household, first_of_month(this_month, 12), "cct_health", "cct_education") == {
        "cct_health": None,
        "cct_education": None,
    }
    determinations_for_household(household=household, period=this_month)
    reasons = Determination.objects.get(household=household, period=this_month, program="cct_health").reasons
    started = next(r for r in reasons if r["code"] == "cct_health.work_started")
    needy_now = next(r for r in reasons if r["code"] == "cct_health.needy")
    assert started["passed"] and not needy_now["passed"]  # continuing: not needy any more, but working


def test_the_next_cycle_pays_the_reduced_aid_and_the_continuing_transfer(caseworker, office_merkez, finance):
    """Two households in next month's cycles: the Aydıns are sanctioned (family support cut by a quarter), the
    Kayas' father started work through İŞKUR last month and his wage took them out of need, yet the conditional
    health transfer continues."""
    today = timezone.localdate()
    start = first_of_month(today, 1)
    sanctioned, aydin, *_ = make_family()
    working, kaya, *_ = make_family("Kemal", "Kaya")
    full = amounts(sanctioned, start, "family_support")["family_support"]
    for household in (sanctioned, working):
        for program in ("family_support", "cct_health"):
            decision(household, program, office=office_merkez, user=caseworker, amount_kurus=None)
    aydin_referral = referral_of(caseworker, aydin)
    for _ in range(3):
        refuse(caseworker, aydin_referral)
    with as_of(today.day + 3):  # last month
        kaya_referral = referral_of(caseworker, kaya)
        services.placement_record(
            actor=caseworker, referral=kaya_referral, employer="Aras Lojistik", started_on=timezone.localdate()
        )
    IncomeFactory(person=kaya, amount_kurus=6_000_000, start_date=today - dt.timedelta(days=today.day + 3))

    owed = {h.pk: amounts(h, start, "family_support", "cct_health") for h in (sanctioned, working)}
    paid = {}
    for program in ("family_support", "cct_health"):
        cycle = cycle_compute(actor=finance, cycle=cycle_create(actor=finance, program=program, period_start=start))
        for e in Entitlement.objects.filter(cycle=cycle):
            paid.setdefault(e.household_id, {})[program] = e.amount_kurus
    # a quarter withheld in the sanction's first month: 1,600.00 × 3/4 = 1,200.00 of family support
    assert paid[sanctioned.pk]["family_support"] == owed[sanctioned.pk]["family_support"] == div_half_up(full * 3, 4)
    assert paid[sanctioned.pk]["cct_health"] == owed[sanctioned.pk]["cct_health"] > 0  # not regular aid: not cut
    # no family support for the working household (its income is above the limit), the health transfer continues
    assert "family_support" not in paid[working.pk] and owed[working.pk]["family_support"] is None
    assert paid[working.pk]["cct_health"] == owed[working.pk]["cct_health"] > 0
