"""Money is integer kuruş in storage and computation; Decimal TL only at the edges."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KURUS_PER_TL = 100
# ASCII digits only: Decimal() and int() also read Arabic-Indic, Persian or full-width digits ("٣٥٠٠" as 3500),
# which a person reading the record back would not recognise as the amount typed.
_AMOUNT_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def is_amount_text(text: str) -> bool:
    """Digits 0-9 with at most one "." decimal point (and a sign): the only amount text money code reads."""
    return _AMOUNT_TEXT.fullmatch(text) is not None


def tl_to_kurus(value: Decimal | str | int) -> int:
    """Convert a TL amount (Decimal, str or int, never float) to integer kuruş, half-up."""
    if isinstance(value, float):
        raise TypeError("Money must not be a float; pass Decimal or str.")
    text = str(value).replace(" ", "")
    if isinstance(value, str) and not is_amount_text(text):
        raise ValueError(f"Not an amount: {value!r}")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"Not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"Not an amount: {value!r}")
    return int((amount * KURUS_PER_TL).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kurus_to_tl(kurus: int) -> Decimal:
    """Integer kuruş to a two-decimal Decimal TL amount."""
    return (Decimal(int(kurus)) / KURUS_PER_TL).quantize(Decimal("0.01"))


def format_tl(kurus: int, lang: str = "tr") -> str:
    """Format kuruş for people: 12.500,00 TL in Turkish, 12,500.00 TL in English."""
    text = f"{kurus_to_tl(kurus):,.2f}"
    if lang.startswith("tr"):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text} TL"
