"""Money is integer kuruş in storage and computation; Decimal TL only at the edges."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KURUS_PER_TL = 100


def tl_to_kurus(value: Decimal | str | int) -> int:
    """Convert a TL amount (Decimal, str or int, never float) to integer kuruş, half-up."""
    if isinstance(value, float):
        raise TypeError("Money must not be a float; pass Decimal or str.")
    try:
        amount = Decimal(str(value).replace(" ", ""))
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
