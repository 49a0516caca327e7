from refah.aidcard.luhn import CARD_LENGTH, ISSUER_PREFIX, card_number_new, luhn_check_digit, luhn_valid


def test_known_luhn_numbers():
    # The textbook example: 7992739871 → check digit 3.
    assert luhn_check_digit("7992739871") == "3"
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
    assert luhn_valid("4111111111111111")


def test_rejects_non_digits_and_short():
    assert not luhn_valid("")
    assert not luhn_valid("7")
    assert not luhn_valid("7992739871a")


def test_every_single_digit_typo_is_caught():
    number = card_number_new()
    for pos in range(len(number)):
        for digit in "0123456789":
            if digit != number[pos]:
                assert not luhn_valid(number[:pos] + digit + number[pos + 1 :])


def test_new_numbers_have_prefix_length_and_check_digit():
    numbers = {card_number_new() for _ in range(50)}
    assert len(numbers) == 50
    for n in numbers:
        assert len(n) == CARD_LENGTH and n.startswith(ISSUER_PREFIX) and luhn_valid(n)
