"""İŞKUR's employment services in the simulators (docs/employment/iskur.yaml): registration of a referred job
seeker, the jobs and courses offered, the answers, the placements (started and left work).

The offers are derived from the seed, the TC Kimlik No and the registration day (three jobs and a course, offered
on the day of registration, to be answered within 14 days), so every run gives the same; what the job seeker
answered and the placements that follow are kept in memory, per simulators process. An accepted job starts the
day it is accepted; a quarter of the placements end between 90 and 300 days later (reported once that day has
come). PUT /_control/iskur/placements/{id} {"ended_on": "YYYY-MM-DD"} ends one at once (tests).
"""

from __future__ import annotations

import datetime as dt
import threading

from refah.exchange.simulators.truth import NET_MINIMUM_WAGE_KURUS, uniform

OFFERS = (
    ("job", "Depo görevlisi", "Aras Lojistik"),
    ("job", "Temizlik personeli", "Iğdır Devlet Hastanesi yüklenicisi"),
    ("job", "Üretim işçisi", "Iğdır Un Sanayi"),
    ("course", "Bilgisayar işletmenliği kursu", "Halk Eğitim Merkezi"),
)
ANSWER_DAYS = 14
ANSWERS = ("accepted", "refused")


class IskurDesk:
    """In-memory state of İŞKUR's employment desk: registrations, answers and the placements they lead to."""

    def __init__(self, seed: int):
        self.seed = seed
        self.lock = threading.Lock()
        self.registered: dict[str, tuple[str, dt.date]] = {}  # tc → (job seeker id, registered on)
        self.answers: dict[tuple[str, str], tuple[str, dt.date]] = {}  # (tc, offer id) → (answer, answered on)
        self.ended: dict[str, dt.date] = {}  # placement id → ended on (set through the control interface)

    def register(self, tc: str, today: dt.date) -> dict:
        with self.lock:
            if tc not in self.registered:
                self.registered[tc] = (f"IS-{tc[-6:]}-{len(self.registered) + 1:04d}", today)
            jobseeker, since = self.registered[tc]
        return {"tc": tc, "jobseeker_id": jobseeker, "registered_on": since.isoformat()}

    def offers(self, tc: str) -> list[dict] | None:
        """The offers made to a registered job seeker (None: not registered)."""
        if tc not in self.registered:
            return None
        jobseeker, since = self.registered[tc]
        out = []
        for index, (kind, title, employer) in enumerate(OFFERS):
            draw = uniform(self.seed, tc, f"iskur.offer.{index}")
            out.append(
                {
                    "offer_id": f"{jobseeker}-{index + 1}",
                    "kind": kind,
                    "title": title,
                    "employer": employer,
                    "workplace": "Iğdır Merkez",
                    "distance_km": 2 + int(draw * 30),
                    "monthly_wage_kurus": int(NET_MINIMUM_WAGE_KURUS * (1 + draw * 0.3)) if kind == "job" else None,
                    "offered_on": since.isoformat(),
                    "answer_by": (since + dt.timedelta(days=ANSWER_DAYS)).isoformat(),
                }
            )
        return out

    def answer(self, tc: str, body: dict, today: dt.date) -> dict | None:
        """Keep an answer to one of the job seeker's offers; None: unknown job seeker or offer, or a bad body."""
        offers = {o["offer_id"]: o for o in self.offers(tc) or []}
        if not isinstance(body, dict) or body.get("offer_id") not in offers or body.get("answer") not in ANSWERS:
            return None
        with self.lock:
            self.answers[(tc, body["offer_id"])] = (body["answer"], today)
        return {"tc": tc, "offer_id": body["offer_id"], "recorded": True}

    def placements(self, tc: str, today: dt.date) -> list[dict] | None:
        """The placements that followed accepted job offers (None: not registered)."""
        offers = {o["offer_id"]: o for o in self.offers(tc) or []}
        if tc not in self.registered:
            return None
        out = []
        for (who, offer_id), (answer, answered_on) in sorted(self.answers.items()):
            offer = offers.get(offer_id)
            if who != tc or answer != "accepted" or offer is None or offer["kind"] != "job":
                continue
            placement_id = f"P-{offer_id}"
            ended = self.ended.get(placement_id)
            if ended is None and uniform(self.seed, tc, f"iskur.leaves.{offer_id}") < 0.25:
                stay = 90 + int(uniform(self.seed, tc, f"iskur.stay.{offer_id}") * 210)
                ended = answered_on + dt.timedelta(days=stay)
            out.append(
                {
                    "placement_id": placement_id,
                    "offer_id": offer_id,
                    "employer": offer["employer"],
                    "started_on": answered_on.isoformat(),
                    "ended_on": ended.isoformat() if ended and ended <= today else None,
                    "monthly_wage_kurus": offer["monthly_wage_kurus"],
                    "premium_support": True,
                }
            )
        return out

    def end(self, placement_id: str, ended_on: dt.date) -> None:
        with self.lock:
            self.ended[placement_id] = ended_on
