"""TC Kimlik No and foreigners' identity numbers (Yabancı Kimlik No, starting with 99).

Official rules: 11 digits, the first not 0;
digit 10 = ((d1 + d3 + d5 + d7 + d9) × 7 − (d2 + d4 + d6 + d8)) mod 10;
digit 11 = (d1 + … + d10) mod 10. Foreigners' numbers use the same checksums.

The checksum is python-stdnum's (`stdnum.tr.tckimlik`, maintained and tested there); what stays here is the
project's own: the error per digit in the user's language, no silent clean-up of spaces (a number is typed
or imported as it is), and the 99… rule that separates foreigners' numbers from TC Kimlik Nos.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.tr import tckimlik

ERR_NOT_11_DIGITS = _("Identity number must be exactly 11 digits.")
ERR_LEADING_ZERO = _("Identity number cannot start with 0.")
ERR_CHECK_10 = _("Identity number is not valid: the 10th digit does not match the checksum.")
ERR_CHECK_11 = _("Identity number is not valid: the 11th digit does not match the checksum.")
ERR_TC_STARTS_99 = _("A number starting with 99 is a foreigner's number, not a TC Kimlik No.")
ERR_FOREIGN_NOT_99 = _("A foreigner's identity number starts with 99.")


def check_digits(first9: str) -> str:
    """The two check digits for nine leading digits."""
    return tckimlik.calc_check_digits(first9)


def identity_number_errors(value: str) -> list:
    """Reasons the number is invalid (empty list when it is valid)."""
    if len(value) != 11 or not value.isascii() or not value.isdigit():
        return [ERR_NOT_11_DIGITS]
    if value[0] == "0":
        return [ERR_LEADING_ZERO]
    expected = check_digits(value[:9])
    if value[9] != expected[0]:
        return [ERR_CHECK_10]
    if value[10] != expected[1]:
        return [ERR_CHECK_11]
    return []


def is_valid_identity_number(value: str) -> bool:
    return not identity_number_errors(value)


def validate_tc_kimlik_no(value: str) -> None:
    """Django validator for a citizen's TC Kimlik No."""
    errors = identity_number_errors(value)
    if errors:
        raise ValidationError(errors[0], code="invalid_tc")
    if value.startswith("99"):
        raise ValidationError(ERR_TC_STARTS_99, code="invalid_tc")


def validate_foreign_id(value: str) -> None:
    """Django validator for a foreigner's identity number (99…)."""
    errors = identity_number_errors(value)
    if errors:
        raise ValidationError(errors[0], code="invalid_foreign_id")
    if not value.startswith("99"):
        raise ValidationError(ERR_FOREIGN_NOT_99, code="invalid_foreign_id")


def make_identity_number(first9: str) -> str:
    """Complete nine digits into a valid number (synthetic data and tests)."""
    return first9 + check_digits(first9)
