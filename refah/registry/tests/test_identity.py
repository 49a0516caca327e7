"""TC Kimlik No and foreigners' numbers: the official checksum rules, property-based."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from refah.registry.identity import (
    ERR_CHECK_10,
    ERR_CHECK_11,
    ERR_LEADING_ZERO,
    ERR_NOT_11_DIGITS,
    check_digits,
    identity_number_errors,
    make_identity_number,
    validate_foreign_id,
    validate_tc_kimlik_no,
)

nine_digits = st.from_regex(r"\A[1-9][0-9]{8}\Z")


def reference_is_valid(n: str) -> bool:
    """An independent statement of the official rule, written differently from the code under test."""
    if len(n) != 11 or not n.isdigit() or n[0] == "0":
        return False
    d = list(map(int, n))
    odd, even = sum(d[0:9:2]), sum(d[1:8:2])
    return (odd * 7 - even) % 10 == d[9] and sum(d[:10]) % 10 == d[10]


@pytest.mark.parametrize("number", ["10000000146", "12345678950", "99999999990"])
def test_known_valid_numbers(number):
    assert identity_number_errors(number) == []


@given(nine_digits)
def test_completed_numbers_are_valid(first9):
    assert identity_number_errors(make_identity_number(first9)) == []


@given(nine_digits, st.integers(min_value=9, max_value=10), st.integers(min_value=1, max_value=9))
def test_changing_a_check_digit_is_caught(first9, position, delta):
    number = make_identity_number(first9)
    bad = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert identity_number_errors(bad) == [ERR_CHECK_10 if position == 9 else ERR_CHECK_11]


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_agrees_with_reference_rule(number):
    assert (identity_number_errors(number) == []) == reference_is_valid(number)


@given(st.text(max_size=15).filter(lambda s: not (len(s) == 11 and s.isascii() and s.isdigit())))
def test_anything_but_11_ascii_digits_is_rejected(value):
    assert identity_number_errors(value) == [ERR_NOT_11_DIGITS]


def test_leading_zero_rejected():
    assert identity_number_errors("0" + check_digits("123456789")[:0] + "1234567890") == [ERR_LEADING_ZERO]


def test_tc_validator_rejects_foreigners_number_and_foreign_validator_the_reverse():
    foreign = make_identity_number("991234567")
    citizen = make_identity_number("123456789")
    with pytest.raises(ValidationError):
        validate_tc_kimlik_no(foreign)
    validate_foreign_id(foreign)
    validate_tc_kimlik_no(citizen)
    with pytest.raises(ValidationError):
        validate_foreign_id(citizen)


def test_arabic_indic_digits_rejected():
    assert identity_number_errors("١٢٣٤٥٦٧٨٩٥٠") == [ERR_NOT_11_DIGITS]
