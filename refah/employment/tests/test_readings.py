"""The employment facts the rules read: both registry readers (the whole-registry batch reader and the
one-household reader) give the same values, and the same determinations, for households with referrals, job
offers and courses across months, placements (a first and a later one), a sanction and a cancelled one."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from refah.demo.clock import as_of
from refah.eligibility.db_batch import registry_read
from refah.eligibility.entities import PROVIDED_HOUSEHOLD, PROVIDED_PERSON, batch_from_household
from refah.eligibility.models import Determination
from refah.eligibility.selectors import household_reading
from refah.eligibility.services import determinations_for_household, determinations_run
from refah.employment import services
from refah.employment.enums import SanctionStatus
from refah.employment.models import Sanction
from refah.employment.services._common import first_of_month
from refah.employment.tests.conftest import make_family, offer, refuse


@pytest.fixture
def world(caseworker):
    today = timezone.localdate()
    busy, murat, selin, *_ = make_family()
    quiet = make_family("Kemal", "Kaya")[0]
    cancelled, ali, *_ = make_family("Ali", "Demir")
    referral = services.referral_create(actor=caseworker, person=murat)
    with as_of(today.day + 40):  # two months back: an offer then, and Murat's first job
        offer(caseworker, referral)
        services.placement_record(
            actor=caseworker, referral=referral, employer="Aras Lojistik", started_on=timezone.localdate()
        )
    offer(caseworker, referral, kind="course")  # a course is not a job referral
    for _ in range(3):
        refuse(caseworker, referral)  # three job offers this month, refused: a sanction from next month
    services.placement_record(actor=caseworker, referral=referral, employer="Iğdır Un", started_on=today)
    selin_referral = services.referral_create(actor=caseworker, person=selin)
    offer(caseworker, selin_referral)
    ali_referral = services.referral_create(actor=caseworker, person=ali)
    for _ in range(3):
        refuse(caseworker, ali_referral)
    Sanction.objects.filter(household=cancelled).update(status=SanctionStatus.CANCELLED)
    return busy, quiet, cancelled


def _provided_by_household(day):
    """{household id hex: (household facts, {person id hex: person facts})} from the batch reader."""
    frames = registry_read(day=day)
    batch = frames.batch()
    person_ids = frames.person_ids(frames.households).to_list()
    out = {}
    for row, household_id in enumerate(frames.households["household_id"].to_list()):
        rows = np.flatnonzero(batch.person_household == row)
        out[household_id] = (
            {f.name: int(batch.households[f.name][row]) for f in PROVIDED_HOUSEHOLD},
            {person_ids[r]: {f.name: int(batch.persons[f.name][r]) for f in PROVIDED_PERSON} for r in rows},
        )
    return out


def _provided_one(household, day):
    data, person_ids = household_reading(household=household, day=day)
    batch = batch_from_household(data)
    return (
        {f.name: int(batch.households[f.name][0]) for f in PROVIDED_HOUSEHOLD},
        {pid: {f.name: int(batch.persons[f.name][i]) for f in PROVIDED_PERSON} for i, pid in enumerate(person_ids)},
    )


@pytest.mark.parametrize("months", [-2, 0, 1, 12, 13])
def test_both_readers_give_the_same_employment_facts(world, months):
    day = first_of_month(timezone.localdate(), months)
    batch = _provided_by_household(day)
    for household in world:
        assert batch[household.pk.hex] == _provided_one(household, day), (months, household)


def test_the_facts_are_what_happened(world):
    busy, quiet, cancelled = world
    today = timezone.localdate()
    this_month, next_month = first_of_month(today), first_of_month(today, 1)
    back = today - dt.timedelta(days=today.day + 40)  # the day of the first job and the first offer

    own, persons = _provided_one(busy, this_month)
    murat = next(values for values in persons.values() if values["job_referrals"] == 3)  # the course does not count

    months_back = (this_month.year - back.year) * 12 + this_month.month - back.month
    assert murat == {
        "work_started_months": 0,  # started again this month
        "first_work_started_months": months_back,
        "job_referrals": 3,
        "job_referrals_year": 1 if back.year == today.year else 0,  # the first offer, if in this calendar year
    }
    assert own == {"work_sanction_month": -1}  # the sanction starts next month
    assert _provided_one(busy, next_month)[0] == {"work_sanction_month": 0}
    assert _provided_one(busy, first_of_month(today, 5))[0] == {"work_sanction_month": 4}
    assert _provided_one(cancelled, next_month)[0] == {"work_sanction_month": -1}  # cancelled on objection
    assert _provided_one(quiet, next_month)[0] == {"work_sanction_month": -1}


def test_both_paths_store_the_same_determinations(world):
    busy, quiet, cancelled = world
    day = first_of_month(timezone.localdate(), 1)
    determinations_run(period=day)
    bulk = {(d.household_id, d.program): (d.eligible, d.amount_kurus, d.input_hash, d.reasons) for d in
            Determination.objects.filter(period=day)}  # fmt: skip
    Determination.objects.filter(period=day).delete()
    for household in world:
        determinations_for_household(household=household, period=day)
    one = {(d.household_id, d.program): (d.eligible, d.amount_kurus, d.input_hash, d.reasons) for d in
           Determination.objects.filter(period=day)}  # fmt: skip
    # (the one-household path leaves out a program missing an input the registry lacks — Ece's attendance for the
    # education transfer — where the batch reader fails its condition; every other determination is the same)
    assert len(one) >= 3 * 15 and one == {key: bulk[key] for key in one}
    family_support = {h: one[(h.pk, "family_support")][1] for h in world}
    assert family_support[busy] < family_support[quiet] == family_support[cancelled]
