"""The simulators' WSGI app: every institution's interface (docs/exchange/*.yaml) under /{source}/v1/, answered from
the synthetic province's truth, with configurable latency, 5xx answers, time-outs, a "down" switch and malformed
answers per source. PUT /_control/{source} changes a source's behaviour at run time (tests use it)."""

import datetime as dt
import json
import random
import threading
import time

import polars as pl
from django.db import connection
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from refah.exchange.simulators.answers import ANSWERS, records
from refah.exchange.simulators.iskur_desk import IskurDesk
from refah.exchange.simulators.truth import persons_truth

BULK_MAX = 5000
CACHE_MIN_PERSONS = 100  # a household's few members are always read afresh (tests change them between calls)
CACHE_SECONDS = 30.0
BEHAVIOUR = ("latency_ms", "error_rate", "timeout_rate", "hang_seconds", "down", "malformed")


class _Read:
    """A bulk list's truth being read, or read at `at` (single flight: one read for the eight sources)."""

    def __init__(self, at: float):
        self.at, self.found, self.done = at, None, threading.Event()


def _json(body, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), status, mimetype="application/json")


class Simulators:
    """The app; `config` as settings.REFAH_SIMULATORS. Behaviour is per source, defaults from the config."""

    def __init__(self, config: dict):
        self.seed, self.token = config["seed"], config.get("token") or ""
        default = {key: config.get(key) for key in BEHAVIOUR if key not in ("down", "malformed")}
        self.behaviour = {
            code: {**default, "down": code in config.get("down", ()), "malformed": False} for code in ANSWERS
        }
        self.lock = threading.Lock()
        self.cache: dict[int, _Read] = {}
        self.iskur = IskurDesk(self.seed)  # İŞKUR's employment services (docs/employment/iskur.yaml)
        self.urls = Map(
            [
                Rule("/health", endpoint="health", methods=["GET"]),
                Rule("/_control/iskur/placements/<placement>", endpoint="placement_end", methods=["PUT"]),
                Rule("/iskur/v1/jobseekers", endpoint="jobseeker", methods=["POST"]),
                Rule("/iskur/v1/jobseekers/<tc>/<part>", endpoint="jobseeker_part", methods=["GET", "POST"]),
                Rule("/_control/<source>", endpoint="control", methods=["PUT", "GET"]),
                Rule("/<source>/v1/persons/bulk", endpoint="bulk", methods=["POST"]),
                Rule("/<source>/v1/persons/<tc>", endpoint="person", methods=["GET"]),
            ]
        )

    def __call__(self, environ, start_response):
        request = Request(environ)
        try:
            endpoint, args = self.urls.bind_to_environ(environ).match()
            response = getattr(self, f"on_{endpoint}")(request, **args)
        except HTTPException as exc:
            response = _json({"error": exc.name}, exc.code)
        finally:
            connection.close()  # each request runs on a thread of its own: its connection ends with it
        return response(environ, start_response)

    def on_health(self, request) -> Response:
        return _json({"status": "ok"})

    def on_control(self, request, source: str) -> Response:
        if source not in self.behaviour:
            return _json({"error": "unknown source"}, 404)
        if request.method == "PUT":
            change = request.get_json(silent=True) or {}
            with self.lock:
                self.behaviour[source].update({k: v for k, v in change.items() if k in BEHAVIOUR})
        return _json(self.behaviour[source])

    def _refuse(self, request, source: str) -> Response | None:
        """Authentication, purpose and requester, then the behaviour: down, time-out, 5xx, latency."""
        if source not in self.behaviour:
            return _json({"error": "unknown source"}, 404)
        if self.token and request.headers.get("Authorization") != f"Bearer {self.token}":
            return _json({"error": "unauthorised"}, 401)
        if not request.headers.get("X-Purpose") or not request.headers.get("X-Requester"):
            return _json({"error": "X-Purpose and X-Requester are required"}, 400)
        how = self.behaviour[source]
        if how["down"]:
            return _json({"error": "service unavailable"}, 503)
        if random.random() < (how["timeout_rate"] or 0):  # noqa: S311
            time.sleep(how["hang_seconds"])
        if random.random() < (how["error_rate"] or 0):  # noqa: S311
            return _json({"error": "internal error"}, 500)
        low, high = how["latency_ms"] or (0, 0)
        if high:
            time.sleep(random.uniform(low, high) / 1000)  # noqa: S311
        return None

    def _truth_for_bulk(self, tcs: list[str]) -> pl.DataFrame:
        """The truth of a bulk request's persons. A bulk refresh asks every source about the same persons at once,
        so a large list is read once — by the first of the eight requests, the others waiting for it — and reused
        for CACHE_SECONDS."""
        if len(tcs) < CACHE_MIN_PERSONS:
            return persons_truth(tcs)
        key, now = hash(tuple(tcs)), time.monotonic()
        with self.lock:
            self.cache = {k: v for k, v in self.cache.items() if now - v.at < CACHE_SECONDS}
            entry = self.cache.get(key)
            reader = entry is None
            if reader:
                entry = self.cache[key] = _Read(now)
        if reader:
            try:
                entry.found = persons_truth(tcs)
            finally:
                entry.done.set()
        entry.done.wait()
        return entry.found if entry.found is not None else persons_truth(tcs)

    def _records(self, source: str, truth: pl.DataFrame, today: dt.date) -> pl.DataFrame:
        found = records(source, truth, self.seed, today)
        if self.behaviour[source]["malformed"]:  # every field of the wrong type
            found = found.select("tc", *(pl.lit("?").alias(name) for name in found.columns if name != "tc"))
        return found

    def on_person(self, request, source: str, tc: str) -> Response:
        refused = self._refuse(request, source)
        if refused:
            return refused
        if not (tc.isdigit() and len(tc) == 11):
            return _json({"error": "tc must be 11 digits"}, 400)
        truth = persons_truth([tc])
        if not truth.height:
            return _json({"error": "not found", "tc": tc}, 404)
        today = dt.date.today()
        return _json({"as_of": today.isoformat(), **self._records(source, truth, today).to_dicts()[0]})

    def on_jobseeker(self, request) -> Response:
        """İŞKUR registers a referred job seeker (the existing registration when there is one)."""
        refused = self._refuse(request, "iskur")
        if refused:
            return refused
        body = request.get_json(silent=True)
        tc = body.get("tc") if isinstance(body, dict) else None
        if not (isinstance(tc, str) and tc.isdigit() and len(tc) == 11):
            return _json({"error": "tc must be 11 digits"}, 400)
        if not persons_truth([tc]).height:  # not a person the registry knows
            return _json({"error": "not found", "tc": tc}, 404)
        today = dt.date.today()
        return _json({"as_of": today.isoformat(), **self.iskur.register(tc, today)})

    def on_jobseeker_part(self, request, tc: str, part: str) -> Response:
        """A registered job seeker's offers (GET), answers (POST) or placements (GET)."""
        refused = self._refuse(request, "iskur")
        if refused:
            return refused
        today = dt.date.today()
        if (part, request.method) == ("offers", "GET"):
            found = self.iskur.offers(tc)
            body = None if found is None else {"offers": found}
        elif (part, request.method) == ("placements", "GET"):
            found = self.iskur.placements(tc, today)
            body = None if found is None else {"placements": found}
        elif (part, request.method) == ("answers", "POST"):
            if tc not in self.iskur.registered:
                return _json({"error": "not found", "tc": tc}, 404)
            body = self.iskur.answer(tc, request.get_json(silent=True), today)
            if body is None:
                return _json({"error": "offer_id of one of the job seeker's offers and answer are required"}, 400)
        else:
            return _json({"error": "not found"}, 404)
        if body is None:
            return _json({"error": "not found", "tc": tc}, 404)
        if self.behaviour["iskur"]["malformed"]:
            body = {key: "?" for key in body}
        return _json({"as_of": today.isoformat(), "tc": tc, **body})

    def on_placement_end(self, request, placement: str) -> Response:
        body = request.get_json(silent=True) or {}
        try:
            self.iskur.end(placement, dt.date.fromisoformat(body.get("ended_on", "")))
        except (TypeError, ValueError):
            return _json({"error": "ended_on must be a date"}, 400)
        return _json({"placement_id": placement, "ended_on": body["ended_on"]})

    def on_bulk(self, request, source: str) -> Response:
        refused = self._refuse(request, source)
        if refused:
            return refused
        body = request.get_json(silent=True)
        tcs = body.get("tcs") if isinstance(body, dict) else None
        if not isinstance(tcs, list) or not all(isinstance(t, str) for t in tcs) or len(tcs) > BULK_MAX:
            return _json({"error": f"tcs must be a list of at most {BULK_MAX} strings"}, 400)
        found = self._truth_for_bulk(tcs)
        asked = pl.DataFrame({"tc": tcs}, schema={"tc": pl.String})
        truth = asked.join(found, on="tc", how="inner", maintain_order="left")  # in the order asked
        known = set(found["tc"])
        missing = [tc for tc in tcs if tc not in known]
        today = dt.date.today()
        body = (  # the records written by Polars (a bulk answer is thousands of them)
            f'{{"as_of":"{today.isoformat()}","records":{self._records(source, truth, today).write_json()},'
            f'"not_found":{json.dumps(missing)}}}'
        )
        return Response(body, 200, mimetype="application/json")
