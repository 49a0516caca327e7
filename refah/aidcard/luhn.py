"""Aid card numbers: Refah's aid-card issuer prefix on the shared card-number rules (refah/common/cards.py)."""

from refah.common import cards
from refah.common.cards import CARD_LENGTH, luhn_check_digit, luhn_valid

ISSUER_PREFIX = "979276"  # Refah's issuer number (IIN); the 6 digits are not a real bank's

__all__ = ["CARD_LENGTH", "ISSUER_PREFIX", "card_number_new", "luhn_check_digit", "luhn_valid"]


def card_number_new() -> str:
    """A fresh random aid card number of CARD_LENGTH digits with a valid check digit."""
    return cards.card_number_new(ISSUER_PREFIX)
