"""Fault drill: kill -9 the production server and PostgreSQL backends under write load, then check nothing was lost,
half-written or paid twice.

    .venv/bin/python bench/fault_drill.py                  # 120 s, 8 clients, each kind of kill every ~8 s
    .venv/bin/python bench/fault_drill.py --seconds 60 --kill-every 5

By default the drill runs its own throwaway PostgreSQL cluster (initdb as the `postgres` user in a temporary
folder, port 5497): SIGKILL of one backend makes the postmaster end every backend of the cluster and recover,
which on the shared server would break everybody else's sessions. `--database-url` points it at an existing
server instead (only where nobody else works). The database is refah_drill, recreated.

Setup: the synthetic Iğdır households, a caseworker and a partner token (bench/intake.py); a ministry office, a
maker and a checker of finance with families owed family_support for --periods months (bench/payments.py); aid
cards with a loaded food purse and a terminal (bench/aidcard.py). Then the production server (bench/harness.py,
granian, 2 workers × 2 threads) and, for --seconds, at once:

  submissions     POST /api/v1/cases/applications, a partner with Idempotency-Key, every adult consenting
  authorisations  POST /api/v1/aidcard/terminal/authorisations (idempotency_key), then capture (whole or part),
                  void, or leave open
  payments        per month: cycle, compute, bank batch, approval by the checker, CSV export, the bank's answer
                  (most paid, some failed; imported twice), a retry batch of the failed lines, its answer

while two killers, each --kill-every seconds (± a third) after the last kill's recovery, kill -9 the whole server
(main process and workers; restarted as a supervisor would, and waited for until a worker answers) and kill -9 one
PostgreSQL backend serving it, preferably one running a statement (the cluster restarts every backend; the drill
waits until it accepts connections). A request is acknowledged when a 2xx answer arrives. The clients
(bench/fault_drill_load.py) resend an unacknowledged request (no answer, or 5xx) with the same idempotency key, as a
partner would; some acknowledged ones are sent again to compare answers. Afterwards bench/fault_drill_checks.py
compares what the clients were told with the database; the drill prints the counts and exits 1 if any check finds
a violation. Not a test.
"""

import argparse
import http.client
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import aidcard
import fault_drill_checks
import fault_drill_load as load
import harness
import intake
import payments as payments_bench
import psycopg
from harness import HOST

DB_NAME = "refah_drill"


# --- a private PostgreSQL cluster ---------------------------------------------------------------------------------


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, run as the `postgres` user; trust on loopback."""

    def __init__(self, port: int):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="refah-drill-pg-"))
        shutil.chown(self.folder, "postgres")

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, stdout=subprocess.DEVNULL)

    def start(self) -> str:
        data = str(self.folder / "data")
        self._as_postgres("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c max_connections=50"
        self._as_postgres("pg_ctl", "-D", data, "-l", str(self.folder / "server.log"), "-w", "-o", options, "start")
        return f"postgres://postgres@{HOST}:{self.port}/{DB_NAME}"

    def crash_restarts(self) -> int:
        """How often the postmaster ended every backend and reinitialised (after a backend was killed), by its log."""
        log = (self.folder / "server.log").read_text(errors="replace")
        return log.count("all server processes terminated; reinitializing")

    def stop(self) -> None:
        self._as_postgres("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


# --- setup --------------------------------------------------------------------------------------------------------


@dataclass
class Data:
    partner_token: str
    households: dict[str, list[str]]
    maker_token: str
    checker_token: str
    periods: list[str]
    cards: list[str]
    terminal_key: str


def setup(args) -> Data:
    """Households, staff and tokens, payable families for `args.periods` months, aid cards; each bench's own."""
    from django.db import connection

    from refah.accounts.enums import OfficeKind, Role
    from refah.accounts.services import api_token_create, office_create, staff_create

    started = time.perf_counter()
    filled = intake.fill(args.households, seed=7)
    ministry = office_create(actor=None, name="Bakanlık", kind=OfficeKind.MINISTRY)
    maker, checker = (
        staff_create(actor=None, username=name, password="pw-Refah-drill-2026", office=ministry, roles=[Role.FINANCE])
        for name in ("maker", "checker")
    )
    payments_bench.generate(args.payees, ministry, maker.user)
    periods = determinations_extend(args.periods)
    cards, terminal_key = aidcard.cards_seed(args.cards)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"setup (all)            {time.perf_counter() - started:6.1f} s  ({args.payees:,} families owed "
        f"{len(periods)} months, {len(cards):,} aid cards)"
    )
    return Data(
        partner_token=filled["token"],
        households=filled["households"],
        maker_token=api_token_create(actor=None, user=maker.user, name="drill")[1],
        checker_token=api_token_create(actor=None, user=checker.user, name="drill")[1],
        periods=periods,
        cards=cards,
        terminal_key=terminal_key,
    )


def determinations_extend(months: int) -> list[str]:
    """The generated families are eligible in the bench's month only; copy their determinations to the months
    after it, so that every month is a cycle of its own. Returns the months (first days, ISO)."""
    from django.db import connection

    from refah.eligibility.models import Determination

    first = payments_bench.PERIOD
    periods = [
        first.replace(year=first.year + (first.month - 1 + i) // 12, month=(first.month - 1 + i) % 12 + 1)
        for i in range(months)
    ]
    columns = [f.column for f in Determination._meta.concrete_fields]
    chosen = ["gen_random_uuid()" if c == "id" else "%s" if c == "period" else f'"{c}"' for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    table = Determination._meta.db_table
    with connection.cursor() as cursor:
        for period in periods[1:]:
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {', '.join(chosen)} FROM {table} "
                "WHERE period = %s AND program = %s",
                [period, first, payments_bench.PROGRAM],
            )
    return [p.isoformat() for p in periods]


# --- the killer ---------------------------------------------------------------------------------------------------


class Server:
    """The production server in a process group of its own, so that kill -9 reaches the workers too."""

    def __init__(self, url: str, port: int, log: Path):
        self.url, self.port, self.log = url, port, log
        self.process = None

    def start(self) -> None:
        """Start it and wait until a worker answers (granian listens before its workers have loaded Django)."""
        self.process = harness.server_start(self.url, port=self.port, log=self.log, session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
            try:
                conn.request("GET", "/api/v1/drill-probe")  # any answer, a 404 too, means a worker is up
                conn.getresponse().read()
                return
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
            finally:
                conn.close()
        raise RuntimeError(f"the server did not answer within 120 s; see {self.log}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def backend_kill(url: str) -> tuple[str | None, float]:
    """kill -9 one backend serving the server (one running a statement if one shows within 3 s); returns its state
    and the seconds until the cluster accepted connections again (it ends every backend and recovers from the WAL)."""
    with psycopg.connect(url, autocommit=True) as conn:
        pid, state = _backend_pick(conn)
    if pid is None:
        return None, 0.0
    os.kill(pid, signal.SIGKILL)
    started = time.monotonic()
    time.sleep(0.2)
    while time.monotonic() - started < 120:
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return state, time.monotonic() - started
        except psycopg.OperationalError:
            time.sleep(0.2)
    raise RuntimeError("PostgreSQL did not come back within 120 s")


def _backend_pick(conn, patience: float = 3.0, seconds: float = 30.0) -> tuple[int | None, str]:
    """A backend of the server's: an active one if one shows within `patience` seconds, else an idle one."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        rows = conn.execute(
            "SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
        active = [row for row in rows if row[1] == "active"]
        if active or (rows and time.monotonic() - started > patience):
            return random.choice(active or rows)
        time.sleep(0.02)
    return None, ""


@dataclass
class Kills:
    server: int = 0
    backends: int = 0
    backends_active: int = 0  # killed while running a statement
    crash_restarts: int | None = None  # the private cluster's, by its log
    server_down: list[float] = field(default_factory=list)
    recovery: list[float] = field(default_factory=list)


def server_killer(server: Server, every: float, stop: threading.Event, kills: Kills) -> None:
    """kill -9 the whole server `every` seconds (± a third) after it is back; restart it, as a supervisor would."""
    while not stop.wait(every * random.uniform(0.67, 1.33)):
        started = time.monotonic()
        server.kill()
        kills.server += 1
        time.sleep(0.5)
        server.start()
        kills.server_down.append(time.monotonic() - started)


def backend_killer(url: str, every: float, stop: threading.Event, kills: Kills) -> None:
    """kill -9 a backend serving the server `every` seconds (± a third) after the cluster is back."""
    stop.wait(every / 2)  # out of step with the server killer
    while not stop.wait(every * random.uniform(0.67, 1.33)):
        state, seconds = backend_kill(url)
        if state is not None:
            kills.backends += 1
            kills.backends_active += state == "active"
            kills.recovery.append(seconds)


# --- main ---------------------------------------------------------------------------------------------------------


def drive(args, data: Data, server: Server, url: str) -> tuple[load.Records, load.Tally, Kills, float]:
    """The clients and the killers for `args.seconds`; then the clients finish (resending until answered)."""
    tally, records, kills = load.Tally(), load.Records(), Kills()
    stop_load, stop_kills = threading.Event(), threading.Event()

    def client(**headers) -> load.Client:
        return load.Client(args.port, {"Connection": "keep-alive", **headers}, tally)

    def partner() -> load.Client:
        return client(Authorization=f"Bearer {data.partner_token}")

    posts = intake.submissions(data.households, args.submissions)
    terminals = max(1, (args.clients - 1) // 2)
    submitters = max(1, args.clients - 1 - terminals)
    jobs = [
        (load.submitter, partner(), posts[i::submitters], records, stop_load, args.replay_share)
        for i in range(submitters)
    ]
    jobs += [
        (
            load.card_terminal,
            client(**{"X-Terminal-Key": data.terminal_key}),
            data.cards,
            f"{os.urandom(3).hex()}-t{i}",
            records,
            stop_load,
            args.replay_share,
        )
        for i in range(terminals)
    ]
    finance_office = load.PaymentsRun(
        client(Authorization=f"Bearer {data.maker_token}"),
        client(Authorization=f"Bearer {data.checker_token}"),
        records,
    )
    jobs.append((load.finance, finance_office, data.periods, stop_load))
    # daemon threads: an interrupted drill stops the server and the cluster and exits without waiting for them
    clients = [threading.Thread(target=load.guarded(target, records), args=rest, daemon=True) for target, *rest in jobs]
    killers = [
        threading.Thread(
            target=load.guarded(server_killer, records),
            args=(server, args.kill_every, stop_kills, kills),
            daemon=True,
        ),
        threading.Thread(
            target=load.guarded(backend_killer, records), args=(url, args.kill_every, stop_kills, kills), daemon=True
        ),
    ]
    started = time.monotonic()
    for thread in [*clients, *killers]:
        thread.start()
    time.sleep(args.seconds)
    stop_kills.set()
    for thread in killers:
        thread.join()
    stop_load.set()
    for thread in clients:
        thread.join()
    return records, tally, kills, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120, help="how long the load and the kills run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (one of them the finance office)")
    parser.add_argument(
        "--kill-every", type=float, default=8, help="seconds from the recovery of a kill to the next of its kind (± ⅓)"
    )
    parser.add_argument("--households", type=int, default=3_000, help="synthetic households that apply")
    parser.add_argument("--payees", type=int, default=300, help="families owed family_support each month")
    parser.add_argument("--periods", type=int, default=24, help="months the finance office may pay")
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--submissions", type=int, default=20_000, help="at most this many applications")
    parser.add_argument("--replay-share", type=float, default=0.1, help="acknowledged requests sent once more")
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--cluster-port", type=int, default=5497)
    parser.add_argument("--database-url", help="an existing server's database instead of a private cluster")
    args = parser.parse_args()

    cluster = None if args.database_url else Cluster(args.cluster_port)
    url = args.database_url or cluster.start()
    server = Server(url, args.port, Path(tempfile.gettempdir()) / "refah-drill-server.log")
    server.log.unlink(missing_ok=True)
    try:
        harness.database_recreate(url)
        harness.django_setup(url)
        data = setup(args)
        from django.db import connections

        connections.close_all()
        server.start()
        records, tally, kills, wall = drive(args, data, server, url)
        connections.close_all()  # the kills ended this process's connection too
        kills.crash_restarts = cluster.crash_restarts() if cluster else None
        failures = report(records, tally, kills, wall)
    finally:
        server.stop()
        if cluster:
            cluster.stop()
    sys.exit(1 if failures else 0)


def report(records: load.Records, tally: load.Tally, kills: Kills, wall: float) -> int:
    """Print the figures and every check's violations; returns how many checks (and payment steps) failed."""
    down = f"  (down {min(kills.server_down):.1f}–{max(kills.server_down):.1f} s)" if kills.server_down else ""
    back = f"  (recovered in {min(kills.recovery):.1f}–{max(kills.recovery):.1f} s)" if kills.recovery else ""
    figures, checks = fault_drill_checks.run(records)
    checks = {f"requests never answered (resent for {load.GIVE_UP_AFTER:.0f} s)": tally.unanswered, **checks}
    lines = [
        ("drill", f"{wall:.1f} s"),
        ("requests sent", f"{tally.sent:,}"),
        ("acknowledged (2xx)", f"{tally.acknowledged:,}"),
        ("retried", f"{tally.retried:,}  (resent after no answer or a 5xx)"),
        ("answers by status", f"{dict(sorted(tally.statuses.items()))}  (0: no answer)"),
        ("server kills (kill -9)", f"{kills.server}{down}"),
        ("backend kills (kill -9)", f"{kills.backends}, {kills.backends_active} mid-statement{back}"),
        ("PostgreSQL crash restarts", "not counted" if kills.crash_restarts is None else kills.crash_restarts),
        *((name, f"{value:,}") for name, value in figures.items()),
    ]
    for name, value in lines:
        print(f"{name:<31} {value}")
    failed = 0
    for name, violations in checks.items():
        failed += violations != 0
        print(f"check {violations:>6,}  {name}{'' if violations == 0 else '   <-- VIOLATED'}")
    for error in records.errors:
        print(f"FAILED: {error}")
    print("all checks passed" if failed == 0 else f"{failed} checks FAILED")
    return failed + len(records.errors)


if __name__ == "__main__":
    main()
