"""Money text is read with the ASCII digits 0-9 only: Decimal() and int() also read other scripts' digits."""

from decimal import Decimal

import pytest

from refah.common.money import is_amount_text, tl_to_kurus


@pytest.mark.parametrize(("value", "kurus"), [("3500", 350_000), ("12 500.50", 1_250_050), (".5", 50), (3500, 350_000)])
def test_amounts_in_ascii_digits_become_kurus(value, kurus):
    assert tl_to_kurus(value) == kurus


@pytest.mark.parametrize(
    "text", ["٣٥٠٠", "۳۵۰۰", "３５００", "३५००", "3\u200b500", "1e3", "1_000", "NaN", "Infinity", "12,5"]
)
def test_other_digits_and_notations_are_not_amounts(text):
    assert not is_amount_text(text)
    with pytest.raises(ValueError, match="Not an amount"):
        tl_to_kurus(text)


def test_decimal_and_float_as_before():
    assert tl_to_kurus(Decimal("0.005")) == 1  # half-up
    with pytest.raises(TypeError):
        tl_to_kurus(1.5)
