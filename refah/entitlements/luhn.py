"""Travel card numbers: the card issuer's prefix, random digits and a Luhn (mod 10) check digit.

The Luhn arithmetic is python-stdnum's (`stdnum.luhn`), as the aid card's (refah/aidcard/luhn.py, an app above
this one); the prefix differs, so a travel card is never taken for an aid card.
"""

import secrets

from stdnum import luhn

ISSUER_PREFIX = "979281"  # Refah's free-travel issuer number; the 6 digits are not a real bank's
CARD_LENGTH = 16


def luhn_valid(number: str) -> bool:
    """True if the number is all ASCII digits and its last digit is the Luhn check digit."""
    return len(number) > 1 and number.isascii() and number.isdigit() and luhn.is_valid(number)


def card_number_new() -> str:
    """A fresh random card number of CARD_LENGTH digits with a valid check digit."""
    body = "".join(secrets.choice("0123456789") for _ in range(CARD_LENGTH - len(ISSUER_PREFIX) - 1))
    payload = ISSUER_PREFIX + body
    return payload + luhn.calc_check_digit(payload)


def card_number_grouped(number: str) -> str:
    """The number in groups of four, as printed on the card."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
