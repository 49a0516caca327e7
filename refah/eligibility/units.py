"""Units of program amounts as people read them, in TR and EN (no imports of rules or models, so the
explanations of results can use it; the program catalogue re-exports it)."""

MONEY_UNITS = frozenset({"TRY", "TL", "kurus", "kuruş"})
# Counted units; a program's unit (its UNIT, or a custom program's spec) is money or one of these.
UNIT_WORDS = {
    "points": {"tr": "puan", "en": "points"},
    "kg": {"tr": "kg", "en": "kg"},
    "places": {"tr": "yer", "en": "places"},
    "parcels": {"tr": "koli", "en": "parcels"},
    "cards": {"tr": "kart", "en": "cards"},
    "persons": {"tr": "kişi", "en": "persons"},
}
# Units of parameters (refah/eligibility/parameters), as shown beside their description.
PARAMETER_UNIT_WORDS = {
    **UNIT_WORDS,
    "ratio": {"tr": "oran", "en": "ratio"},
    "percent": {"tr": "yüzde", "en": "percent"},
    "years": {"tr": "yıl", "en": "years"},
    "months": {"tr": "ay", "en": "months"},
    "days": {"tr": "gün", "en": "days"},
    "score": {"tr": "puan", "en": "score"},
    "zone": {"tr": "iklim bölgesi", "en": "climate zone"},
    "km": {"tr": "km", "en": "km"},
    "int": {"tr": "sayı", "en": "number"},
    "count": {"tr": "sayı", "en": "number"},
    "date": {"tr": "tarih", "en": "date"},
    "text": {"tr": "metin", "en": "text"},
    "flag": {"tr": "evet / hayır", "en": "yes / no"},
}


def unit_label(unit: str, lang: str) -> str:
    """A unit as a word in `lang` ("places" → "yer", "months" → "ay"); money is "TL"."""
    if unit in MONEY_UNITS:
        return "TL"
    return PARAMETER_UNIT_WORDS.get(unit, {}).get(lang, unit)
