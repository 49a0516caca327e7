"""IBAN mod-97 (ISO 13616): valid IBANs built from any BBAN pass; any single-digit change or swap fails."""

from hypothesis import given
from hypothesis import strategies as st

from refah.payments.iban import is_valid_tr_iban, ptt_reference, tr_iban_make

bbans = st.text(alphabet="0123456789", min_size=22, max_size=22)


def test_known_iban():
    assert is_valid_tr_iban("TR33 0006 1005 1978 6457 8413 26")
    assert not is_valid_tr_iban("TR330006100519786457841327")  # last digit changed
    assert not is_valid_tr_iban("DE89370400440532013000")  # valid German IBAN, not Turkish
    assert not is_valid_tr_iban("TR33000610051978645784132")  # 25 characters


@given(bbans)
def test_made_iban_is_valid(bban):
    iban = tr_iban_make(bban)
    assert len(iban) == 26 and is_valid_tr_iban(iban)


@given(bbans, st.integers(min_value=2, max_value=25), st.integers(min_value=1, max_value=9))
def test_single_digit_error_detected(bban, position, delta):
    iban = tr_iban_make(bban)
    digit = (int(iban[position]) + delta) % 10
    assert not is_valid_tr_iban(iban[:position] + str(digit) + iban[position + 1 :])


@given(bbans, st.integers(min_value=4, max_value=24))
def test_adjacent_swap_detected(bban, position):
    iban = tr_iban_make(bban)
    if iban[position] == iban[position + 1]:
        return
    swapped = iban[:position] + iban[position + 1] + iban[position] + iban[position + 2 :]
    assert not is_valid_tr_iban(swapped)


@given(st.integers(min_value=1, max_value=10**10 - 1))
def test_ptt_reference_has_twelve_digits_and_checks(line_id):
    ref = ptt_reference(line_id)
    assert len(ref) == 12 and int(ref) % 97 == 1
