"""Benchmark: refresh N synthetic households from all eight simulators in bulk into PostgreSQL.

    .venv/bin/python bench/exchange.py --households 100000

Recreates the database (refah_exchange_bench), migrates it, loads N households with `refah synth`, starts
`refah simulators serve` as a separate process (no latency, errors or time-outs), then runs the bulk refresh
(refah.exchange.services.bulk_refresh: bulk calls to every source on threads, one transaction per chunk that COPYs
the records and writes checks, disagreements and the registry's registered rows). Prints persons/s end to end
(calls, parsing, comparison and writes), facts and disagreements written, and peak RSS. Never run as a test.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.registry_load import database_recreate  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/refah_exchange_bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is (already loaded)")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["REFAH_SIMULATORS_URL"] = f"http://127.0.0.1:{args.port}"
    refah = [sys.executable, str(ROOT / "manage.py")]
    if not args.keep:
        database_recreate(args.url)
        subprocess.run([*refah, "migrate", "--no-input", "-v", "0"], check=True)
        started = time.perf_counter()
        subprocess.run([*refah, "synth", "--households", str(args.households), "--seed", "42"], check=True)
        print(f"synth: {args.households:,} households in {time.perf_counter() - started:.1f} s")
    import django

    django.setup()
    from django.conf import settings

    from refah.exchange.services import bulk_refresh

    config = {"latency_ms": [0, 0], "error_rate": 0, "timeout_rate": 0}
    env = {**os.environ, "REFAH_SIMULATORS_QUIET": "1", "REFAH_SIMULATORS_BEHAVIOUR": json.dumps(config)}
    server = subprocess.Popen([*refah, "simulators", "serve", "--port", str(args.port)], env=env)
    try:
        for _ in range(100):
            try:
                httpx.get(f"{settings.REFAH_SIMULATORS_URL}/health").raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        for code in settings.REFAH_SOURCES:
            httpx.put(f"{settings.REFAH_SIMULATORS_URL}/_control/{code}", json=config).raise_for_status()
        started = time.perf_counter()
        counts = bulk_refresh(actor="bench exchange")
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    persons = counts.get("persons", 0)
    print(
        f"households {counts.get('households', 0):,}  persons {persons:,}  facts {counts.get('facts', 0):,}  "
        f"disagreements {counts.get('disagreements', 0):,}"
    )
    print(f"refresh: {seconds:.1f} s  {persons / seconds:,.0f} persons/s  (target ≥ 5,000)")
    print(f"peak RSS (this process) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
