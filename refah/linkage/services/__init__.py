"""Writes of record linkage; other apps import from here."""

from refah.linkage.services.decisions import link_undo, review_accept, review_reject
from refah.linkage.services.kinds import Decision, LinkKind, link_kind, link_kind_label, link_kind_register
from refah.linkage.services.records import LinkOutcome, LinkRecord, records_link

__all__ = [
    "Decision",
    "LinkKind",
    "LinkOutcome",
    "LinkRecord",
    "link_kind",
    "link_kind_label",
    "link_kind_register",
    "link_undo",
    "records_link",
    "review_accept",
    "review_reject",
]
