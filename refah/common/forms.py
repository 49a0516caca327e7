"""Form fields every app's screens share."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ERR_ASCII_DIGITS = _("Write the number with the digits 0-9.")


class AsciiDigitsMixin:
    """Refuse digits of other scripts before Django reads them: its DecimalField and IntegerField take "٣٥٠٠"
    (Arabic-Indic) or "３５００" (full-width) as 3500, an amount nobody reading the record would recognise."""

    def to_python(self, value):
        if isinstance(value, str) and any(c.isdigit() and not c.isascii() for c in value):
            raise ValidationError(ERR_ASCII_DIGITS, code="ascii_digits")
        return super().to_python(value)


class AsciiDecimalField(AsciiDigitsMixin, forms.DecimalField):
    """A DecimalField that reads only the digits 0-9 (money in TL on the screens)."""


class AsciiIntegerField(AsciiDigitsMixin, forms.IntegerField):
    """An IntegerField that reads only the digits 0-9."""
