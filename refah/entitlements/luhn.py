"""Travel card numbers: the free-travel issuer prefix on the shared card-number rules (refah/common/cards.py); the
prefix differs from the aid card's, so a travel card is never taken for an aid card."""

from refah.common import cards
from refah.common.cards import CARD_LENGTH, card_number_grouped, luhn_valid

ISSUER_PREFIX = "979281"  # Refah's free-travel issuer number; the 6 digits are not a real bank's

__all__ = ["CARD_LENGTH", "ISSUER_PREFIX", "card_number_grouped", "card_number_new", "luhn_valid"]


def card_number_new() -> str:
    """A fresh random travel card number of CARD_LENGTH digits with a valid check digit."""
    return cards.card_number_new(ISSUER_PREFIX)
