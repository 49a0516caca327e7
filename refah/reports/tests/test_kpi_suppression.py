"""Property: whoever may not open the records never reads, on the dashboard's API answer, a district's count below
the threshold, nor one they could derive from the province's figure and the others shown."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refah.accounts.enums import Role
from refah.geo.models import District
from refah.reports.kpi.models import Indicator, IndicatorFigure
from refah.reports.kpi.selectors import area_for, dashboard

counts = st.lists(st.integers(min_value=0, max_value=30), min_size=4, max_size=4)


@pytest.fixture
def analyst(make_staff, office_province):
    return make_staff(office_province, Role.ANALYST)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(numbers=counts)
def test_no_small_district_count_is_shown_or_derivable(numbers, analyst, igdir):
    indicator = Indicator.objects.get(code="families_aided")
    IndicatorFigure.objects.all().delete()
    districts = list(District.objects.filter(province=igdir).order_by("pk")[:4])
    now = timezone.now()
    rows = [
        IndicatorFigure(indicator=indicator, year=2025, province=igdir, district=d, value=n, numerator=n, n=n,
                        computed_at=now)
        for d, n in zip(districts, numbers, strict=False)
    ]  # fmt: skip
    total = sum(numbers)
    rows.append(
        IndicatorFigure(indicator=indicator, year=2025, province=igdir, value=total, numerator=total, n=total,
                        computed_at=now)
    )  # fmt: skip
    IndicatorFigure.objects.bulk_create(rows)
    found = dashboard(user=analyst, year=2025, area=area_for(user=analyst))
    row = next(r for r in found["rows"] if r.indicator.code == "families_aided")
    shown = {name: value for name, value, hidden, _ in row.parts if not hidden}
    hidden = [name for name, value, hidden, _ in row.parts if hidden]
    assert all(value == 0 or value >= 5 for value in shown.values())
    truth = {d.name: n for d, n in zip(districts, numbers, strict=False)}
    small_hidden = [name for name in hidden if 0 < truth[name] < 5]
    if small_hidden:
        # one subtraction never reveals it: either the total is hidden too, or at least two cells are hidden
        assert row.value is None or len(hidden) >= 2
    if row.value is not None:
        assert row.value == total
