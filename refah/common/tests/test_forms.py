"""Shared form fields: numbers in the digits 0-9 only."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from refah.common.forms import AsciiDecimalField, AsciiIntegerField


@pytest.mark.parametrize("field", [AsciiDecimalField(), AsciiIntegerField()])
@pytest.mark.parametrize("text", ["٣٥٠٠", "۳۵۰۰", "３５００", "३५००", "35٠0"])
def test_other_scripts_digits_are_refused(field, text):
    with pytest.raises(ValidationError) as exc:
        field.clean(text)
    assert exc.value.code == "ascii_digits"
    with translation.override("tr"):
        assert exc.value.messages == ["Sayıyı 0-9 rakamlarıyla yazın."]


def test_ascii_digits_are_read_as_before():
    assert AsciiDecimalField(decimal_places=2).clean("3500.50") == Decimal("3500.50")
    assert AsciiIntegerField().clean("3500") == 3500
