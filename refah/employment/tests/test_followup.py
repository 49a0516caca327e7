"""The follow-up figures (the reports' KPI inputs): referred, placed, still in work after 6 and 12 months, households
that left aid through work; in the user's jurisdiction."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.common.errors import PermissionDeniedError
from refah.demo.clock import as_of
from refah.eligibility.services import determinations_for_household
from refah.employment import services
from refah.employment.selectors.followup import Followup, followup_counts, followup_for_user
from refah.employment.services._common import first_of_month
from refah.employment.tests.conftest import make_family
from refah.registry.tests.factories import IncomeFactory


def test_the_figures_of_a_year(caseworker, other_caseworker, make_staff, office_merkez):
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=420), today
    families = [make_family(f"Kişi{i}", f"Aile{i}") for i in range(4)]
    placements = []
    for _household, father, *_rest in families[:3]:
        # three referred 400 days ago and placed 390 days ago; the last one never placed
        with as_of(400):
            referral = services.referral_create(actor=caseworker, person=father)
        with as_of(390):
            placements.append(
                services.placement_record(
                    actor=caseworker, referral=referral, employer="Aras Lojistik", started_on=timezone.localdate()
                )
            )
    services.referral_create(actor=caseworker, person=families[3][1])
    # one left after 100 days, one after 300 days (past the 6-month mark), one is still in work
    services.placement_end(
        actor=caseworker,
        placement=placements[0],
        ended_on=placements[0].started_on + dt.timedelta(days=100),
        reason="resigned",
    )
    services.placement_end(
        actor=caseworker,
        placement=placements[1],
        ended_on=placements[1].started_on + dt.timedelta(days=300),
        reason="dismissed",
    )
    # the third household was on family support when the job started, and is not any more: it left aid through work
    household, father = families[2][0], families[2][1]
    start_month = first_of_month(placements[2].started_on)
    determinations_for_household(household=household, period=start_month)
    IncomeFactory(person=father, amount_kurus=8_000_000, start_date=placements[2].started_on)
    determinations_for_household(household=household, period=first_of_month(today))

    figures = followup_counts(start=start, end=end, as_of=today)

    assert figures == Followup(
        referred=4, placed=3, due_6=3, in_work_6=2, due_12=3, in_work_12=1, left_aid_through_work=1
    )
    assert followup_for_user(user=caseworker, start=start, end=end) == figures
    assert followup_for_user(user=other_caseworker, start=start, end=end) == Followup(0, 0, 0, 0, 0, 0, 0)
    with pytest.raises(PermissionDeniedError):
        followup_for_user(user=make_staff(office_merkez, "inspector"), start=start, end=end)
