"""The clients of bench/fault_drill.py: partners submitting applications, card terminals, the finance office.

Every client records what it was told (Records) for bench/fault_drill_checks.py. A request is acknowledged when
a 2xx answer arrives; one without an answer, or answered 5xx, is sent again unchanged (same idempotency key) until
it is answered, as a partner would. Some acknowledged requests are sent once more, to compare the answers.
"""

import csv
import http.client
import io
import json
import random
import threading
import time
import traceback
import uuid
from collections import Counter
from dataclasses import dataclass, field

from harness import HOST

RETRY_STATUSES = {0, 500, 502, 503, 504}  # no answer, or the server failed: not acknowledged, send again
GIVE_UP_AFTER = 120.0  # seconds of resending one request before it counts as never answered
DEBTOR = {"channel": "bank", "debtor_name": "Aile ve Sosyal Hizmetler Bakanlığı"}
DEBTOR_IBAN = "TR330006100519786457841326"
AUTHORISE = "/api/v1/aidcard/terminal/authorisations"


class Tally:
    """Requests sent, answered 2xx (acknowledged), sent again, and every final status; shared by the clients."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent = self.acknowledged = self.retried = self.unanswered = 0
        self.statuses: Counter = Counter()

    def add(self, **counts) -> None:
        with self.lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)


class Client:
    """One keep-alive connection; `until_answered` resends while the answer is missing or a 5xx."""

    def __init__(self, port: int, headers: dict, tally: Tally):
        self.port, self.headers, self.tally = port, headers, tally
        self.conn = None
        self.requests = self.resent = 0  # requests (each until answered), and those that needed more than one try

    def send(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        self.tally.add(sent=1)
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            self.conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
            response = self.conn.getresponse()
            content = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            status, content = 0, b""
        with self.tally.lock:
            self.tally.statuses[status] += 1
        if 200 <= status < 300:
            self.tally.add(acknowledged=1)
        return status, content

    def until_answered(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, content, attempts): the first answer that is not a reason to resend (a 2xx or a 4xx)."""
        started, attempts = time.monotonic(), 0
        self.requests += 1
        while True:
            attempts += 1
            self.resent += attempts == 2
            status, content = self.send(method, path, body, headers)
            if status not in RETRY_STATUSES:
                return status, content, attempts
            if time.monotonic() - started > GIVE_UP_AFTER:
                self.tally.add(unanswered=1)
                return status, content, attempts
            self.tally.add(retried=1)
            time.sleep(min(2.0, 0.05 * 2**attempts) * random.uniform(0.5, 1.0))

    def json(self, method: str, path: str, payload=None):
        body = json.dumps(payload).encode() if payload is not None else None
        status, content, attempts = self.until_answered(method, path, body, {"Content-Type": "application/json"})
        return status, _decoded(content), attempts


def _decoded(content: bytes):
    try:
        return json.loads(content) if content else None
    except ValueError:
        return None


@dataclass
class Records:
    """What the clients were told: the checks compare it with the database."""

    submissions: list[dict] = field(default_factory=list)  # key, consents, status, answer, attempts, replay
    holds: list[dict] = field(default_factory=list)  # key, amount, status, answer, attempts, replay
    captures: list[dict] = field(default_factory=list)  # hold, amount, status, answer, replay
    voids: list[dict] = field(default_factory=list)  # hold, status
    payments: list[dict] = field(default_factory=list)  # one per month: cycle, batches, lines answered, done
    reimported_changes: int = 0  # lines an answer file imported a second time changed (0 expected)
    payment_requests: tuple[int, int] = (0, 0)  # the finance office's requests, and those resent
    errors: list[str] = field(default_factory=list)  # failed payment steps, clients that crashed
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, record) -> None:
        with self.lock:
            getattr(self, kind).append(record)


def submitter(client: Client, requests: list, records: Records, stop: threading.Event, replay_share: float) -> None:
    """Submit the applications one after the other; resend the same key until answered; replay some."""
    rng = random.Random()
    for _, path, body, headers in requests:
        if stop.is_set():
            return
        status, content, attempts = client.until_answered("POST", path, body, headers)
        record = {
            "key": headers["Idempotency-Key"],
            "consents": json.loads(body)["consents"],
            "status": status,
            "answer": _decoded(content),
            "attempts": attempts,
        }
        if 200 <= status < 300 and rng.random() < replay_share:
            replay_status, replay, _ = client.until_answered("POST", path, body, headers)
            record["replay"] = (replay_status, _decoded(replay))
        records.add("submissions", record)


def card_terminal(
    client: Client, cards: list[str], tag: str, records: Records, stop: threading.Event, replay_share: float
) -> None:
    """Authorise random amounts on random cards; capture (whole or part), void or leave each hold open."""
    rng = random.Random()
    n = 0
    while not stop.is_set():
        n += 1
        payload = {
            "card_number": rng.choice(cards),
            "purse": "food",
            "amount": rng.randint(100, 5_000),
            "idempotency_key": f"{tag}-{n}",
        }
        status, answer, attempts = client.json("POST", AUTHORISE, payload)
        record = {"key": payload["idempotency_key"], "amount": payload["amount"], "status": status, "answer": answer}
        record["attempts"] = attempts
        if status == 201 and rng.random() < replay_share:
            replay_status, replay, _ = client.json("POST", AUTHORISE, payload)
            record["replay"] = (replay_status, replay)
        records.add("holds", record)
        if status != 201:
            continue
        hold, roll = answer["id"], rng.random()
        if roll < 0.7:
            amount = payload["amount"] if rng.random() < 0.5 else rng.randint(1, payload["amount"])
            status, answer, _ = client.json("POST", f"{AUTHORISE}/{hold}/capture", {"amount": amount})
            capture = {"hold": hold, "amount": amount, "status": status, "answer": answer}
            if status == 200 and rng.random() < replay_share:
                capture["replay"] = client.json("POST", f"{AUTHORISE}/{hold}/capture", {"amount": amount})[:2]
            records.add("captures", capture)
        elif roll < 0.8:
            status, answer, _ = client.json("POST", f"{AUTHORISE}/{hold}/void")
            records.add("voids", {"hold": hold, "status": status, "answer": answer})


class PaymentsRun:
    """The finance office's month, step by step. A step resent after an unacknowledged attempt may find its work
    already done (a cycle that exists, a batch no longer a draft): it then reads what is there, as a person would."""

    def __init__(self, maker: Client, checker: Client, records: Records):
        self.maker, self.checker, self.records = maker, checker, records

    def fail(self, period: str, step: str, status, answer) -> None:
        self.records.add("errors", f"payments {period} {step}: {status} {answer}")

    def month(self, period: str) -> None:
        record = {"period": period, "batches": [], "paid": [], "failed": [], "done": False}
        self.records.add("payments", record)
        cycle = self.cycle(period)
        if cycle is None:
            return
        record["cycle"] = cycle
        first = self.batch(period, cycle, None)
        if first is None or not self.settle(period, record, first, failed_share=0.1):
            return
        if record["failed"]:
            retry = self.batch(period, cycle, first)
            if retry is None or not self.settle(period, record, retry, failed_share=0.0):
                return
        record["done"] = True

    def cycle(self, period: str) -> str | None:
        status, answer, _ = self.maker.json(
            "POST", "/api/v1/payments/cycles", {"program": "family_support", "period_start": period}
        )
        if status == 409:  # an earlier, unacknowledged attempt created it
            answer = self.find("/api/v1/payments/cycles", period_start=period, program="family_support")
            status = 201 if answer else status
        if status != 201:
            return self.fail(period, "cycle", status, answer)
        status, computed, _ = self.maker.json("POST", f"/api/v1/payments/cycles/{answer['id']}/compute")
        if status not in (200, 409):  # 409: computed by an earlier attempt
            return self.fail(period, "compute", status, computed)
        return answer["id"]

    def find(self, path: str, **wanted) -> dict | None:
        status, rows, _ = self.maker.json("GET", path)
        matches = [row for row in rows or [] if all(str(row[k]) == str(v) for k, v in wanted.items())]
        return matches[0] if status == 200 and len(matches) == 1 else None

    def batch(self, period: str, cycle: str, retry_of: str | None) -> str | None:
        payload = {
            **DEBTOR,
            "debtor_iban": DEBTOR_IBAN,
            "cycle_id": cycle,
            "execution_date": period,
            "retry_of": retry_of,
        }
        status, answer, attempts = self.maker.json("POST", "/api/v1/payments/batches", payload)
        if status in (400, 409) and attempts > 1:  # nothing left to pay: the unacknowledged attempt made the batch
            answer = self.find("/api/v1/payments/batches", cycle_id=cycle, retry_of_id=retry_of)
            status = 201 if answer else status
        if status != 201:
            return self.fail(period, "batch", status, answer)
        status, approved, _ = self.checker.json("POST", f"/api/v1/payments/batches/{answer['id']}/approve")
        if status == 409:
            approved = self.find("/api/v1/payments/batches", id=answer["id"])
            status = 200 if approved and approved["status"] != "draft" else status
        if status != 200:
            return self.fail(period, "approve", status, approved)
        return answer["id"]

    def settle(self, period: str, record: dict, batch: str, failed_share: float) -> bool:
        """Export the batch, answer it (paid, or failed for `failed_share` of the lines), import the answer twice."""
        status, content, _ = self.maker.until_answered("GET", f"/api/v1/payments/batches/{batch}/export?format=csv")
        if status != 200:
            return self.fail(period, "export", status, content[:200])
        ids = [row["end_to_end_id"] for row in csv.DictReader(io.StringIO(content.decode()))]
        failed = set(random.sample(ids, int(len(ids) * failed_share)))
        answer = "end_to_end_id,status,reason\n" + "".join(
            f"{i},{'failed' if i in failed else 'paid'},{'AC04' if i in failed else ''}\n" for i in ids
        )
        for again in (False, True):  # the bank's file imported twice changes nothing the second time
            status, changed, _ = self.maker.until_answered(
                *_multipart(f"/api/v1/payments/batches/{batch}/answer", answer.encode())
            )
            if status != 200:
                return self.fail(period, "answer", status, changed[:200])
            if again:
                with self.records.lock:
                    self.records.reimported_changes += sum(json.loads(changed).values())
        record["batches"].append(batch)
        record["paid"] += [i for i in ids if i not in failed]
        record["failed"] = sorted(failed)
        return True


def _multipart(path: str, content: bytes) -> tuple:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\ncsv\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="answer.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def finance(run: PaymentsRun, periods: list[str], stop: threading.Event) -> None:
    """Pay one month after the other until stopped."""
    for period in periods:
        if stop.is_set():
            break
        run.month(period)
    clients = (run.maker, run.checker)
    run.records.payment_requests = (sum(c.requests for c in clients), sum(c.resent for c in clients))


def guarded(target, records: Records):
    """`target` for a thread: an exception is recorded (the drill then fails) instead of ending the thread quietly."""

    def run(*args):
        try:
            target(*args)
        except Exception:
            records.add("errors", f"{target.__name__} crashed:\n{traceback.format_exc()}")

    return run
