"""Card numbers: a fixed issuer prefix, random digits and a Luhn (mod 10) check digit.

The Luhn arithmetic is python-stdnum's (`stdnum.luhn`); the project's own rules are the issuer prefix, the
length, and that a card number is ASCII digits only (stdnum's `checksum` would take a lone digit, or any
character its alphabet maps).
"""

import secrets

from stdnum import luhn

ISSUER_PREFIX = "979276"  # Refah's issuer number (IIN); the 6 digits are not a real bank's
CARD_LENGTH = 16


def luhn_check_digit(payload: str) -> str:
    """The digit that makes payload + digit pass the Luhn check."""
    return luhn.calc_check_digit(payload)


def luhn_valid(number: str) -> bool:
    """True if the number is all digits and its last digit is the Luhn check digit."""
    return len(number) > 1 and number.isascii() and number.isdigit() and luhn.is_valid(number)


def card_number_new() -> str:
    """A fresh random card number of CARD_LENGTH digits with a valid check digit."""
    body_len = CARD_LENGTH - len(ISSUER_PREFIX) - 1
    body = "".join(secrets.choice("0123456789") for _ in range(body_len))
    payload = ISSUER_PREFIX + body
    return payload + luhn_check_digit(payload)
