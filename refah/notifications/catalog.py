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
    "objection_decided": {
        "tr": "{reference} numaralı başvurunuz üzerinden yaptığınız itiraz karara bağlandı: {outcome}",
        "en": "Your objection through application {reference} was decided: {outcome}",
    },
    "job_offer": {
        "tr": "Size bir iş veya kurs teklifi var: {title}. Cevabınızı {answer_by} tarihine kadar vakfa ya da e-Devlet "
        "üzerinden Refah portalına iletiniz.",
        "en": "You have a job or course offer: {title}. Please answer by {answer_by} at the foundation or in the "
        "Refah portal.",
    },
    "work_sanction": {
        "tr": "Uygun iş veya kurs teklifini geçerli bir neden olmadan üç kez reddettiğiniz için hanenizin düzenli "
        "yardımı {starts_on} tarihinden itibaren bir yıl süreyle azaltılacaktır. {objection_until} "
        "tarihine kadar itiraz edebilirsiniz.",
        "en": "Because a suitable job or course was refused three times without a valid reason, your household's "
        "regular aid will be reduced for a year from {starts_on}. You may object until "
        "{objection_until}.",
    },
    "survey_invitation": {
        "tr": "{reference} numaralı başvurunuzdaki karar ve hizmetimiz hakkında 2 soruluk isimsiz ankete {until} "
        "tarihine kadar katılabilirsiniz: {link}",
        "en": "Tell us about the decision on your application {reference} and our service: a 2-question "
        "anonymous survey, open until {until}: {link}",
    },
}

# Context values that are secrets: sent to the recipient, never stored. The stored text shows MASK in their
# place, so a message holding one cannot be sent again from the database (refah.notifications.delivery).
SECRETS: dict[str, tuple[str, ...]] = {"otp": ("code",), "survey_invitation": ("link",)}
MASK = "••••••"
