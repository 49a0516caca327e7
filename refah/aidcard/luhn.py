"""Card numbers: a fixed issuer prefix, random digits and a Luhn (mod 10) check digit."""

import secrets

ISSUER_PREFIX = "979276"  # Refah's issuer number (IIN); the 6 digits are not a real bank's
CARD_LENGTH = 16


def luhn_check_digit(payload: str) -> str:
    """The digit that makes payload + digit pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:  # every second digit from the right, starting next to the check digit
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    """True if the number is all digits and its last digit is the Luhn check digit."""
    return len(number) > 1 and number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def card_number_new() -> str:
    """A fresh random card number of CARD_LENGTH digits with a valid check digit."""
    body_len = CARD_LENGTH - len(ISSUER_PREFIX) - 1
    body = "".join(secrets.choice("0123456789") for _ in range(body_len))
    payload = ISSUER_PREFIX + body
    return payload + luhn_check_digit(payload)
