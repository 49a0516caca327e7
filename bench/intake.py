"""Benchmark: application submissions and household reads over HTTP on loopback, against PostgreSQL.

    .venv/bin/python bench/intake.py                     # 3,000 households, both phases, concurrency 16
    .venv/bin/python bench/intake.py --profile-only      # cProfile of both endpoints in one process

Drops and recreates the database (refah_bench_intake by default), migrates it and fills it with synthetic
households of Iğdır (refah.synth.generate + refah.synth.load.load_batches); a province office, a caseworker
and an API token come from refah.accounts' services. Then it starts the production server

    granian --interface wsgi config.wsgi:application --workers 2 --blocking-threads 2 --port 8791

(config.settings.dev, REFAH_DEBUG=0, persistent connections) and drives it at concurrency 16 from this
machine, loopback only, bounded in count and time:

  submissions  POST /api/v1/cases/applications  (Bearer token, Idempotency-Key, every adult consenting)
  reads        GET  /api/v1/registry/households/{id}

The load generator is wrk with a Lua script when `wrk` is installed, else Python threads with keep-alive
http.client connections. Prints requests/s, p50/p99 latency and the error count of each phase, then a
cProfile of the application's hot path (one process, Django's test client, same database). Never run as a test.
"""

import argparse
import cProfile
import datetime as dt
import http.client
import io
import itertools
import json
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import harness
import psycopg
from harness import HOST, database_recreate, django_setup

ROOT = harness.ROOT
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/refah_bench_intake"
PORT = 8791
SUBMIT_PATH = "/api/v1/cases/applications"
READ_PATH = "/api/v1/registry/households/{}"
TARGETS = {"submissions": (500, 100.0), "reads": (1000, 50.0)}  # requests/s at least, p99 ms at most


def fill(households: int, seed: int) -> dict:
    """Migrate, load synthetic households, create the office, the caseworker and a token; what the load needs."""
    from django.core.management import call_command
    from django.db import connection

    from refah.accounts.enums import OfficeKind, Role
    from refah.accounts.services import api_token_create, office_create, staff_create
    from refah.geo.models import Province
    from refah.synth.generate import generate
    from refah.synth.load import load_batches

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_batches(generate(provinces=[76], households=households, seed=seed, batch_size=50_000), seed=seed)
    office = office_create(
        actor=None, name="Iğdır İl Müdürlüğü", kind=OfficeKind.SHM, province=Province.objects.get(pcode="TUR076")
    )
    profile = staff_create(
        actor=None, username="bench", password="pw-Refah-bench-2026", office=office, roles=[Role.CASEWORKER]
    )
    _, token = api_token_create(actor=None, user=profile.user, name="bench")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"setup              {time.perf_counter() - started:8.1f} s  ({households:,} households)")
    return {"token": token, "households": adults_by_household()}


def adults_by_household() -> dict[str, list[str]]:
    """{household id: [ids of current adult members]} — the consents a submission needs."""
    from refah.registry.models import Membership

    today = dt.date.today()
    cutoff = today.replace(year=today.year - 18)
    out: dict[str, list[str]] = {}
    rows = (
        Membership.objects.current()
        .filter(person__deceased_on__isnull=True)
        .values_list("household_id", "person_id", "person__birth_date")
    )
    for household_id, person_id, born in rows:
        adults = out.setdefault(str(household_id), [])
        if born <= cutoff:
            adults.append(str(person_id))
    return {h: a for h, a in out.items() if a}


def programs() -> list[str]:
    from refah.eligibility.rules import PROGRAMS

    return sorted(PROGRAMS)


def submissions(households: dict[str, list[str]], count: int) -> list[tuple[str, str, bytes, dict]]:
    """(method, path, body, headers) of `count` distinct submissions: one per household and program."""
    pairs = itertools.islice(((h, p) for p in programs() for h in households), count)
    return [
        (
            "POST",
            SUBMIT_PATH,
            json.dumps({"household_id": h, "programs": [p], "consents": households[h]}).encode(),
            {"Idempotency-Key": uuid.uuid4().hex, "Content-Type": "application/json"},
        )
        for h, p in pairs
    ]


def reads(households: dict[str, list[str]], count: int) -> list[tuple[str, str, bytes, dict]]:
    ids = list(households)
    return [("GET", READ_PATH.format(ids[i % len(ids)]), b"", {}) for i in range(count)]


def server_start(url: str, workers: int, threads: int) -> subprocess.Popen:
    log = Path(tempfile.gettempdir()) / "refah-bench-intake-server.log"
    log.unlink(missing_ok=True)
    return harness.server_start(url, port=PORT, workers=workers, threads=threads, log=log)


class Stats:
    def __init__(self):
        self.latencies: list[float] = []
        self.errors = 0
        self.statuses: dict[int, int] = {}
        self.lock = threading.Lock()

    def add(self, latencies: list[float], errors: int, statuses: dict[int, int]) -> None:
        with self.lock:
            self.latencies.extend(latencies)
            self.errors += errors
            for status, n in statuses.items():
                self.statuses[status] = self.statuses.get(status, 0) + n


def drive_python(requests, *, token: str, expect: int, concurrency: int, seconds: float) -> tuple[Stats, float]:
    """Send the requests over `concurrency` keep-alive connections until done or `seconds` are up."""
    stats, counter = Stats(), itertools.count()
    auth = {"Authorization": f"Bearer {token}", "Connection": "keep-alive"}
    started = time.perf_counter()
    deadline = started + seconds

    def worker():
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        latencies, errors, statuses = [], 0, {}
        while (i := next(counter)) < len(requests) and time.perf_counter() < deadline:
            method, path, body, headers = requests[i]
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body or None, headers={**auth, **headers})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
                status = 0
            latencies.append(time.perf_counter() - t0)
            if latencies[-1] > 0.5:
                print(f"slow request: {latencies[-1]:.2f} s at +{t0 - started:.1f} s, status {status}", flush=True)
            statuses[status] = statuses.get(status, 0) + 1
            errors += status != expect
        conn.close()
        stats.add(latencies, errors, statuses)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, time.perf_counter() - started


WRK_SCRIPT = r"""
local lines, threads, n, i = {}, {}, 0, 0
function setup(thread) n = n + 1; thread:set("id", n - 1); table.insert(threads, thread) end
function init(args)
  local f = io.open(args[1]); local k = 0
  for line in f:lines() do
    if k % tonumber(args[2]) == id then table.insert(lines, line) end
    k = k + 1
  end
  f:close()
end
function request()
  i = i + 1
  if i > #lines then i = 1 end
  local method, path, key, body = lines[i]:match("^(%S+)\t(%S+)\t(%S*)\t(.*)$")
  local headers = {["Authorization"] = "Bearer " .. token_value}
  if key ~= "" then headers["Idempotency-Key"] = key; headers["Content-Type"] = "application/json" end
  if body == "" then body = nil end
  return wrk.format(method, path, headers, body)
end
function response(status, headers, body)
  if status ~= expect_status then bad = (bad or 0) + 1; bad_codes = (bad_codes or "") .. status .. "," end
end
function done(summary, latency, requests)
  local bad_total, codes = 0, ""
  for _, t in ipairs(threads) do
    bad_total = bad_total + (t:get("bad") or 0); codes = codes .. (t:get("bad_codes") or "")
  end
  local e = summary.errors
  io.write(string.format("WRK %d %f %f %d %d %s\n", summary.requests, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad_total, e.connect + e.read + e.write + e.timeout, codes))
  io.write(string.format("SOCKET connect %d read %d write %d timeout %d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("MAX %f\n", latency.max / 1000))
end
"""


def drive_wrk(requests, *, token: str, expect: int, concurrency: int, seconds: float) -> tuple[dict, float]:
    """The same load with wrk (2 threads); each request line is sent once unless the time outlasts the list."""
    folder = Path(tempfile.mkdtemp(prefix="refah-bench-intake-"))
    lines = folder / "requests.tsv"
    with lines.open("w") as out:
        for method, path, body, headers in requests:
            out.write(f"{method}\t{path}\t{headers.get('Idempotency-Key', '')}\t{body.decode()}\n")
    script = folder / "intake.lua"
    script.write_text(f'token_value = "{token}"\nexpect_status = {expect}\n' + WRK_SCRIPT)
    threads = 2
    command = ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{int(seconds)}s", "-s", str(script)]
    command += ["--timeout", "10s"]  # a slow answer is measured (and shows in p99), not dropped as an error
    command += [f"http://{HOST}:{PORT}/", "--", str(lines), str(threads)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    fields = next(line for line in output.splitlines() if line.startswith("WRK ")).split()
    done, p50, p99, bad, socket_errors = (
        int(fields[1]),
        float(fields[2]),
        float(fields[3]),
        int(fields[4]),
        int(fields[5]),
    )
    shutil.rmtree(folder)
    codes = fields[6].rstrip(",").split(",") if len(fields) > 6 else []
    statuses = {f"status {c}": codes.count(c) for c in sorted(set(codes))}
    detail = next(line for line in output.splitlines() if line.startswith("SOCKET ")).split()[1:]
    sockets = {f"socket {detail[i]}": int(detail[i + 1]) for i in range(0, len(detail), 2) if int(detail[i + 1])}
    statuses = {**statuses, **sockets} if bad + socket_errors else {}
    slowest = float(next(line for line in output.splitlines() if line.startswith("MAX ")).split()[1])
    return {
        "requests": done,
        "p50": p50,
        "p99": p99,
        "max": slowest,
        "errors": bad + socket_errors,
        "statuses": statuses,
    }, seconds


def summarise(name: str, result, wall: float) -> dict:
    if isinstance(result, Stats):
        latencies = sorted(result.latencies)
        n = len(latencies)
        figures = {
            "requests": n,
            "p50": latencies[n // 2] * 1000 if n else 0.0,
            "p99": latencies[min(n - 1, int(n * 0.99))] * 1000 if n else 0.0,
            "errors": result.errors,
            "statuses": result.statuses,
        }
    else:
        figures = result
    rate = figures["requests"] / wall
    least, most = TARGETS[name]
    ok = rate >= least and figures["p99"] <= most and figures["errors"] == 0
    print(
        f"{name:<12} {figures['requests']:>7,} req in {wall:5.1f} s  {rate:8,.0f} req/s  "
        f"p50 {figures['p50']:6.1f} ms  p99 {figures['p99']:6.1f} ms"
        + (f"  max {figures['max']:6.0f} ms" if "max" in figures else "")
        + f"  errors {figures['errors']}"
        f"  {'meets' if ok else 'MISSES'} target (≥ {least:,}/s, p99 ≤ {most:.0f} ms)"
        + (f"  statuses {figures['statuses']}" if figures.get("statuses") and figures["errors"] else "")
    )
    return figures


def profile(token: str, households: dict[str, list[str]], count: int) -> None:
    """cProfile of `count` submissions and `count` reads through Django's test client, in this process."""
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token}"})
    from refah.cases.models import ApplicationProgram

    taken = set(  # pairs already submitted by the HTTP phase
        ApplicationProgram.objects.values_list("household_id", "program")
    )
    pending = [(h, p) for p in programs() for h in households if (uuid.UUID(h), p) not in taken][:count]
    ids = list(households)[:count]
    for name, call in (
        ("submission", lambda i: _profile_post(client, households, pending[i])),
        ("read", lambda i: client.get(READ_PATH.format(ids[i % len(ids)]))),
    ):
        call(0)  # warm
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for i in range(1, count):
            call(i)
        profiler.disable()
        per = (time.perf_counter() - started) / (count - 1) * 1000
        print(f"\nprofile: {name}, {per:.2f} ms per request in one process (profiler on); top by own time:")
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(18)
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(r"refah/", 22)
        print(f"{name}: Refah functions by cumulative time:")
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def _profile_post(client, households, pair):
    h, p = pair
    body = {"household_id": h, "programs": [p], "consents": households[h]}
    response = client.post(
        SUBMIT_PATH, body, content_type="application/json", headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert response.status_code == 201, response.content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--households", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=2, help="granian blocking threads a worker (its default, dozens, thrashes)"
    )
    parser.add_argument("--submissions", type=int, default=30_000, help="at most this many POSTs")
    parser.add_argument("--reads", type=int, default=20_000, help="at most this many GETs")
    parser.add_argument("--seconds", type=float, default=15, help="at most this long per phase")
    parser.add_argument("--profile-requests", type=int, default=300)
    parser.add_argument("--profile-only", action="store_true", help="reuse the filled database; no server")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--python-client", action="store_true", help="use Python threads even if wrk is installed")
    parser.add_argument("--phase", choices=["submissions", "reads"], action="append", help="only these (repeatable)")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("This benchmark measures PostgreSQL: give a postgres:// URL.")

    if args.profile_only:
        django_setup(args.database_url)
        from django.contrib.auth import get_user_model

        from refah.accounts.services import api_token_create

        _, token = api_token_create(actor=None, user=get_user_model().objects.get(username="bench"), name="profile")
        profile(token, adults_by_household(), args.profile_requests)
        return

    database_recreate(args.database_url)
    django_setup(args.database_url)
    data = fill(args.households, args.seed)
    from django.db import connections

    connections.close_all()
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    drive = drive_wrk if use_wrk else drive_python
    print(f"load generator     {'wrk' if use_wrk else 'Python threads, keep-alive http.client'}, c{args.concurrency}")
    server = server_start(args.database_url, args.workers, args.threads)
    try:
        # Warm both endpoints in every worker thread (first requests import modules, open connections and
        # prepare statements); the warm-up submissions are pairs the measured phase does not send.
        posts = submissions(data["households"], args.submissions + 400)
        warm_posts, posts = posts[-400:], posts[:-400]
        drive_python(reads(data["households"], 400), token=data["token"], expect=200, concurrency=16, seconds=20)
        drive_python(warm_posts, token=data["token"], expect=201, concurrency=16, seconds=20)
        # The application tables were empty when the setup analysed the database, and the server's statements are
        # planned once per connection from those statistics (a sequential scan of an "empty" table looks free).
        # A running system's tables have statistics, kept by autovacuum as they grow (its first pass would come
        # within a minute here); ANALYZE now, as it would, so that the measured phases plan with real ones.
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        phases = [
            ("submissions", posts, 201),
            ("reads", reads(data["households"], args.reads), 200),
        ]
        for name, requests, expect in phases:
            if args.phase and name not in args.phase:
                continue
            result, wall = drive(
                requests, token=data["token"], expect=expect, concurrency=args.concurrency, seconds=args.seconds
            )
            summarise(name, result, wall)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not args.no_profile:
        profile(data["token"], data["households"], args.profile_requests)


if __name__ == "__main__":
    main()
