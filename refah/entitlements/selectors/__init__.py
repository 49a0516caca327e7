"""Reads of the entitlements app (docs/entitlements.md): records, entitlements, cards and batches by id in the
user's jurisdiction, the lists, a record's page with the services used, the household page's lines."""

from refah.entitlements.selectors._common import records_logged
from refah.entitlements.selectors.cards import (
    access_batch_by_id,
    access_card_by_id,
    batch_file,
    batch_list,
    batch_read,
    card_counts,
    card_list,
    card_read,
    cards_awaiting_print,
    run_list,
)
from refah.entitlements.selectors.household import household_lines
from refah.entitlements.selectors.records import (
    RecordPage,
    access_entitlement_by_id,
    access_record_by_id,
    record_list,
    record_read,
)

__all__ = [
    "RecordPage",
    "access_batch_by_id",
    "access_card_by_id",
    "access_entitlement_by_id",
    "access_record_by_id",
    "batch_file",
    "batch_list",
    "batch_read",
    "card_counts",
    "card_list",
    "card_read",
    "cards_awaiting_print",
    "household_lines",
    "record_list",
    "record_read",
    "records_logged",
    "run_list",
]
