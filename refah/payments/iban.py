"""IBAN (ISO 13616) validation for Turkish accounts, and PTT cash payment references.

The mod 97-10 arithmetic is python-stdnum's (`stdnum.iso7064.mod_97_10`, `stdnum.iban`); the project's own
rule on top is that a payable account is Turkish: TR and 24 digits (stdnum would also take letters in the
account part, which Turkish banks do not issue).
"""

import re

from stdnum import iban as stdnum_iban
from stdnum.iso7064 import mod_97_10

TR_IBAN_LENGTH = 26
_IBAN_RE = re.compile(r"^TR\d{24}$")


def iban_normalize(value: str) -> str:
    """Upper case, spaces removed: "tr33 0006 1005…" → "TR330006100…"."""
    return re.sub(r"\s+", "", value or "").upper()


def iban_mod97(iban: str) -> int:
    """ISO 13616 / ISO 7064 mod 97-10: move the first four characters to the end, letters to 10…35."""
    return mod_97_10.checksum(iban[4:] + iban[:4])


def is_valid_tr_iban(value: str) -> bool:
    """TR, 26 characters (2 check digits, 5 bank, 1 reserved, 16 account), mod 97 equals 1."""
    iban = iban_normalize(value)
    return bool(_IBAN_RE.match(iban)) and iban_mod97(iban) == 1


def tr_iban_make(bban: str) -> str:
    """A valid TR IBAN around a 22-digit BBAN (bank code, reserved digit, account): computes the check digits."""
    if len(bban) != 22 or not bban.isdigit():
        raise ValueError("A Turkish BBAN has 22 digits.")
    return f"TR{stdnum_iban.calc_check_digits(f'TR00{bban}')}{bban}"


def ptt_reference(line_id: int) -> str:
    """A 12-digit PTT payment reference for a payment line: the id, zero-padded, then a mod-97 check pair."""
    body = f"{line_id:010d}"
    return f"{body}{98 - (int(body) * 100) % 97:02d}"
