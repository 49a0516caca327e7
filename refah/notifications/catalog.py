"""Message texts by template code, in Turkish and English. SMS-length, no personal data beyond the case number."""

TEMPLATES: dict[str, dict[str, str]] = {
    "otp": {
        "tr": "Refah giriş kodunuz: {code}. Kod {minutes} dakika geçerlidir. Kimseyle paylaşmayın.",
        "en": "Your Refah sign-in code: {code}. Valid for {minutes} minutes. Do not share it.",
    },
    "application_received": {
        "tr": "{reference} numaralı başvurunuz alındı. Sonuç en geç {due_on} tarihine kadar bildirilecektir.",
        "en": "Your application {reference} was received. You will be told the result by {due_on}.",
    },
    "documents_missing": {
        "tr": "{reference} numaralı başvurunuz için eksik belge: {documents}. Lütfen vakfa iletiniz.",
        "en": "Documents missing for application {reference}: {documents}. Please bring them to the foundation.",
    },
    "decision": {
        "tr": "{reference} numaralı başvurunuz karara bağlandı: {outcomes}. "
        "{objection_until} tarihine kadar itiraz edebilirsiniz.",
        "en": "A decision was made on your application {reference}: {outcomes}. "
        "You may object until {objection_until}.",
    },
    "objection_received": {
        "tr": "{reference} numaralı başvurunuza itirazınız alındı; yeniden incelenecektir.",
        "en": "Your objection to application {reference} was received; it will be re-examined.",
    },
}

# Context values that are secrets: sent to the recipient, never stored. The stored text shows MASK in their
# place, so a message holding one cannot be sent again from the database (refah.notifications.delivery).
SECRETS: dict[str, tuple[str, ...]] = {"otp": ("code",)}
MASK = "••••••"
