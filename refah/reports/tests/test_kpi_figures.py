"""Each indicator computed from a small hand-built world (kpi_world.py), per district, province and month."""

import datetime as dt
from decimal import Decimal

import pytest

from refah.employment.selectors.followup import followup_counts
from refah.reports.kpi.models import IndicatorFigure
from refah.reports.kpi.refresh import indicators_refresh
from refah.reports.tests import kpi_world

YEAR = kpi_world.YEAR
AS_OF = dt.date(YEAR, 12, 31)


@pytest.fixture
def world(merkez, tuzluca, office_merkez, office_tuzluca, office_province, make_staff):
    made = kpi_world.build(
        merkez=merkez, tuzluca=tuzluca, office_merkez=office_merkez, office_tuzluca=office_tuzluca,
        office_province=office_province, make_staff=make_staff,
    )  # fmt: skip
    indicators_refresh(as_of=AS_OF)
    return made


def fig(code, *, district=None, province=None, month=0):
    rows = IndicatorFigure.objects.filter(indicator__code=code, year=YEAR, month=month)
    if district is not None:
        rows = rows.filter(district=district)
    elif province is not None:
        rows = rows.filter(province=province, district__isnull=True)
    else:
        rows = rows.filter(province__isnull=True)
    return rows.get()


def test_families_aided(world, merkez, tuzluca, igdir):
    assert fig("families_aided", district=merkez).value == 3
    assert fig("families_aided", district=tuzluca).value == 1
    assert fig("families_aided", province=igdir).value == 4
    assert fig("families_aided").value == 4
    assert fig("families_aided", district=merkez, month=1).value == 2


def test_decision_times(world, merkez, igdir):
    assert fig("first_decided_on_time", district=merkez).value == Decimal("50.0")
    first = fig("first_decided_on_time", province=igdir)
    assert (first.value, first.numerator, first.denominator) == (Decimal("66.7"), 2, 3)
    assert fig("first_decision_days", province=igdir).value == Decimal("30.0")
    assert fig("first_decision_days", district=merkez).value == Decimal("25.0")
    again = fig("reinvestigation_on_time", district=merkez)
    assert (again.value, again.denominator) == (Decimal("0.0"), 1)
    assert fig("reinvestigation_days", district=merkez).value == Decimal("19.0")


def test_payments_on_time(world, merkez):
    paid = fig("payments_on_time", district=merkez)
    assert (paid.numerator, paid.denominator, paid.value) == (1, 2, Decimal("50.0"))
    assert fig("payments_on_time", district=merkez, month=2).value == Decimal("0.0")


def test_employment_referred_agrees_with_employment_followup(world, merkez, tuzluca, igdir):
    assert fig("employment_referred", district=merkez).value == 2
    assert fig("employment_referred", province=igdir).value == 3
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    assert followup_counts(start=start, end=end, district_ids=[merkez.pk]).referred == 2
    assert fig("employment_referred", district=merkez, month=9).value == 1


def test_aid_records_share(world, merkez):
    share = fig("aid_records_share", district=merkez)
    assert (share.numerator, share.denominator, share.value) == (3, 4, Decimal("75.0"))


def test_service_referrals_and_caseload(world, merkez, igdir):
    answered = fig("referrals_on_time", district=merkez)
    assert (answered.numerator, answered.denominator) == (1, 3)
    assert fig("caseload", district=merkez).value == Decimal("1.50")
    assert fig("caseload", province=igdir).value == Decimal("1.00")


def test_surveys_with_n_and_margin(world, merkez):
    satisfied = fig("satisfaction", district=merkez)
    assert (satisfied.value, satisfied.n) == (Decimal("75.0"), 4)
    assert satisfied.margin is not None and satisfied.margin > 0
    assert fig("fairness", district=merkez).value == Decimal("50.0")
    province = fig("satisfaction", province=merkez.province)  # one figure per level, over all the area's answers
    assert (province.value, province.n) == (Decimal("75.0"), 4)
    assert fig("satisfaction").n == 4


def test_a_refresh_replaces_the_snapshot(world, merkez):
    before = IndicatorFigure.objects.count()
    indicators_refresh(as_of=AS_OF)
    assert IndicatorFigure.objects.count() == before
