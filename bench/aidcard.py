"""Card authorisations over HTTP: granian WSGI (2 workers) + PostgreSQL, load generator on the same machine.

Creates a fresh database (refah_bench_card), migrates it, seeds --cards households with a card and
a food purse each, starts granian on 127.0.0.1, sends --requests authorisations at --concurrency
(Python threads with keep-alive http.client connections; `--wrk` uses wrk if it is installed),
then prints authorisations/s, p50/p99 latency, errors, negative balances and ledger mismatches.

    .venv/bin/python bench/aidcard.py
    .venv/bin/python bench/aidcard.py --cards 5000 --requests 40000 --concurrency 16
"""

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time

import harness

ROOT = harness.ROOT
DB_NAME = "refah_bench_card"
SERVER_URL = "postgres://postgres@127.0.0.1:5432"
LOAD_PER_CARD = 100_000  # 1,000.00 TL on each food purse
URL = f"{SERVER_URL}/{DB_NAME}"


def create_database() -> None:
    harness.database_recreate(URL)
    env = harness.server_env(URL)
    subprocess.run([str(ROOT / ".venv/bin/refah"), "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)


def seed(cards: int) -> tuple[list[str], str]:
    """Django on the benchmark's database, then cards_seed()."""
    harness.django_setup(URL)
    return cards_seed(cards)


def cards_seed(cards: int) -> tuple[list[str], str]:
    """Households, cards, loaded food purses (with their ledger lines), one grocery and a terminal key."""
    from refah.aidcard.enums import LineKind, MerchantKind, PurseKind
    from refah.aidcard.luhn import card_number_new
    from refah.aidcard.models import Card, LedgerLine, Merchant, MerchantCategory, Purse, PurseLoad, Terminal
    from refah.geo.models import District, Neighbourhood
    from refah.registry.models import Household

    district = District.objects.get(pcode="TUR076002")
    hood, _ = Neighbourhood.objects.get_or_create(district=district, name_folded="BENCH", defaults={"name": "BENCH"})
    households = Household.objects.bulk_create(
        Household(
            reference_code=f"B-{i:08d}",
            province=district.province,
            district=district,
            neighbourhood=hood,
            dwelling_type="apartment",
            tenure="owner",
            heating="stove_coal",
        )
        for i in range(cards)
    )
    numbers = sorted({card_number_new() for _ in range(cards * 2)})[:cards]
    Card.objects.bulk_create(
        Card(household=h, number=n, last4=n[-4:]) for h, n in zip(households, numbers, strict=True)
    )
    purses = Purse.objects.bulk_create(
        Purse(household=h, kind=PurseKind.FOOD, available=LOAD_PER_CARD) for h in households
    )
    loads = PurseLoad.objects.bulk_create(
        PurseLoad(purse=p, source_ref=f"bench-{p.pk}", amount=LOAD_PER_CARD) for p in purses
    )
    LedgerLine.objects.bulk_create(
        LedgerLine(
            purse=p,
            kind=LineKind.LOAD,
            amount=LOAD_PER_CARD,
            delta_available=LOAD_PER_CARD,
            delta_held=0,
            available_after=LOAD_PER_CARD,
            held_after=0,
            load=ld,
        )
        for p, ld in zip(purses, loads, strict=True)
    )
    merchant = Merchant.objects.create(
        name="Bench Bakkal", kind=MerchantKind.SHOP, district=district, allowed_purses="food,general"
    )
    merchant.categories.set([MerchantCategory.objects.get(code="5411")])
    key = "rt_bench_" + os.urandom(16).hex()
    Terminal.objects.create(merchant=merchant, name="bench", key_hash=Terminal.hash_key(key), prefix=key[:8])
    return numbers, key


def start_server(port: int, workers: int) -> subprocess.Popen:
    return harness.server_start(URL, port=port, workers=workers, threads=None)


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.status: dict[int, int] = {}

    def add(self, latencies: list[float], status: dict[int, int]) -> None:
        with self.lock:
            self.latencies.extend(latencies)
            for code, n in status.items():
                self.status[code] = self.status.get(code, 0) + n


def _worker(index: int, port: int, key: str, numbers: list[str], count: int, deadline: float, out: Results) -> None:
    rng = random.Random()
    run = os.urandom(4).hex()  # idempotency keys unique across runs (the warm-up is a run too)
    headers = {"X-Terminal-Key": key, "Content-Type": "application/json", "Connection": "keep-alive"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies, status = [], {}
    for n in range(count):
        if time.perf_counter() > deadline:
            break
        body = json.dumps(
            {
                "card_number": rng.choice(numbers),
                "purse": "food",
                "amount": rng.randint(100, 5_000),
                "idempotency_key": f"{run}-w{index}-{n}",
            }
        )
        started = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/aidcard/terminal/authorisations", body, headers)
            response = conn.getresponse()
            response.read()
            code = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            code = 0
        latencies.append(time.perf_counter() - started)
        status[code] = status.get(code, 0) + 1
    conn.close()
    out.add(latencies, status)


def run_python(port: int, key: str, numbers: list[str], requests: int, concurrency: int, seconds: float):
    out = Results()
    deadline = time.perf_counter() + seconds
    per_thread = -(-requests // concurrency)
    threads = [
        threading.Thread(target=_worker, args=(i, port, key, numbers, per_thread, deadline, out))
        for i in range(concurrency)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out, time.perf_counter() - started


_WRK_LUA = """
local cards = {%(cards)s}
local n = 0
local counter = 0
-- tid is a global set per thread by setup(); a `local tid` here would shadow it (every thread 0, keys replayed)
all_threads = {}
function setup(thread) counter = counter + 1; thread:set("tid", counter); table.insert(all_threads, thread) end
function init(args) math.randomseed(tid) end
function request()
  n = n + 1
  local body = string.format('{"card_number":"%%s","purse":"food","amount":%%d,"idempotency_key":"t%%d-%%d"}',
    cards[math.random(#cards)], math.random(100, 5000), tid, n)
  return wrk.format("POST", "/api/v1/aidcard/terminal/authorisations",
    {["X-Terminal-Key"] = "%(key)s", ["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
  if status ~= 201 then codes = (codes or "") .. status .. "," end
end
function done(summary, latency, requests)
  local seen = ""
  for _, t in ipairs(all_threads) do seen = seen .. (t:get("codes") or "") end
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%s\\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), seen))
end
"""


def run_wrk(port: int, key: str, numbers: list[str], concurrency: int, seconds: float) -> dict:
    cards = ",".join(f'"{n}"' for n in numbers)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_LUA % {"cards": cards, "key": key})
    cmd = ["wrk", "-t", "4", "-c", str(concurrency), "-d", f"{int(seconds)}s", "-s", script.name]
    output = subprocess.run([*cmd, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    fields = output.split("WRK ")[1].split()
    total, non2xx, socket_errors, p50_us, p99_us = (int(x) for x in fields[:5])
    codes = fields[5].rstrip(",").split(",") if len(fields) > 5 else []
    statuses = {int(c): codes.count(c) for c in set(codes)}
    figures = {"total": total, "non2xx": non2xx, "errors": socket_errors, "p50": p50_us / 1e6, "p99": p99_us / 1e6}
    return {**figures, "statuses": statuses}


def check_balances() -> tuple[int, int, int]:
    """(negative purses, purses whose figures differ from the sum of their lines, holds written)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM aidcard_purse WHERE available < 0 OR held < 0")
        negative = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM aidcard_purse p LEFT JOIN (SELECT purse_id, sum(delta_available) a, "
            "sum(delta_held) h FROM aidcard_ledgerline GROUP BY purse_id) s ON s.purse_id = p.id "
            "WHERE p.available <> coalesce(s.a, 0) OR p.held <> coalesce(s.h, 0)"
        )
        mismatched = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM aidcard_hold")
        holds = cursor.fetchone()[0]
    return negative, mismatched, holds


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=20_000, help="at most this many (Python generator)")
    parser.add_argument("--seconds", type=float, default=60, help="stop after this long whatever the count")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--wrk", action="store_true", help="use wrk (if installed) instead of Python threads")
    args = parser.parse_args()

    create_database()
    numbers, key = seed(args.cards)
    print(f"seeded {len(numbers):,} cards with {LOAD_PER_CARD:,} kuruş each on the food purse")
    server = start_server(args.port, args.workers)
    try:
        run_python(args.port, key, numbers[:50], 200, 4, 10)  # warm-up: connections, imports
        use_wrk = args.wrk and shutil.which("wrk")
        if use_wrk:
            figures = run_wrk(args.port, key, numbers, args.concurrency, min(args.seconds, 20))
            wall, total = min(args.seconds, 20), figures["total"]
            errors, p50, p99 = figures["errors"] + figures["non2xx"], figures["p50"], figures["p99"]
            declined = figures["statuses"].get(402, 0)
            errors -= declined
            if errors:
                print(f"not 201: {figures['statuses']}, socket errors {figures['errors']}")
        else:
            out, wall = run_python(args.port, key, numbers, args.requests, args.concurrency, args.seconds)
            total = len(out.latencies)
            declined = out.status.get(402, 0)
            errors = total - out.status.get(201, 0) - declined
            p50, p99 = _percentile(out.latencies, 0.5), _percentile(out.latencies, 0.99)
    finally:
        server.terminate()
        server.wait(timeout=30)
    negative, mismatched, holds = check_balances()
    print(f"load generator     {'wrk' if use_wrk else 'python threads, keep-alive'}, concurrency {args.concurrency}")
    print(f"authorisations     {total:,} in {wall:.1f} s")
    print(f"authorisations/s   {total / wall:,.0f}")
    print(f"latency p50 / p99  {p50 * 1000:.1f} ms / {p99 * 1000:.1f} ms")
    if declined is not None:
        print(f"declined (402)     {declined:,}")
    print(f"errors             {errors:,}")
    print(f"holds written      {holds:,}")
    print(f"negative balances  {negative}")
    print(f"ledger mismatches  {mismatched}")


if __name__ == "__main__":
    main()
