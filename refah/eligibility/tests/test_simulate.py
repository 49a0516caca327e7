"""What-if simulation: coverage and cost per district move in the expected direction; nothing is stored."""

import pytest
from django.core.management import CommandError, call_command

from refah.eligibility.models import Determination
from refah.eligibility.simulation import simulate
from refah.eligibility.tests.test_determinations import registry  # noqa: F401 - fixture

PERIOD = "2025-07"


def family_support(table):
    rows = table.filter(table["program"] == "family_support")
    return (
        rows.select("eligible_today", "eligible_changed", "monthly_cost_today_kurus", "monthly_cost_changed_kurus")
        .sum()
        .row(0)
    )


def test_lower_income_limit_reduces_coverage_and_cost(registry):  # noqa: F811
    # 1/3 × 22,104.67 = 7,368.22 per capita; 1/10 = 2,210.47 drops the households at 2,500 and 3,000 per capita
    table = simulate(period=PERIOD, changes={"family_support.last_band_ratio": "1/10"})
    eligible_today, eligible_changed, cost_today, cost_changed = family_support(table)
    assert eligible_changed == eligible_today - 2
    assert cost_changed < cost_today
    assert set(table["district"]) == {"TUR076002", "TUR076004"}
    assert Determination.objects.count() == 0


def test_higher_income_limit_never_reduces_coverage(registry):  # noqa: F811
    table = simulate(period=PERIOD, changes={"family_support.last_band_ratio": "2"})
    eligible_today, eligible_changed, *_ = family_support(table)
    assert eligible_changed > eligible_today


def test_command_prints_and_writes_csv(registry, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "sim.csv"
    call_command("simulate", "--set", "family_support.last_band_ratio=1/10", "--period", PERIOD, "--csv", str(out))
    assert "family_support" in capsys.readouterr().out
    assert out.read_text().startswith("district,district_name,program")


@pytest.mark.django_db
def test_command_refuses_unknown_parameter():
    with pytest.raises(CommandError):
        call_command("simulate", "--set", "nope.nothing=1", "--period", PERIOD)


def test_simulation_page_and_csv_for_a_program_manager(registry, make_staff, office_province):  # noqa: F811
    from django.test import Client

    from refah.accounts.enums import Role

    client = Client()
    client.force_login(make_staff(office_province, Role.PROGRAM_MANAGER))
    query = {"period": PERIOD, "changes": "family_support.last_band_ratio=1/10"}
    page = client.get("/eligibility/simulate/", query)
    assert page.status_code == 200 and "family_support" in page.content.decode()
    csv = client.get("/eligibility/simulate/", {**query, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and b"TUR076004" in csv.content


def test_simulation_page_needs_permission(caseworker, client):
    client.force_login(caseworker)
    assert client.get("/eligibility/simulate/").status_code == 403
