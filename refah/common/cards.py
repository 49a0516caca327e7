"""Card numbers: an issuer prefix, random digits and a Luhn (mod 10) check digit — the aid card's and the free
travel card's alike, each app with its own prefix (refah/aidcard/luhn.py, refah/entitlements/luhn.py).

The Luhn arithmetic is python-stdnum's (`stdnum.luhn`); the project's own rules are the prefix, the length, and that
a card number is ASCII digits only (stdnum's `checksum` would take a lone digit, or any character its alphabet maps).
"""

import secrets

from stdnum import luhn

CARD_LENGTH = 16


def luhn_check_digit(payload: str) -> str:
    """The digit that makes payload + digit pass the Luhn check."""
    return luhn.calc_check_digit(payload)


def luhn_valid(number: str) -> bool:
    """True if the number is all ASCII digits and its last digit is the Luhn check digit."""
    return len(number) > 1 and number.isascii() and number.isdigit() and luhn.is_valid(number)


def card_number_new(prefix: str, length: int = CARD_LENGTH) -> str:
    """A fresh random number of `length` digits starting with `prefix`, with a valid check digit."""
    body = "".join(secrets.choice("0123456789") for _ in range(length - len(prefix) - 1))
    payload = prefix + body
    return payload + luhn_check_digit(payload)


def card_number_grouped(number: str) -> str:
    """The number in groups of four, as printed on a card."""
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
