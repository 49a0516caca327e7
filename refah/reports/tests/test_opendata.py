"""Open data over a small hand-built world (two districts of Iğdır): each dataset's figures, the published files
(CSV, JSON), pages and API answers without sign-in, no count below the threshold and no personal data anywhere,
and the publisher's release (audited, older ones removed)."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from refah.accounts.enums import Role
from refah.asdep.models import Round, Team, Visit
from refah.audit.models import AuditEvent
from refah.cases.models import Application, ProgramDecision
from refah.casework.enums import ServiceKind
from refah.casework.models import Referral, SocialCase
from refah.casework.tests.factories import ServiceFactory
from refah.eligibility.models import Determination
from refah.payments.models import Entitlement, PaymentCycle
from refah.registry.models import Household, Person
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory
from refah.reports.opendata import selectors
from refah.reports.opendata.datasets import DATASETS, eligibility_period
from refah.reports.opendata.models import OpenDataRelease, OpenDataRow
from refah.reports.opendata.publish import open_data_publish

MARCH = dt.date(2025, 3, 1)
IGDIR, MERKEZ, TUZLUCA = "TUR076", "TUR076002", "TUR076004"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def households(district, n: int) -> list[Household]:
    out = []
    for _ in range(n):
        household = HouseholdFactory(district=district)
        MembershipFactory(household=household, person=PersonFactory())
        out.append(household)
    return out


@pytest.fixture
def world(merkez, tuzluca, office_merkez, make_staff):
    user = make_staff(office_merkez, Role.CASEWORKER)
    m = households(merkez, 8)
    t = households(tuzluca, 2)
    gone = HouseholdFactory(district=tuzluca)  # nobody lives there any more: not in the registry's count
    MembershipFactory(household=gone, person=PersonFactory(), left_on=dt.date(2024, 5, 1))
    # aid paid: income support, March — 6 Merkez households paid, one waiting (not paid); coal delivered to 1
    cycle = PaymentCycle.objects.create(program="income_support", period_start=MARCH, kind="monthly")
    coal = PaymentCycle.objects.create(program="heating_aid", period_start=MARCH, kind="seasonal")
    common = {"period_start": MARCH, "inputs_hash": "x", "created_at": timezone.now()}
    for i, household in enumerate(m[:7]):
        Entitlement.objects.create(
            cycle=cycle,
            household=household,
            program="income_support",
            amount_kurus=100_000 + i * 50,
            channel="aid_card",
            status="paid" if i < 6 else "pending",
            **common,
        )
    Entitlement.objects.create(
        cycle=coal,
        household=m[0],
        program="heating_aid",
        amount_kurus=800,
        unit="kg",
        channel="in_kind",
        status="delivered",
        **common,
    )
    # applications: 7 received in Merkez in March; 6 decided in March (4 approved, 2 refused; 5 within 30 days);
    # one decided late in April; one only deferred (not a decision)
    for i, household in enumerate(m[:7]):
        app = Application.objects.create(
            reference=f"B-{i}", household=household, office=office_merkez, channel="counter", due_on=MARCH
        )
        Application.objects.filter(pk=app.pk).update(created_at=at(dt.date(2025, 3, 1)))
        if i == 6:
            ProgramDecision.objects.create(
                application=app,
                household=household,
                program="income_support",
                round=1,
                outcome="deferred",
                meeting_ref="T1",
                decided_at=at(dt.date(2025, 3, 10)),
                decided_by=user,
            )
            continue
        day = dt.date(2025, 3, 20) if i < 5 else dt.date(2025, 3, 31)  # 31 March is day 30: within the standard
        if i == 5:
            day = dt.date(2025, 4, 2)  # 32 days: late
        ProgramDecision.objects.create(
            application=app,
            household=household,
            program="income_support",
            round=1,
            outcome="approved" if i < 4 else "rejected",
            meeting_ref="T1",
            decided_at=at(day),
            decided_by=user,
        )
    # social services: 5 family-counselling referrals in Merkez in March, one SHM case opened from one of them
    service = ServiceFactory(kind=ServiceKind.FAMILY_COUNSELLING, office=office_merkez)
    for household in m[:5]:
        referral = Referral.objects.create(
            household=household, service=service, source="counter", reason="r", deadline=MARCH
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=at(dt.date(2025, 3, 5)))
    SocialCase.objects.create(
        household=m[0], office=office_merkez, referral=referral, reason="r", opened_on=dt.date(2025, 3, 6)
    )
    # ASDEP: 6 visits in Tuzluca and Merkez in March
    round_ = Round.objects.create(
        office=office_merkez, name="R", starts_on=MARCH, ends_on=dt.date(2025, 3, 31), planned_by=user
    )
    team = Team.objects.create(round=round_, number=1)
    for household in [*m[:4], *t]:
        Visit.objects.create(
            round=round_,
            team=team,
            household=household,
            planned_on=MARCH,
            outcome="visited",
            visited_on=dt.date(2025, 3, 12),
        )
    # eligibility: March, income support eligible for 6 Merkez households and 1 Tuzluca, 1 not eligible
    for household in [*m[:6], t[0]]:
        Determination.objects.create(
            household=household, program="income_support", period=MARCH, eligible=True, frequency="monthly"
        )
    Determination.objects.create(
        household=m[6], program="income_support", period=MARCH, eligible=False, frequency="monthly"
    )
    return {"merkez": m, "tuzluca": t, "user": user}


def by_key(records, *dims):
    return {tuple(r[d] for d in dims): r for r in records}


def test_each_datasets_records_are_the_worlds_figures(world):
    context = {"eligibility_period": eligibility_period(dt.date(2025, 6, 1))}
    assert context["eligibility_period"] == MARCH
    aid = by_key(DATASETS["aid_paid"].records(context), "area", "program", "period")
    income = aid[((IGDIR, MERKEZ), ("income_support",), ("2025", "2025-03"))]
    assert income["households"] == 6 and income["amount_try"] == sum(100_000 + i * 50 for i in range(6))
    coal = aid[((IGDIR, MERKEZ), ("heating_aid",), ("2025", "2025-03"))]
    assert coal["households"] == 1 and coal["amount_try"] == 0  # in kind: no lira
    apps = by_key(DATASETS["applications"].records(context), "area", "period")
    march = apps[((IGDIR, MERKEZ), ("2025", "2025-03"))]
    assert (march["received"], march["decided"], march["approved"], march["refused"]) == (7, 5, 4, 1)
    assert (march["decided_within_standard"], march["decided_late"]) == (5, 0)
    april = apps[((IGDIR, MERKEZ), ("2025", "2025-04"))]
    assert (april["received"], april["decided"], april["refused"], april["decided_late"]) == (0, 1, 1, 1)
    services = by_key(DATASETS["social_services"].records(context), "area", "service_kind", "period")
    counselling = services[((IGDIR, MERKEZ), ("family_counselling",), ("2025", "2025-03"))]
    assert (counselling["referrals"], counselling["shm_cases_opened"]) == (5, 1)
    visits = by_key(DATASETS["asdep_visits"].records(context), "area")
    assert visits[((IGDIR, MERKEZ),)]["visits"] == 4 and visits[((IGDIR, TUZLUCA),)]["visits"] == 2
    registry = by_key(DATASETS["registry_households"].records(context), "area")
    assert registry[((IGDIR, MERKEZ),)]["households"] == 8 and registry[((IGDIR, TUZLUCA),)]["households"] == 2
    eligible = by_key(DATASETS["eligible_households"].records(context), "area", "program")
    assert eligible[((IGDIR, MERKEZ), ("income_support",))]["households"] == 6
    assert eligible[((IGDIR, TUZLUCA), ("income_support",))]["households"] == 1


def rows_of_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


MEASURES = {code: [m.code for m in d.measures if not m.money] for code, d in DATASETS.items()}


def test_published_files_pages_and_api_need_no_sign_in_and_show_no_small_count(world, office_province, make_staff):
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)
    release = open_data_publish(actor=manager)
    assert AuditEvent.objects.filter(action="open_data_publish", object_id=str(release.pk)).exists()
    client = Client()  # nobody signed in
    secrets = set()
    for household in [*world["merkez"], *world["tuzluca"]]:
        secrets.add(household.reference_code)
        secrets.add(str(household.pk))
    for person in Person.objects.all():
        secrets.update({person.national_id or "", person.first_name, person.last_name, str(person.pk)} - {""})
    answers = [client.get("/open-data/"), client.get("/open-data/how-aid-is-decided/")]
    for code in DATASETS:
        for query in ("", f"?province={IGDIR}", "?province=76&year=2025" if "period" in DATASETS[code].dims else ""):
            csv_answer = client.get(f"/open-data/{code}.csv{query}")
            json_answer = client.get(f"/open-data/{code}.json{query}")
            api_answer = client.get(f"/api/v1/open-data/datasets/{code}/rows{query}")
            page = client.get(f"/open-data/{code}/{query}")
            assert {a.status_code for a in (csv_answer, json_answer, api_answer, page)} == {200}, code
            answers += [csv_answer, json_answer, api_answer, page]
            rows = rows_of_csv(csv_answer.content)
            assert rows and list(rows[0])[-1] == "suppressed"
            for row in rows:
                for measure in MEASURES[code]:
                    value = row[measure]
                    assert value == "" or not 0 < int(value) < 5, (code, row)
                    assert (value == "") == (measure in row["suppressed"].split()), (code, row)
            payload = json.loads(json_answer.content)
            assert payload == json.loads(api_answer.content)
            assert payload["threshold"] == 5 and payload["licence"]["code"] == "CC-BY-4.0" and payload["generated_at"]
            for row in payload["rows"]:
                for measure in MEASURES[code]:
                    assert row[measure] is None or not 0 < row[measure] < 5
    answers.append(client.get("/api/v1/open-data/datasets"))
    for answer in answers:
        text = answer.content.decode("utf-8")
        for secret in secrets:
            assert secret not in text, secret


def test_the_registry_table_hides_a_small_district_and_its_sibling(world):
    open_data_publish()
    client = Client()
    rows = rows_of_csv(client.get(f"/open-data/registry_households.csv?province={IGDIR}").content)
    shown = {row["district_code"]: row["households"] for row in rows}
    # Tuzluca's 2 are hidden, and Merkez with them (else 10 − 8 would give them away); Iğdır's 10 stays
    assert shown == {MERKEZ: "", TUZLUCA: "", "": "10"}
    assert {row["district"] for row in rows} == {"IĞDIR", "TUZLUCA", "Toplam"}
    page = client.get(f"/open-data/registry_households/?province={IGDIR}").content.decode()
    assert "•" in page and ">10<" in page


def test_amounts_are_decimal_lira_and_shown_cells_true(world):
    open_data_publish()
    payload = json.loads(Client().get("/api/v1/open-data/datasets/aid_paid/rows?year=2025").content)
    total = next(r for r in payload["rows"] if r["province_code"] == "" and r["program"] == "" and r["month"] == "")
    # 7 households (6 income support + 1 coal) in March 2025; lira to the kuruş
    assert total["households"] == 7
    assert Decimal(total["amount_try"]) == Decimal(sum(100_000 + i * 50 for i in range(6))) / 100
    assert isinstance(total["amount_try"], str) and total["amount_try"] == "6007.50"


def test_bad_slices_say_which_field_and_an_unpublished_catalogue_says_so(world):
    client = Client()
    assert client.get("/open-data/").status_code == 200
    assert client.get("/api/v1/open-data/datasets/aid_paid/rows").status_code == 404
    open_data_publish()
    answer = client.get("/api/v1/open-data/datasets/aid_paid/rows?province=XX")
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "province"
    answer = client.get("/api/v1/open-data/datasets/registry_households/rows?year=2025")
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "year"
    assert client.get("/open-data/aid_paid.csv?year=20x5").status_code == 400
    assert client.get("/open-data/nope.csv").status_code == 404
    assert client.get("/api/v1/open-data/datasets/nope").status_code == 404


def test_only_the_last_two_releases_are_kept_and_staff_need_the_permission(world, make_staff, office_merkez):
    first = open_data_publish()
    open_data_publish()
    third = open_data_publish()
    assert not OpenDataRelease.objects.filter(pk=first.pk).exists()
    assert not OpenDataRow.objects.filter(release_id=first.pk).exists()
    assert selectors.release_latest() == third
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    from refah.common.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        open_data_publish(actor=caseworker)


def test_the_command_publishes_and_says_what(db, capsys):
    from django.core.management import call_command

    call_command("opendata", "publish")
    out = capsys.readouterr().out
    assert "aid_paid: 0 rows, 0 hidden cells" in out
    assert OpenDataRelease.objects.count() == 1


def test_staff_publish_now_as_a_long_report_and_get_every_national_file(
    world, make_staff, office_province, settings, tmp_path, django_capture_on_commit_callbacks
):
    import zipfile

    from refah.common.tests.timers import run_pending
    from refah.reports import jobs
    from refah.reports.tasks import report_job_run

    settings.MEDIA_ROOT = tmp_path
    analyst = make_staff(office_province, Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_request(actor=analyst, kind="opendata", language="tr")
    run_pending(report_job_run)
    job.refresh_from_db()
    assert job.status == "done", job.error
    _, data = jobs.job_file(user=analyst, job_id=job.pk)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == sorted(f"{code}-TUR-all.{ext}" for code in DATASETS for ext in ("csv", "json"))
    registry = rows_of_csv(archive.read("registry_households-TUR-all.csv"))
    assert {r["district"]: r["households"] for r in registry} == {"IĞDIR": "", "TUZLUCA": "", "Toplam": "10"}
    assert OpenDataRelease.objects.count() == 1
    from refah.common.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):  # a caseworker may not ask for it
        jobs.job_request(actor=make_staff(office_province, Role.CASEWORKER), kind="opendata")
