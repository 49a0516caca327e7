"""The dashboard, drill-down, targets and API as different roles: the manager sees and drills down, a caseworker is
refused, another district's records are absent, small cells are hidden from those who may not drill down."""

import datetime as dt

import pytest
from django.test import Client

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent, AuditEvent
from refah.common.errors import PermissionDeniedError, RefahError
from refah.reports.kpi import services
from refah.reports.kpi.models import Indicator, IndicatorTarget
from refah.reports.kpi.refresh import indicators_refresh
from refah.reports.tests import kpi_world

YEAR = kpi_world.YEAR


@pytest.fixture
def world(merkez, tuzluca, office_merkez, office_tuzluca, office_province, make_staff):
    made = kpi_world.build(
        merkez=merkez, tuzluca=tuzluca, office_merkez=office_merkez, office_tuzluca=office_tuzluca,
        office_province=office_province, make_staff=make_staff,
    )  # fmt: skip
    indicators_refresh(as_of=dt.date(YEAR, 12, 31))
    return made


def test_dashboard_drilldown_and_roles(world, make_staff, office_merkez, office_tuzluca, merkez, igdir):
    manager = world["manager"]
    services.target_set(
        actor=manager, indicator=Indicator.objects.get(code="families_aided"), year=YEAR, value="3",
        province_id=igdir.pk,
    )  # fmt: skip
    client = Client()
    client.force_login(manager)
    page = client.get(f"/reports/indicators/?year={YEAR}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "PG4.1.1" in text and "TUZLUCA" in text and "<svg" in text and "kpi-on_track" in text
    assert "Stratejik plan göstergeleri" in text and "Bu değerin dayandığı kayıtlar" in text  # Turkish screen
    assert "Strategic plan" not in text and "Higher is better" not in text
    late = client.get(f"/reports/indicators/first_decided_on_time/records/?year={YEAR}")
    assert late.status_code == 200 and world["m"][1].reference_code in late.content.decode()
    assert world["m"][0].reference_code not in late.content.decode()  # decided on time
    assert AccessEvent.objects.filter(kind="household_list", actor=manager).exists()
    # a district's caseworker: no dashboard
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    client.force_login(caseworker)
    assert client.get(f"/reports/indicators/?year={YEAR}").status_code == 403
    # a supervisor of Tuzluca drills down: Merkez's households are absent, another area is not found
    supervisor = make_staff(office_tuzluca, Role.SUPERVISOR)
    client.force_login(supervisor)
    aided = client.get(f"/reports/indicators/families_aided/records/?year={YEAR}").content.decode()
    assert world["t"][0].reference_code in aided and world["m"][0].reference_code not in aided
    assert client.get(f"/reports/indicators/?year={YEAR}&district={merkez.pk}").status_code == 404


def test_small_cells_hidden_without_drilldown(world, make_staff, office_province):
    analyst = make_staff(office_province, Role.ANALYST)
    client = Client()
    client.force_login(analyst)
    page = client.get(f"/reports/indicators/?year={YEAR}").content.decode()
    assert "•" in page and "Bu değerin dayandığı kayıtlar" not in page and "/records/" not in page
    assert client.get(f"/reports/indicators/families_aided/records/?year={YEAR}").status_code == 403


def test_targets_validated_audited_and_permission(world, make_staff, office_merkez, office_tuzluca, merkez, igdir):
    manager = world["manager"]
    indicator = Indicator.objects.get(code="payments_on_time")
    for bad, field in (({"year": "x"}, "year"), ({"value": "101"}, "value"), ({"value": "-1"}, "value")):
        with pytest.raises(RefahError) as err:
            services.target_set(
                actor=manager, indicator=indicator, **{"year": YEAR, "value": "90", "province_id": igdir.pk, **bad}
            )
        assert err.value.field == field
    with pytest.raises(RefahError) as err:  # a provincial manager cannot set the national target
        services.target_set(actor=manager, indicator=indicator, year=YEAR, value="90")
    assert err.value.field == "province"
    assert not IndicatorTarget.objects.exists()
    services.target_set(actor=manager, indicator=indicator, year=YEAR, value="90", province_id=igdir.pk)
    target = services.target_set(actor=manager, indicator=indicator, year=YEAR, value="95", province_id=igdir.pk)
    assert IndicatorTarget.objects.get().value == 95
    event = AuditEvent.objects.filter(action="kpi_target_set", object_id=str(target.pk)).order_by("-at").first()
    assert event.before["value"] == "90.00" and event.after["value"] == "95.00"
    with pytest.raises(PermissionDeniedError):
        services.target_set(
            actor=make_staff(office_merkez, Role.ANALYST), indicator=indicator, year=YEAR, value="1",
            district_id=merkez.pk,
        )  # fmt: skip
    district_manager = make_staff(office_tuzluca, Role.PROGRAM_MANAGER)
    with pytest.raises(RefahError):  # Merkez is outside Tuzluca's jurisdiction
        services.target_set(actor=district_manager, indicator=indicator, year=YEAR, value="1", district_id=merkez.pk)
    client = Client()
    client.force_login(manager)
    answer = client.post("/reports/indicators/targets/", {"indicator": "caseload", "year": "2025", "value": "abc"})
    assert answer.status_code == 400


def test_api_indicators_and_target(world, api_client_for, igdir, merkez):
    api = api_client_for(world["manager"])
    answer = api.get(f"/api/v1/reports/indicators?year={YEAR}&district={merkez.pk}")
    assert answer.status_code == 200, answer.content
    found = {row["code"]: row for row in answer.json()["indicators"]}
    assert found["families_aided"]["value"] == "3.00" or float(found["families_aided"]["value"]) == 3
    assert found["satisfaction"]["n"] == 4 and found["satisfaction"]["margin"] is not None
    months = {m["month"]: float(m["value"]) for m in found["families_aided"]["months"]}
    assert months[1] == 2 and months[3] == 1  # January: m0 and m1; March: m2's aid record
    put = api.put(
        "/api/v1/reports/indicators/targets",
        {"indicator": "caseload", "year": YEAR, "value": "1.2", "province": igdir.pk},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    bad = api.put(
        "/api/v1/reports/indicators/targets",
        {"indicator": "caseload", "year": YEAR, "value": "x", "province": igdir.pk},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "value"


def test_refresh_on_demand_is_a_background_report_and_a_daily_timer(
    world, api_client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    from refah.common.tests.timers import run_pending
    from refah.common.timers import TIMERS
    from refah.reports.kpi.models import IndicatorFigure
    from refah.reports.models import ReportJob
    from refah.reports.tasks import report_job_run

    assert "reports_refresh_indicators" in TIMERS and settings.REFAH_TIMERS_EVERY["reports_refresh_indicators"]
    settings.MEDIA_ROOT = tmp_path
    IndicatorFigure.objects.all().delete()
    api = api_client_for(world["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post("/api/v1/reports/indicators/refresh")
    assert answer.status_code == 202, answer.content
    run_pending(report_job_run)
    job = ReportJob.objects.get(pk=answer.json()["id"])
    assert job.status == "done" and job.filename.endswith(".csv")
    assert IndicatorFigure.objects.exists()
