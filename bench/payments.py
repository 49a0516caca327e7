"""Payments benchmark: compute a cycle and build + export the bank batch for 1,000,000 entitlements.

Recreates the database (DROP/CREATE), migrates, bulk-generates households (a reference man and a spouse
woman with an IBAN), eligible determinations and approved decisions with COPY, then times the three
steps a finance officer runs: compute the cycle (frozen entitlements), create the batch (lines), export
pain.001.001.09 XML. Target: ≤ 30 s in all on PostgreSQL. Prints figures and peak RSS. Not a test.

    .venv/bin/python bench/payments.py [--households 1000000]
"""

import argparse
import contextlib
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import polars as pl
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/refah_bench_payments"
PERIOD = dt.date(2025, 3, 1)
PROGRAM = "family_support"


def database_recreate(url: str) -> None:
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def uuids(n: int) -> pl.Series:
    text = os.urandom(16 * n).hex()
    return pl.Series([text[i : i + 32] for i in range(0, 32 * n, 32)], dtype=pl.String)


def copy_model(model, n: int, columns: dict) -> None:
    """COPY n rows into a model's table: given columns, every other field its default, null or ''."""
    from django.db import connection

    data = {}
    for field in model._meta.concrete_fields:
        if field.column in columns:
            value = columns[field.column]
        elif field.has_default():
            value = field.get_default()
            value = "{}" if value == {} else "[]" if value == [] else value
        elif field.null:
            value = None
        else:
            value = ""
        data[field.column] = value if isinstance(value, pl.Series) else pl.repeat(value, n, eager=True)
    frame = pl.DataFrame(data).with_columns(pl.col(pl.Boolean).cast(pl.String))
    names = ", ".join(f'"{c}"' for c in frame.columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN (FORMAT csv)") as copy,
    ):
        for chunk in frame.iter_slices(200_000):
            copy.write(chunk.write_csv(include_header=False, quote_style="non_numeric").encode())


@contextlib.contextmanager
def bulk_load(tables: list[str]) -> Iterator[None]:
    """For the COPYs: no foreign-key triggers (the generated keys match) and secondary indexes rebuilt once.

    Row-by-row index and foreign-key maintenance made generation take 805 s; a bulk index build takes seconds.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = ANY(%s::regclass[]) AND indexrelid NOT IN (SELECT conindid FROM pg_constraint)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = origin")
        for _name, definition in indexes:
            cursor.execute(definition)


def generate(n: int, office, user) -> None:
    from django.utils import timezone

    from refah.cases.models import Application, ProgramDecision
    from refah.eligibility.models import Determination
    from refah.geo.models import District, Neighbourhood
    from refah.payments.models import PayeeAccount
    from refah.registry.models import Household, Membership, Person

    now = timezone.now().isoformat()
    district = District.objects.get(pcode="TUR076002")
    hood, _ = Neighbourhood.objects.get_or_create(district=district, name_folded="BAGLAR", defaults={"name": "BAĞLAR"})
    models = [Household, Person, Membership, PayeeAccount, Determination, Application, ProgramDecision]
    with bulk_load([m._meta.db_table for m in models]):
        _copy_all(n, now, hood, office, user)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _copy_all(n: int, now: str, hood, office, user) -> None:
    from refah.cases.models import Application, ProgramDecision
    from refah.eligibility.models import Determination
    from refah.payments.iban import tr_iban_make
    from refah.payments.models import PayeeAccount
    from refah.registry.models import Household, Membership, Person

    households, men, women = uuids(n), uuids(n), uuids(n)
    idx = pl.Series(np.arange(n, dtype=np.int64))
    common = {"created_at": now, "updated_at": now}
    copy_model(
        Household,
        n,
        common
        | {
            "id": households,
            "reference_code": "B-" + idx.cast(pl.String),
            "province_id": hood.district.province_id,
            "district_id": hood.district_id,
            "neighbourhood_id": hood.pk,
            "dwelling_type": "apartment",
            "tenure": "tenant",
            "heating": "stove_coal",
        },
    )
    for ids, sex, first, prefix in ((men, "M", "Mehmet", "M"), (women, "F", "Ayşe", "W")):
        copy_model(
            Person,
            n,
            common
            | {
                "id": ids,
                "id_kind": "internal",
                "internal_id": prefix + idx.cast(pl.String),
                "first_name": first,
                "last_name": "Yılmaz",
                "name_folded": f"{first.upper()} YILMAZ",
                "birth_date": "1985-05-17",
                "sex": sex,
                "marital_status": "married",
                "employment_status": "unemployed",
            },
        )
    for ids, role in ((men, "reference"), (women, "spouse")):
        copy_model(
            Membership,
            n,
            common
            | {"id": uuids(n), "household_id": households, "person_id": ids, "role": role, "joined_on": "2020-01-01"},
        )
    copy_model(
        PayeeAccount,
        n,
        common | {"id": uuids(n), "person_id": women, "iban": pl.Series([tr_iban_make(f"{i:022d}") for i in range(n)])},
    )
    amounts = pl.Series(np.random.default_rng(42).integers(85_000, 125_001, n))
    copy_model(
        Determination,
        n,
        common
        | {
            "id": uuids(n),
            "household_id": households,
            "program": PROGRAM,
            "period": PERIOD.isoformat(),
            "eligible": True,
            "amount_kurus": amounts,
            "frequency": "monthly",
            "unit": "TRY",
            "rulebook_version": "bench",
            "input_hash": uuids(n),
            "recipient_id": women,  # the engine's choice for family_support: the adult woman spouse
        },
    )
    applications = uuids(n)
    copy_model(
        Application,
        n,
        common
        | {
            "id": applications,
            "reference": "BA" + idx.cast(pl.String),
            "household_id": households,
            "office_id": office.pk.hex,
            "channel": "counter",
            "status": "decided",
            "due_on": "2025-02-28",
        },
    )
    copy_model(
        ProgramDecision,
        n,
        common
        | {
            "id": uuids(n),
            "application_id": applications,
            "household_id": households,
            "program": PROGRAM,
            "round": 1,
            "outcome": "approved",
            "meeting_ref": "bench",
            "decided_at": "2025-02-10T10:00:00+00:00",
            "decided_by_id": user.pk,
        },
    )


def payments_reset():
    """--reuse: empty the payments tables (the generated registry stays); the maker and checker users."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE payments_paymentline, payments_paymentbatch, payments_entitlement, payments_paymentcycle CASCADE"
        )
        cursor.execute("VACUUM ANALYZE")
    users = get_user_model().objects
    return users.get(username="maker"), users.get(username="checker")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the generated data; time the payment steps again")
    args = parser.parse_args()

    if not args.reuse:
        database_recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from refah.accounts.enums import OfficeKind, Role
    from refah.accounts.services import office_create, staff_create
    from refah.payments.services import batch_approve, batch_create, batch_export, cycle_compute, cycle_create

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate                 {time.perf_counter() - started:8.1f} s")
    if args.reuse:
        maker, checker = payments_reset()
    else:
        office = office_create(actor=None, name="Bakanlık", kind=OfficeKind.MINISTRY)
        maker, checker = (
            staff_create(actor=None, username=name, password="pw-Refah-2026", office=office, roles=[Role.FINANCE]).user
            for name in ("maker", "checker")
        )
        started = time.perf_counter()
        generate(args.households, office, maker)
        print(f"generate (COPY)         {time.perf_counter() - started:8.1f} s  {args.households:,} households")

    print("load average            {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*os.getloadavg()))
    total = time.perf_counter()
    started = time.perf_counter()
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program=PROGRAM, period_start=PERIOD))
    print(f"cycle compute           {time.perf_counter() - started:8.1f} s  {cycle.entitlement_count:,} entitlements")
    started = time.perf_counter()
    batch = batch_create(
        actor=maker,
        cycle=cycle,
        channel="bank",
        debtor_name="Bakanlık",
        debtor_iban="TR330006100519786457841326",
        execution_date=dt.date(2025, 3, 5),
    )
    batch = batch_approve(actor=checker, batch=batch)
    print(f"batch create + approve  {time.perf_counter() - started:8.1f} s  {batch.line_count:,} lines")
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        batch_export(actor=maker, batch=batch, fmt="xml", out=out)
        size = out.tell()
    print(f"export pain.001 XML     {time.perf_counter() - started:8.1f} s  {size / 1e6:,.0f} MB")
    print(f"total (compute→export)  {time.perf_counter() - total:8.1f} s  (target ≤ 30 s)")
    print(f"control sum             {batch.total_kurus / 100:,.2f} TL; cycle {cycle.total_kurus / 100:,.2f} TL")
    print(f"peak RSS                {peak_rss_mb():8.0f} MB")
    print("load average            {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
