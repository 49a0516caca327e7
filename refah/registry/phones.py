"""Turkish mobile numbers: what staff type ("0532 123 45 67", "+90 532 123 4567", "5321234567") is stored one way,
"05321234567", the form the SMS backends and the citizen portal's sign-in codes use.

Mobile numbers are 10 digits after the trunk 0 and start with 5 (BTK's national numbering plan). Synthetic people
get numbers of the 052X block, which that plan has not allocated to any operator (refah.synth.generate.identity).
"""

import re

from django.core.exceptions import ValidationError

from refah.registry import errors

_SEPARATORS = re.compile(r"[\s\-.()/]")
_MOBILE = re.compile(r"5[0-9]{9}")
SYNTHETIC_PREFIX = "052"  # not allocated to any operator: a synthetic person's SMS reaches nobody


def normalise_mobile(text: str) -> str:
    """The number as "05XXXXXXXXX"; "" for an empty one; ValidationError when it is not a Turkish mobile."""
    digits = _SEPARATORS.sub("", text or "")
    if not digits:
        return ""
    for prefix in ("+90", "0090", "90", "0"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 10:
            digits = digits[len(prefix) :]
            break
    if not (digits.isascii() and _MOBILE.fullmatch(digits)):
        raise ValidationError(errors.ERR_MOBILE_FORMAT, code="mobile_format")
    return "0" + digits
