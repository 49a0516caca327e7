"""Turkish-aware text folding for search: İ/ı, Ş/ş, Ğ/ğ… fold to plain lowercase ASCII."""

import unicodedata

import polars as pl

_TURKISH = str.maketrans({"İ": "i", "I": "ı", "Ş": "ş", "Ğ": "ğ", "Ü": "ü", "Ö": "ö", "Ç": "ç"})
_ASCII = str.maketrans({"ı": "i", "ş": "s", "ğ": "g", "ü": "u", "ö": "o", "ç": "c", "â": "a", "î": "i", "û": "u"})


def turkish_lower(text: str) -> str:
    """Lowercase with Turkish rules (I → ı, İ → i), unlike str.lower()."""
    return text.translate(_TURKISH).lower()


def turkish_upper(text: str) -> str:
    """Uppercase with Turkish rules (i → İ, ı → I)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def fold(text: str | None) -> str:
    """Search key: Turkish lowercase, diacritics removed, single spaces ("ŞİRİN Işık" → "sirin isik").

    Dotted and dotless i both fold to "i" so a user typing without Turkish letters still finds the
    person, which is what counter staff on a foreign keyboard expect.
    """
    if not text:
        return ""
    lowered = turkish_lower(text).translate(_ASCII)
    stripped = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    return " ".join(stripped.split())


# Texts of these characters only (nearly every name) fold by replacing letters and collapsing spaces, which Polars
# does for a whole column at once; fold_column() gives any other text to fold() itself.
_SIMPLE = r"^[A-Za-z ÇĞİÖŞÜçğıöşüÂÎÛâîû]*$"
_SIMPLE_FOLDS = {
    **{c: "i" for c in "İIıîÎ"},
    **{c: "s" for c in "Şş"},
    **{c: "g" for c in "Ğğ"},
    **{c: "u" for c in "ÜüûÛ"},
    **{c: "o" for c in "Öö"},
    **{c: "c" for c in "Çç"},
    **{c: "a" for c in "âÂ"},
}


def fold_column(texts: pl.Series) -> pl.Series:
    """fold() of every text of a column (null as ""), the same as fold() one by one."""
    texts = texts.fill_null("")
    folded = texts.str.replace_many(_SIMPLE_FOLDS).str.to_lowercase().str.replace_all(" +", " ").str.strip_chars(" ")
    simple = texts.str.contains(_SIMPLE)
    if simple.all():
        return folded
    others = [None if plain else fold(text) for text, plain in zip(texts, simple, strict=True)]
    return pl.select(pl.when(simple).then(folded).otherwise(pl.Series(others, dtype=pl.String))).to_series()


def trigrams(text: str) -> set[str]:
    """Trigrams as pg_trgm makes them: per word, padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in fold(text).split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a: str | None, b: str | None) -> float:
    """pg_trgm-compatible similarity: shared trigrams over the union of trigrams."""
    ga, gb = trigrams(a or ""), trigrams(b or "")
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


# Characters that change how text is shown without being visible: bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), zero-width space/joiners and direction marks (U+200B-U+200F), the BOM
# (U+FEFF) and every other format (Cf) or control (Cc) character, plus line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def hidden_character(text: str | None) -> str | None:
    """The first invisible or direction-changing character of `text` as "U+202E", or None when there is none."""
    for char in text or "":
        if unicodedata.category(char) in _HIDDEN_CATEGORIES:
            return f"U+{ord(char):04X}"
    return None
