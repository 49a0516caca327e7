"""Benchmark: refresh N synthetic households from all eight simulators in bulk into PostgreSQL.

    .venv/bin/python bench/exchange.py --households 100000

Recreates the database (refah_exchange_bench, or the one DATABASE_URL names), migrates it, loads N households with
`refah synth`, starts `refah simulators serve` as a separate process (no latency, errors or time-outs), then runs
the bulk refresh (refah.exchange.services.bulk_refresh: bulk calls to every source on threads, one transaction per
chunk that writes the checks, the disagreements and the registry's registered rows). Prints persons/s end to end
(calls, reading, comparison and writes), the rows written, the seconds of each stage, and the CPU each of the three
processes spent per person — the refresh, the simulators and PostgreSQL (its backends serving this database,
sampled from /proc) — with the load average of the machine during the run: on a machine shared with other work,
the CPU per person says what the same run makes of two free cores. Never run as a test.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.registry_load import database_recreate  # noqa: E402

WRITE_STAGES = ("declared", "compare", "checks", "discrepancies", "plan", "registry")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/refah_exchange_bench"
TICK = os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is (already loaded)")
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=args.url,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        REFAH_DEBUG="0",
        REFAH_SIMULATORS_URL=f"http://127.0.0.1:{args.port}",
    )
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
    sampler = Sampler(psycopg.conninfo.conninfo_to_dict(args.url)["dbname"])
    try:
        _wait_for(settings.REFAH_SIMULATORS_URL)
        for code in settings.REFAH_SOURCES:
            httpx.put(f"{settings.REFAH_SIMULATORS_URL}/_control/{code}", json=config).raise_for_status()
        server_cpu = _cpu_seconds(server.pid)
        sampler.start()
        started, cpu = time.perf_counter(), time.process_time()
        counts = bulk_refresh(actor="bench exchange")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        sampler.stop()
        server_rss, server_cpu = _rss_mb(server.pid), _cpu_seconds(server.pid) - server_cpu
    finally:
        sampler.stop()
        server.terminate()
        server.wait()
    _report(counts, seconds, cpu, server_cpu, server_rss, sampler)


def _report(counts: dict, seconds: float, cpu: float, server_cpu: float, server_rss: float, sampler) -> None:
    persons = counts.get("persons", 0) or 1
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
    per = {"refresh": cpu, "simulators": server_cpu, "PostgreSQL": sampler.cpu()}
    print(
        "CPU: "
        + "  ".join(f"{name} {s:.1f} s ({s / persons * 1000:.3f} ms a person)" for name, s in per.items())
        + f"  total {sum(per.values()) / persons * 1000:.3f} ms a person"
    )
    print(
        f"    two free cores at that CPU: at most {2 / (sum(per.values()) / persons):,.0f} persons/s;"
        f" load average during the run {sampler.load():.1f} (2 cores)"
    )
    print(
        f"peak RSS: refresh process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"
        f"  simulators {server_rss:,.0f} MB"
    )


class Sampler(threading.Thread):
    """Every 0.2 s: the CPU of each PostgreSQL backend serving `database` (its process title names it; a backend's
    counter runs from its start, so one that starts and ends between samples is missed, and the last 0.2 s of
    those that end), and the machine's load average."""

    def __init__(self, database: str):
        super().__init__(daemon=True)
        self.title, self.last, self.loads, self.others = f" {database} ".encode(), {}, [], set()
        self.stopping = threading.Event()
        self.first = self._backends()  # those already there count from now, the others from their start

    def _backends(self) -> dict[int, float]:
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or entry.name in self.others:
                continue
            try:
                if self.title in (entry / "cmdline").read_bytes():
                    found[int(entry.name)] = _cpu_seconds(int(entry.name))
                else:
                    self.others.add(entry.name)
            except OSError:
                continue
        return found

    def run(self) -> None:
        while not self.stopping.wait(0.2):
            self.last.update(self._backends())
            self.loads.append(os.getloadavg()[0])

    def stop(self) -> None:
        self.stopping.set()

    def cpu(self) -> float:
        return sum(seconds - self.first.get(pid, 0.0) for pid, seconds in self.last.items())

    def load(self) -> float:
        return sum(self.loads) / len(self.loads) if self.loads else os.getloadavg()[0]


def _wait_for(url: str) -> None:
    for _ in range(600):
        try:
            httpx.get(f"{url}/health").raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)


def _rss_mb(pid: int) -> float:
    """Peak resident memory of a running process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


if __name__ == "__main__":
    main()
