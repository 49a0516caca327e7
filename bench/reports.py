"""Benchmark of the reports: the indicators' snapshot refresh and the dashboard on a registry of N households.

    .venv/bin/python bench/reports.py --households 1000000                    # build the database, then time
    .venv/bin/python bench/reports.py --reuse --database-url postgres://…/refah_bench   # time an existing one

Sections (functions), each printed with its seconds:
1. registry_build(): the synthetic registry (bench/registry_load.py, the synth loader) into a fresh PostgreSQL
   database, unless --reuse;
2. activity_generate(): what the indicators read, set-wise in SQL (INSERT … SELECT from the households and
   generate_series, never a Python loop per row): offices and social workers per district, applications with
   first and re-investigation decision rounds, a year of monthly payment cycles with entitlements, batches and
   paid lines, employment and service referrals, SHM cases, survey answers; skipped when already there;
3. refresh_time(): indicators_refresh() (every indicator, every year, every area), once;
4. dashboard_time(): the real dashboard view through the test Client, as the ministry's manager (the whole
   country, breakdown by province) and as a province's manager, median of --runs, and the API answer;
   printing the figures.
5. booklet_time(): the province booklet (refah/reports/booklet) of the province with the most households, in
   Turkish, once — with `--province 34` the whole registry is one province, as the issue asks ("a province of
   that size").
Never run as a test.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/refah_bench"
YEAR = 2026


def registry_build(url: str, households: int, provinces: list[int] | None = None) -> None:
    """The synthetic registry in a fresh database (the registry load benchmark, its own output shown)."""
    command = [sys.executable, str(ROOT / "bench/registry_load.py"), "--households", str(households)]
    for plate in provinces or ():
        command += ["--province", str(plate)]
    subprocess.run([*command, "--database-url", url], check=True, cwd=ROOT)


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("REFAH_DEBUG", "0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _execute(sql: str, params=()) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


def _staff(kind_sql: str) -> None:
    """Offices of every district and province, and a social worker per district office (set-wise)."""
    _execute(
        f"""INSERT INTO accounts_office (id, created_at, updated_at, name, kind, province_id, district_id)
            SELECT gen_random_uuid(), now(), now(), 'Bench ' || d.name, '{kind_sql}', d.province_id, d.id
              FROM geo_district d"""
    )
    _execute(
        """INSERT INTO accounts_office (id, created_at, updated_at, name, kind, province_id, district_id)
           SELECT gen_random_uuid(), now(), now(), 'Bench il ' || p.name, 'shm', p.id, NULL FROM geo_province p"""
    )


def activity_generate() -> dict:
    """The rows the indicators read, generated in SQL from the registry; their counts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from refah.accounts.enums import Role

    User = get_user_model()
    if _execute("SELECT 1 FROM cases_application WHERE reference LIKE 'B%%' LIMIT 1") > 0:
        return {"reused": 1}
    with transaction.atomic():
        _staff("sydv")
        bench, _ = User.objects.get_or_create(username="bench-manager")
        uid = bench.pk
        group, _ = Group.objects.get_or_create(name=Role.SOCIAL_WORKER)
        # two social workers per district office
        _execute(
            """INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                      is_active, date_joined)
               SELECT '!', false, 'bench-sw-' || o.district_id || '-' || g, '', '', '', false, true, now()
                 FROM accounts_office o CROSS JOIN generate_series(1, 2) g
                WHERE o.name LIKE 'Bench %%' AND o.district_id IS NOT NULL"""
        )
        _execute(
            """INSERT INTO accounts_staffprofile (user_id, office_id, title)
               SELECT u.id, o.id, '' FROM auth_user u
                 JOIN accounts_office o ON o.district_id = split_part(u.username, '-', 3)::bigint
                                       AND o.name LIKE 'Bench %%' AND o.district_id IS NOT NULL
                WHERE u.username LIKE 'bench-sw-%%'"""
        )
        _execute(
            "INSERT INTO auth_user_groups (user_id, group_id) SELECT id, %s FROM auth_user "
            "WHERE username LIKE 'bench-sw-%%'",
            [group.pk],
        )
        _execute("ANALYZE accounts_office")
        _execute("ANALYZE auth_user")
        counts = {}
        # applications of one household in five, decided 5–45 days later (round 1); one in ten objected
        counts["applications"] = _execute(
            f"""INSERT INTO cases_application (id, created_at, updated_at, reference, household_id, office_id,
                       channel, status, due_on, idempotency_scope, request_hash, note, decision_round, decided_at)
                SELECT gen_random_uuid(), ts, ts, 'B' || lpad(n::text, 9, '0'), h.id, o.id, 'counter', 'approved',
                       (ts + interval '30 days')::date, '', '', '', 1, ts + (5 + n %% 41) * interval '1 day'
                  FROM (SELECT h.*, row_number() OVER () AS n,
                               timestamptz '{YEAR}-01-01 09:00+03' + (random() * 300) * interval '1 day' AS ts
                          FROM registry_household h) h
                  JOIN accounts_office o ON o.district_id = h.district_id AND o.name LIKE 'Bench %%'
                 WHERE h.n %% 5 = 0"""
        )
        counts["decisions"] = _execute(
            """INSERT INTO cases_programdecision (id, created_at, updated_at, application_id, household_id, program,
                       round, outcome, reason_codes, justification, deviates_from_score, meeting_ref, decided_at,
                       decided_by_id)
               SELECT gen_random_uuid(), a.decided_at, a.decided_at, a.id, a.household_id, 'family_support', 1,
                      'approved', '[]', '', false, 'bench', a.decided_at, %s
                 FROM cases_application a WHERE a.reference LIKE 'B%%'""",
            [uid],
        )
        _execute("ANALYZE cases_application")
        _execute(
            """INSERT INTO cases_caseevent (at, actor_label, action, from_status, to_status, reason, application_id)
               SELECT a.decided_at + interval '10 days', 'bench', 'object', 'approved', 'objected', '', a.id
                 FROM cases_application a WHERE a.reference LIKE 'B%%' AND substr(a.reference, 2)::int %% 10 = 0"""
        )
        _execute("ANALYZE cases_caseevent")
        counts["decisions"] += _execute(
            """INSERT INTO cases_programdecision (id, created_at, updated_at, application_id, household_id, program,
                       round, outcome, reason_codes, justification, deviates_from_score, meeting_ref, decided_at,
                       decided_by_id)
               SELECT gen_random_uuid(), e.at, e.at, a.id, a.household_id, 'family_support', 2, 'approved', '[]',
                      '', false, 'bench', e.at + (3 + substr(a.reference, 2)::int %% 20) * interval '1 day', %s
                 FROM cases_application a JOIN cases_caseevent e ON e.application_id = a.id
                WHERE a.reference LIKE 'B%%' AND e.to_status = 'objected'""",
            [uid],
        )
        # a year of monthly cycles; one household in four entitled each month, paid by bank (lines 1–4 days after
        # the execution date on the 15th)
        _execute(
            f"""INSERT INTO payments_paymentcycle (id, created_at, updated_at, program, period_start, kind, months,
                       status, entitlement_count, total_kurus)
                SELECT gen_random_uuid(), now(), now(), 'bench_support', make_date({YEAR}, m, 1), 'monthly', 1,
                       'computed', 0, 0 FROM generate_series(1, 12) m"""
        )
        _execute("ANALYZE payments_paymentcycle")
        counts["entitlements"] = _execute(
            """INSERT INTO payments_entitlement (program, period_start, amount_kurus, unit, recipient_name,
                       recipient_identifier, channel, iban, inputs_hash, status, created_at, household_id, cycle_id)
               SELECT 'bench_support', c.period_start, 150000, 'TRY', '', '', 'bank', '', md5(h.id::text || c.id::text),
                      'pending', c.created_at, h.id, c.id
                 FROM (SELECT id, row_number() OVER () AS n FROM registry_household) h
                CROSS JOIN payments_paymentcycle c
                WHERE c.program = 'bench_support' AND h.n %% 4 = 1"""
        )
        _execute(
            """INSERT INTO payments_paymentbatch (id, created_at, updated_at, cycle_id, office_id, channel, status,
                       debtor_name, debtor_iban, execution_date, line_count, total_kurus, created_by_id)
               SELECT gen_random_uuid(), now(), now(), c.id, o.id, 'bank', 'reconciled', 'SYDV',
                      'TR000000000000000000000000', c.period_start + 14, 0, 0, %s
                 FROM payments_paymentcycle c CROSS JOIN accounts_office o
                WHERE c.program = 'bench_support' AND o.name LIKE 'Bench il %%'""",
            [uid],
        )
        _execute("ANALYZE payments_entitlement")
        _execute("ANALYZE payments_paymentbatch")
        counts["payment_lines"] = _execute(
            """INSERT INTO payments_paymentline (batch_id, entitlement_id, amount_kurus, recipient_name,
                       recipient_identifier, iban, status, reason, status_at)
               SELECT b.id, e.id, e.amount_kurus, '', '', '', 'paid', '',
                      (b.execution_date + 1 + (e.id %% 4)::int)::timestamp AT TIME ZONE 'Europe/Istanbul'
                      + interval '10 hours'
                 FROM payments_entitlement e JOIN registry_household h ON h.id = e.household_id
                 JOIN accounts_office o ON o.province_id = h.province_id AND o.name LIKE 'Bench il %%'
                 JOIN payments_paymentbatch b ON b.cycle_id = e.cycle_id AND b.office_id = o.id
                WHERE e.program = 'bench_support'"""
        )
        counts["employment_referrals"] = _execute(
            f"""INSERT INTO employment_referral (id, created_at, updated_at, person_id, household_id, referred_on,
                       referred_by_id, status, jobseeker_ref, iskur_error, close_reason, closed_on)
                SELECT gen_random_uuid(), now(), now(), m.person_id, m.household_id,
                       make_date({YEAR}, 1, 1) + (m.n %% 330)::int, %s, 'closed', '', '', '', now()::date
                  FROM (SELECT person_id, household_id, row_number() OVER () AS n FROM registry_membership
                         WHERE left_on IS NULL) m
                 WHERE m.n %% 40 = 0""",
            [uid],
        )
        _execute(
            """INSERT INTO casework_service (id, created_at, updated_at, kind, name, provider_kind, provider_name,
                       phone, days_to_answer, active)
               VALUES (gen_random_uuid(), now(), now(), 'family_counselling', 'Bench', 'shm', 'Bench SHM', '', 10,
                       true)"""
        )
        counts["service_referrals"] = _execute(
            f"""INSERT INTO casework_referral (id, created_at, updated_at, household_id, service_id, status, source,
                       source_ref, reason, deadline, escalation_level, closed_on, outcome, declined_reason)
                SELECT gen_random_uuid(), now(), now(), h.id, s.id, CASE WHEN h.n %% 3 = 0 THEN 'open' ELSE 'done' END,
                       'asdep_visit', '', 'bench', make_date({YEAR}, 1, 1) + (h.n %% 330)::int, 0,
                       CASE WHEN h.n %% 3 = 0 THEN NULL ELSE make_date({YEAR}, 1, 1) + (h.n %% 330)::int
                            + (h.n %% 7)::int - 2 END, '', ''
                  FROM (SELECT id, row_number() OVER () AS n FROM registry_household) h
                 CROSS JOIN (SELECT id FROM casework_service WHERE name = 'Bench') s
                 WHERE h.n %% 50 = 0"""
        )
        counts["social_cases"] = _execute(
            f"""INSERT INTO casework_socialcase (id, created_at, updated_at, household_id, office_id, status, reason,
                       opened_on, outcome, outcome_note)
                SELECT gen_random_uuid(), now(), now(), h.id, o.id, 'in_progress', 'bench',
                       make_date({YEAR}, 1, 1) + (h.n %% 300)::int, '', ''
                  FROM (SELECT id, district_id, row_number() OVER () AS n FROM registry_household) h
                  JOIN accounts_office o ON o.district_id = h.district_id AND o.name LIKE 'Bench %%'
                 WHERE h.n %% 100 = 0"""
        )
        counts["survey_answers"] = _execute(
            f"""INSERT INTO reports_surveyresponse (id, district_id, year, month, outcome, channel, satisfaction,
                       fairness)
                SELECT gen_random_uuid(), h.district_id, {YEAR}, 1 + h.n %% 12, 'approved', 'portal',
                       1 + (h.n / 20 * 7) %% 5, 1 + (h.n / 20 * 3) %% 5
                  FROM (SELECT district_id, row_number() OVER () AS n FROM registry_household) h
                 WHERE h.n %% 20 = 0"""
        )
    _execute("ANALYZE")
    return counts


def refresh_time() -> float:
    from django.utils import timezone

    from refah.reports.kpi.refresh import indicators_refresh

    started = time.perf_counter()
    stage = {"name": "", "at": started}

    def progress(percent: int, name: str) -> None:  # each step's seconds as the refresh reports its progress
        now = time.perf_counter()
        if stage["name"]:
            print(f"  {stage['name'][:48]:<48} {now - stage['at']:8.2f} s", flush=True)
        stage.update(name=name, at=now)

    stored = indicators_refresh(as_of=timezone.localdate(), progress=progress)
    progress(100, "")
    seconds = time.perf_counter() - started
    print(f"refresh            {seconds:8.2f} s  ({stored:,} figures stored)")
    return seconds


def _manager(province=None):
    from django.contrib.auth import get_user_model

    from refah.accounts.enums import OfficeKind, Role
    from refah.accounts.models import Office
    from refah.accounts.services import office_create, staff_create

    User = get_user_model()
    name = f"bench-kpi-{province.plate if province else 'tr'}"
    found = User.objects.filter(username=name).first()
    if found:
        return found
    office = Office.objects.filter(name=f"Bench KPI {name}").first() or office_create(
        actor=None, name=f"Bench KPI {name}", kind=OfficeKind.MINISTRY if province is None else OfficeKind.SHM,
        province=province,
    )  # fmt: skip
    return staff_create(
        actor=None, username=name, password="pw-Refah-2026", office=office, roles=[Role.PROGRAM_MANAGER]
    ).user


def dashboard_time(runs: int) -> dict:
    """The dashboard view (test Client) for the country and for the largest province, median of `runs`."""
    from django.db.models import Count
    from django.test import Client

    from refah.geo.models import Province

    largest = Province.objects.annotate(n=Count("districts__household")).order_by("-n").first()
    results = {}
    for label, user, url in (
        ("dashboard country", _manager(), f"/reports/indicators/?year={YEAR}"),
        (f"dashboard {largest.name}", _manager(largest), f"/reports/indicators/?year={YEAR}"),
        ("API country", _manager(), f"/api/v1/reports/indicators?year={YEAR}"),
    ):
        if label.startswith("API"):
            from refah.accounts.services import api_token_create

            _, secret = api_token_create(actor=None, user=user, name="bench")
            client = Client(HTTP_HOST="127.0.0.1", headers={"Authorization": f"Bearer {secret}"})
        else:
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            answer = client.get(url)
            times.append(time.perf_counter() - started)
            assert answer.status_code == 200, (url, answer.status_code)
        median = statistics.median(times)
        results[label] = median
        print(f"{label:<28} median {median * 1000:8.1f} ms  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})")
    return results


def figures_print() -> None:
    from refah.reports.kpi.models import IndicatorFigure

    print("figures (Türkiye, the year):")
    rows = IndicatorFigure.objects.filter(year=YEAR, month=0, province__isnull=True).select_related("indicator")
    for figure in rows.order_by("indicator__position"):
        extra = f" ± {figure.margin}" if figure.margin is not None else ""
        print(
            f"  {figure.indicator.plan_ref or '':8} {figure.indicator.code:<26} {figure.value!s:>12}{extra}"
            f"  (numerator {figure.numerator}, denominator {figure.denominator}, n {figure.n})"
        )


def booklet_time() -> float:
    """The booklet of the province with the most households (its year of activity), timed once."""
    from django.db.models import Count

    from refah.geo.models import Province
    from refah.reports.booklet.make import booklet_make

    largest = Province.objects.annotate(n=Count("districts__household")).order_by("-n").first()
    sections = []
    started = time.perf_counter()
    data = booklet_make(province=largest, year=YEAR, progress=lambda percent, stage: sections.append(stage))
    seconds = time.perf_counter() - started
    print(f"booklet {largest.name} ({largest.n:,} households) {seconds:8.2f} s  ({len(data):,} bytes)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="time an existing database (no registry load)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-refresh", action="store_true", help="time the dashboard on the stored snapshot only")
    parser.add_argument("--province", type=int, action="append", help="load the registry into this province (plate)")
    parser.add_argument("--no-booklet", action="store_true", help="leave the booklet's timing out")
    args = parser.parse_args()
    if not args.reuse:
        registry_build(args.database_url, args.households, args.province)
    django_setup(args.database_url)
    started = time.perf_counter()
    counts = activity_generate()
    print(f"activity           {time.perf_counter() - started:8.1f} s  {counts}")
    if not args.no_refresh:
        refresh_time()
    figures_print()
    dashboard_time(args.runs)
    if not args.no_booklet:
        booklet_time()


if __name__ == "__main__":
    main()
