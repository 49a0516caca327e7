"""Benchmark: generate N synthetic households and bulk-load them into a fresh PostgreSQL database.

    .venv/bin/python bench/registry_load.py --households 1000000

Drops and recreates the target database, migrates it, then streams batches from the generator into
refah.synth.load (the initial-load mode, since the tables are empty): each batch is generated, loaded and
dropped, so peak RSS stays near two batches. The next batch is generated and turned into table columns on a
second thread while the current one is COPYed (`--sequential`: one after the other, generation subtracted),
so the load figure is the whole wall time from the first batch to the commit, generation included. Prints it
split into steps (COPY per table, key and index rebuild, foreign-key validation, analyze and commit; the
columns' and generation's seconds on the second thread), the slowest single rebuilds (the trigram GIN index
on names among them), households/s, persons/s and peak RSS. Never run as a test.
"""

import argparse
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/refah_bench"


def database_recreate(url: str) -> None:
    """DROP and CREATE the database named in the URL, connected to the server's `postgres` database."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--province", type=int, action="append", help="plate (repeatable); default all of Türkiye")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=200_000)
    parser.add_argument(
        "--first-batch-size", type=int, default=25_000, help="a smaller first batch: the COPY starts sooner"
    )
    parser.add_argument(
        "--sequential", action="store_true", help="generate each batch between COPYs (no second thread)"
    )
    args = parser.parse_args()

    database_recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from refah.synth.generate import generate
    from refah.synth.load import load_batches

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate            {time.perf_counter() - started:8.1f} s")

    clock = {"generation": 0.0}
    timings: dict[str, float] = {}
    index_timings: dict[str, float] = {}
    batches = _timed_batches(
        generate(
            provinces=args.province,
            households=args.households,
            seed=args.seed,
            batch_size=args.batch_size,
            first_batch_size=args.first_batch_size,
        ),
        clock,
    )
    backend = _backend_pid()
    cpu = (_client_cpu(), _server_cpu(backend))
    started = time.perf_counter()
    counts = load_batches(
        batches,
        seed=args.seed,
        on_batch=lambda c: _progress(c, started),
        timings=timings,
        index_timings=index_timings,
        ahead=not args.sequential,
    )
    total = time.perf_counter() - started
    generation = clock["generation"]
    # With generation and frames on a second thread beside the COPY (the default), the load's figure is the
    # whole wall time, generation included; sequentially, generation is subtracted as before.
    load = total - generation if args.sequential else total
    how = "separate, subtracted" if args.sequential else "beside the COPY, included in load"
    print(f"generation         {generation:8.1f} s  ({args.households / generation:,.0f} households/s; {how})")
    print(f"load               {load:8.1f} s")
    for step, seconds in timings.items():
        print(f"  {step:<24} {seconds:8.1f} s")
    on_this_thread = sum(v for k, v in timings.items() if "beside" not in k) + (generation if args.sequential else 0)
    print(f"  {'(other, this thread)':<24} {max(0.0, load - on_this_thread):8.1f} s")
    print("slowest rebuilds (keys, indexes, foreign keys)")
    for name, seconds in sorted(index_timings.items(), key=lambda item: -item[1])[:12]:
        print(f"  {name:<48} {seconds:8.1f} s")
    client, server = _client_cpu() - cpu[0], _server_cpu(backend) - cpu[1]
    print(f"CPU: this process  {client:8.1f} s  (generation + columns + CSV); PostgreSQL backend {server:8.1f} s")
    print(f"households/s       {counts['households'] / load:10,.0f}")
    print(f"persons/s          {counts['persons'] / load:10,.0f}")
    print(f"rows/s (all)       {sum(counts.values()) / load:10,.0f}")
    print(f"peak RSS           {peak_rss_mb():8.0f} MB")
    for table, rows in counts.items():
        print(f"  {table:<16} {rows:>12,}")


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server_cpu(pid: int) -> float:
    """CPU seconds of the PostgreSQL backend serving the load (same machine only; NaN otherwise).

    On a shared machine wall time measures the neighbours too; CPU seconds say what the load itself costs.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed_batches(batches: Iterator, clock: dict[str, float]) -> Iterator:
    """The generator's batches, one at a time, adding the seconds spent generating them to clock["generation"]."""
    while True:
        started = time.perf_counter()
        batch = next(batches, None)
        clock["generation"] += time.perf_counter() - started
        if batch is None:
            return
        yield batch


def _progress(counts: dict[str, int], started: float) -> None:
    print(f"  batch of {counts['households']:,} households loaded at {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()
