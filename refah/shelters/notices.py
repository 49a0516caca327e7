"""The sealed services' messages to staff (SMS or e-mail), added to refah.notifications' catalogue at start-up.

They never hold a unit's address, the person's name or the case's details: only that something happened, where
(the province) and where to look (Refah, the unit's alerts)."""

NOTICES: dict[str, dict[str, str]] = {
    "sealed_intake": {
        "tr": "Refah: {unit} birimine yeni bir koruma başvurusu aktarıldı. Ayrıntılar Refah'ta birim uyarılarındadır.",
        "en": "Refah: a new protection intake was handed to {unit}. The details are in Refah, in the unit's alerts.",
    },
    "sealed_break_glass": {
        "tr": "Refah: {province} ilinde mühürlü bir koruma dosyası {user} tarafından {at} saatinde acil erişimle "
        "açıldı. Gerekçe mühürlü denetim kaydındadır.",
        "en": "Refah: a sealed protection case in {province} was opened by break-glass by {user} at {at}. The "
        "reason is in the sealed audit.",
    },
}
