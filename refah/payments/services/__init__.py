"""Writes of payments. Each service checks the actor's permission first and audits what it writes.

cycles: a program's cycle and its frozen entitlements. batches: bank and PTT batches, their approval by a
second person, the PTT deadline. files: the bank's files (pain.001 out, pain.002 in). cards: aid-card loads.
inkind: warehouses, stock and deliveries. payees: the IBAN a person is paid to.
"""

from refah.payments.services.batches import batch_approve, batch_create, ptt_unclaimed_return
from refah.payments.services.cards import cycle_load_aid_cards
from refah.payments.services.cycles import cycle_compute, cycle_create
from refah.payments.services.files import batch_answer_import, batch_export
from refah.payments.services.inkind import (
    delivery_record,
    entitlement_deliver,
    stock_issue,
    stock_receive,
    warehouse_create,
)
from refah.payments.services.payees import payee_account_set

__all__ = [
    "batch_answer_import",
    "batch_approve",
    "batch_create",
    "batch_export",
    "cycle_compute",
    "cycle_create",
    "cycle_load_aid_cards",
    "delivery_record",
    "entitlement_deliver",
    "payee_account_set",
    "ptt_unclaimed_return",
    "stock_issue",
    "stock_receive",
    "warehouse_create",
]
