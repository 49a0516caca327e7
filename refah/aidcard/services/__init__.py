"""Writes of the aid card. Import from the submodules; the names here are the public contract."""

from refah.aidcard.services.cards import card_block, card_issue, card_pin_unblock, card_replace, purse_load
from refah.aidcard.services.market import market_checkout, market_item_create, market_restock
from refah.aidcard.services.merchants import merchant_create, terminal_create, terminal_deactivate
from refah.aidcard.services.spend import (
    card_balance,
    hold_authorise,
    hold_capture,
    hold_refund,
    hold_void,
    holds_expire,
)

__all__ = [
    "card_balance",
    "card_block",
    "card_issue",
    "card_pin_unblock",
    "card_replace",
    "hold_authorise",
    "hold_capture",
    "hold_refund",
    "hold_void",
    "holds_expire",
    "market_checkout",
    "market_item_create",
    "market_restock",
    "merchant_create",
    "purse_load",
    "terminal_create",
    "terminal_deactivate",
]
