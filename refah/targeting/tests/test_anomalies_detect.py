"""Anomaly detection: each detector finds its planted case and not the innocent near-miss; the run is idempotent;
the flags are seen only within the jurisdiction; the timer is registered."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.aidrecords.models import AidRecord
from refah.aidrecords.services.givers import giver_named
from refah.common.errors import NotFoundError
from refah.common.timers import TIMERS
from refah.registry.tests.factories import IncomeFactory
from refah.targeting.anomalies import selectors, services
from refah.targeting.anomalies.models import AnomalyFlag
from refah.targeting.tests.outreach_world import apply, household

pytestmark = pytest.mark.django_db
_refs = itertools.count()


def kinds_of(h) -> list[str]:
    return sorted(AnomalyFlag.objects.filter(household=h).values_list("kind", flat=True))


def test_many_unrelated_households_at_one_address(merkez):
    planted = [
        household(district=merkez, surname=s, address="Cumhuriyet Sk. No 7") for s in ("Arslan", "Bulut", "Ceylan")
    ]
    # near-miss: three households at one address, but two heads share a surname (a family link)
    near = [household(district=merkez, surname=s, address="İnönü Cd. No 3") for s in ("Demir", "DEMİR", "Erdem")]
    # near-miss: two unrelated households only (the threshold is three)
    pair = [household(district=merkez, surname=s, address="Kars Yolu 12") for s in ("Fidan", "Gök")]
    services.anomalies_find()
    flags = list(AnomalyFlag.objects.filter(kind="shared_address"))
    assert len(flags) == 1 and flags[0].household_id in {h.pk for h in planted}
    assert sorted(flags[0].evidence["surnames"]) == ["Arslan", "Bulut", "Ceylan"]
    assert not AnomalyFlag.objects.filter(household__in=[*near, *pair]).exists()


def test_income_ended_just_before_an_application(merkez, caseworker):
    today = timezone.localdate()
    planted = household(district=merkez, surname="Yaman")
    IncomeFactory(person=planted.memberships.get(role="reference").person, amount_kurus=2_500_000,
                  end_date=today - dt.timedelta(days=20))  # fmt: skip
    apply(planted, caseworker)
    near = household(district=merkez, surname="Zengin")  # ended 90 days before: past the 60-day window
    IncomeFactory(person=near.memberships.get(role="reference").person, end_date=today - dt.timedelta(days=90))
    apply(near, caseworker)
    no_application = household(district=merkez, surname="Oruç")  # ended recently, but no application
    IncomeFactory(person=no_application.memberships.get(role="reference").person, end_date=today - dt.timedelta(days=5))
    services.anomalies_find()
    assert kinds_of(planted) == ["income_drop"]
    flag = AnomalyFlag.objects.get(household=planted)
    assert flag.evidence["days"] == 20 and flag.evidence["amount_kurus"] == 2_500_000
    assert kinds_of(near) == [] and kinds_of(no_application) == []


def _aid(h, giver, *, need, start, end, office, actor):
    n = next(_refs)
    return AidRecord.objects.create(
        giver=giver, office=office, submitted_by=actor, channel="api", idempotency_key=f"k{n}", reference=f"r{n}",
        content_hash="x", kind="cash", need=need, amount_kurus=100_000, given_on=min(start, timezone.localdate()),
        period_start=start, period_end=end, province=h.province, district=h.district, household=h, link_status="linked",
    )  # fmt: skip


def test_aid_from_several_givers_for_the_same_need(merkez, caseworker, office_merkez):
    today = timezone.localdate()
    month = today.replace(day=1)
    a, b = giver_named(name="Kızılay"), giver_named(name="Belediye")
    kw = {"office": office_merkez, "actor": caseworker}
    planted = household(district=merkez, surname="Kurt")
    _aid(planted, a, need="heating", start=month, end=month + dt.timedelta(days=27), **kw)
    _aid(planted, b, need="heating", start=month + dt.timedelta(days=10), end=month + dt.timedelta(days=40), **kw)
    near = household(district=merkez, surname="Kuzu")  # two givers, different needs
    _aid(near, a, need="heating", start=month, end=month + dt.timedelta(days=27), **kw)
    _aid(near, b, need="education", start=month, end=month + dt.timedelta(days=27), **kw)
    later = household(district=merkez, surname="Koç")  # same need, periods one after the other
    _aid(later, a, need="food", start=month - dt.timedelta(days=60), end=month - dt.timedelta(days=31), **kw)
    _aid(later, b, need="food", start=month - dt.timedelta(days=30), end=month, **kw)
    services.anomalies_find()
    assert kinds_of(planted) == ["several_givers"]
    assert sorted(AnomalyFlag.objects.get(household=planted).evidence["givers"]) == ["Belediye", "Kızılay"]
    assert kinds_of(near) == [] and kinds_of(later) == []


def test_the_run_is_idempotent_and_a_reviewed_case_does_not_return(merkez, make_staff, office_merkez):
    for s in ("Arslan", "Bulut", "Ceylan"):
        household(district=merkez, surname=s, address="Cumhuriyet Sk. No 7")
    assert services.anomalies_find() == 1
    assert services.anomalies_find() == 0 and AnomalyFlag.objects.count() == 1
    inspector = make_staff(office_merkez, Role.INSPECTOR)
    services.flag_dismiss(actor=inspector, flag_id=AnomalyFlag.objects.get().pk, reason="Öğrenci yurdu, bilinen durum.")
    assert services.anomalies_find() == 0 and AnomalyFlag.objects.count() == 1


def test_flags_are_seen_only_within_the_jurisdiction(merkez, tuzluca, make_staff, office_tuzluca):
    for s in ("Arslan", "Bulut", "Ceylan"):
        household(district=merkez, surname=s, address="Cumhuriyet Sk. No 7")
    services.anomalies_find()
    inspector = make_staff(office_tuzluca, Role.INSPECTOR)
    assert selectors.flags(user=inspector)[1] == 0
    with pytest.raises(NotFoundError):
        selectors.flag_get(user=inspector, flag_id=AnomalyFlag.objects.get().pk)


def test_the_timer_is_registered():
    from refah.targeting.anomalies import tasks

    assert tasks.targeting_find_anomalies is TIMERS["targeting_find_anomalies"]
    assert "targeting_find_anomalies" in TIMERS
