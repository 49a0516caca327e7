"""A parameter's value on the programme page reads as numbers, never as Python's [Decimal('1250.00'), …]."""

from decimal import Decimal

from django.utils import translation

from refah.eligibility.templatetags.parameter_format import parameter_value


def test_lists_of_amounts_read_as_localised_numbers():
    value = [Decimal("1250.00"), Decimal("1100.00"), 3]
    with translation.override("tr"):
        assert parameter_value(value) == "1.250,00 · 1.100,00 · 3"
    with translation.override("en"):
        assert parameter_value(value) == "1,250.00 · 1,100.00 · 3"
