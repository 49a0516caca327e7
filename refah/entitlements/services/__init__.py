"""Writes of the entitlements app (docs/entitlements.md): each checks permission and jurisdiction, runs in one
transaction and leaves an audit record."""

from refah.entitlements.services.batches import print_batch_create, print_batch_printed
from refah.entitlements.services.cards import cards_issue
from refah.entitlements.services.delivery import card_cancel, card_deliver, card_replace
from refah.entitlements.services.records import (
    entitlement_grant,
    entitlement_refer,
    entitlement_revoke,
    entitlement_use,
    veteran_record_create,
)

__all__ = [
    "card_cancel",
    "card_deliver",
    "card_replace",
    "cards_issue",
    "entitlement_grant",
    "entitlement_refer",
    "entitlement_revoke",
    "entitlement_use",
    "print_batch_create",
    "print_batch_printed",
    "veteran_record_create",
]
