"""ASDEP's writes: each checks permission and jurisdiction, runs in one transaction and leaves an audit record."""

from refah.asdep.services.rounds import round_close, round_plan
from refah.asdep.services.visits import visit_record

__all__ = ["round_close", "round_plan", "visit_record"]
