"""Standard reason codes for committee decisions, with what they mean in Turkish and English.

Committees give one or more codes per program decision (meeting screen, API). The standard ones below are
shown to caseworkers and citizens by their meaning; an institution's own code is kept and shown as written.
"""

from refah.common.i18n import active_language

REASON_CODES: dict[str, dict[str, str]] = {
    "need_confirmed": {
        "tr": "İhtiyaç hane ziyaretiyle doğrulandı",
        "en": "Need confirmed by the household visit",
    },
    "need_not_confirmed": {
        "tr": "İhtiyaç doğrulanamadı",
        "en": "Need not confirmed",
    },
    "income_above_threshold": {
        "tr": "Hane geliri program sınırının üzerinde",
        "en": "Household income above the program's limit",
    },
    "assets_found": {
        "tr": "Hanede ihtiyaçla bağdaşmayan varlık tespit edildi",
        "en": "Assets found that do not fit the need",
    },
    "visit_findings": {
        "tr": "Hane ziyareti bulguları",
        "en": "Findings of the household visit",
    },
    "not_at_address": {
        "tr": "Hane beyan edilen adreste bulunamadı",
        "en": "Household not found at the declared address",
    },
    "documents_missing": {
        "tr": "Gerekli belgeler tamamlanmadı",
        "en": "Required documents not provided",
    },
    "other_benefit": {
        "tr": "Aynı amaçla başka bir yardım alınıyor",
        "en": "Another benefit for the same purpose is received",
    },
    "more_information": {
        "tr": "Karar için ek bilgi gerekli",
        "en": "More information needed to decide",
    },
    "priority_group": {
        "tr": "Öncelikli grup (yaşlı, engelli, tek ebeveyn…)",
        "en": "Priority group (elderly, disabled, single parent…)",
    },
}


def reason_label(code: str, lang: str) -> str:
    """The meaning of a standard code in `lang` ("tr" or "en"); an institution's own code as written."""
    entry = REASON_CODES.get(str(code).strip())
    return entry.get(lang, entry["tr"]) if entry else str(code)


def reason_labels(codes, lang: str | None = None) -> str:
    """A decision's reason codes by their meaning in `lang` (default: the active language), joined by "; "."""
    lang = lang or active_language()
    return "; ".join(reason_label(code, lang) for code in codes or [])
