"""The messages casework sends staff through refah.notifications, added to its catalogue at start-up (apps.py)."""

TEMPLATES: dict[str, dict[str, str]] = {
    "referral_overdue": {
        "tr": "Refah: {count} sevkin yanıt süresi geçti ({level}. kademe). Sevkler ekranında “Süresi geçenler” "
        "listesinden görebilirsiniz.",
        "en": "Refah: {count} referrals are past their deadline (level {level}). See “Overdue” on the Referrals "
        "screen.",
    },
}


def templates_register() -> None:
    from refah.notifications.catalog import TEMPLATES as CATALOGUE

    for name, texts in TEMPLATES.items():
        CATALOGUE.setdefault(name, texts)
