"""IBAN (ISO 13616) validation for Turkish accounts, and PTT cash payment references."""

import re

TR_IBAN_LENGTH = 26
_IBAN_RE = re.compile(r"^TR\d{24}$")


def iban_normalize(value: str) -> str:
    """Upper case, spaces removed: "tr33 0006 1005…" → "TR330006100…"."""
    return re.sub(r"\s+", "", value or "").upper()


def iban_mod97(iban: str) -> int:
    """ISO 13616 / ISO 7064 mod 97-10: move the first four characters to the end, letters to 10…35."""
    rearranged = iban[4:] + iban[:4]
    remainder = 0
    for char in rearranged:
        digits = str(int(char, 36))  # '0'–'9' stay, 'A' → 10 … 'Z' → 35
        for digit in digits:
            remainder = (remainder * 10 + int(digit)) % 97
    return remainder


def is_valid_tr_iban(value: str) -> bool:
    """TR, 26 characters (2 check digits, 5 bank, 1 reserved, 16 account), mod 97 equals 1."""
    iban = iban_normalize(value)
    return bool(_IBAN_RE.match(iban)) and iban_mod97(iban) == 1


def tr_iban_make(bban: str) -> str:
    """A valid TR IBAN around a 22-digit BBAN (bank code, reserved digit, account): computes the check digits."""
    if len(bban) != 22 or not bban.isdigit():
        raise ValueError("A Turkish BBAN has 22 digits.")
    check = 98 - iban_mod97(f"TR00{bban}")
    return f"TR{check:02d}{bban}"


def ptt_reference(line_id: int) -> str:
    """A 12-digit PTT payment reference for a payment line: the id, zero-padded, then a mod-97 check pair."""
    body = f"{line_id:010d}"
    return f"{body}{98 - (int(body) * 100) % 97:02d}"
