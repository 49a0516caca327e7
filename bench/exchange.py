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

WRITE_STAGES = ("declared", "compare", "checks", "discrepancies", "plan", "registry")
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
        started, cpu = time.perf_counter(), time.process_time()
        counts = bulk_refresh(actor="bench exchange")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        server_rss, server_cpu = _rss_mb(server.pid), _cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait()
    persons = counts.get("persons", 0)
    print(
        f"households {counts.get('households', 0):,}  persons {persons:,}  facts {counts.get('facts', 0):,}  "
        f"disagreements opened {counts.get('disagreements', 0):,}  registry rows {counts.get('registry_rows', 0):,}"
    )
    print(f"refresh: {seconds:.1f} s  {persons / seconds:,.0f} persons/s  (target ≥ 5,000)")
    ask, wait, write = (counts.get(f"{stage}_seconds", 0) for stage in ("ask", "wait", "write"))
    print(
        f"stages: ask {ask:.1f} s (slowest source per chunk, summed; overlaps the writes)  waited {wait:.1f} s", end=""
    )
    print(f"  write {write:.1f} s = " + "  ".join(f"{s} {counts.get(f'{s}_seconds', 0):.1f}" for s in WRITE_STAGES))
    print(f"CPU: refresh process {cpu:.1f} s  simulators {server_cpu:.1f} s  (load average {os.getloadavg()[0]:.1f})")
    print(
        f"peak RSS: refresh process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"
        f"  simulators {server_rss:,.0f} MB"
    )


def _rss_mb(pid: int) -> float:
    """Peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
