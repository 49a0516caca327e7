"""The indicators the system computes (their `code` names the computation in figures.py) and their first catalogue
entry, seeded by the migration 0002 and by `catalogue_seed()` (idempotent: an entry already there is left as its
managers edited it). Goal A4 / H4.1 of the district strategic plan (PG4.1.1–PG4.1.5) and the service standards."""

from __future__ import annotations

SYGM = "Sosyal Yardımlar Genel Müdürlüğü / SYDV"
SHM = "Sosyal Hizmet Merkezi (SHM)"
ISKUR = "SYDV İstihdam Birimi"
PAYMENTS = "SYDV Ödeme Birimi"
STRATEGY = "Strateji Geliştirme Birimi"

# code, plan ref, unit, direction, monitoring, reporting, responsible unit, name tr, name en, definition tr, en
CATALOGUE: list[tuple] = [
    (
        "families_aided",
        "PG4.1.1",
        "count",
        "higher",
        "monthly",
        "half_yearly",
        SYGM,
        "En az bir yardım türünden faydalanan aile sayısı",
        "Families benefiting from at least one type of aid",
        "Dönemde en az bir yardımı ödenen ya da teslim edilen (hak ediş: ödendi/teslim edildi, ya da ödenmiş ödeme "
        "satırı) veya başka bir kurumun sisteme girilmiş ve haneye bağlanmış yardım kaydı bulunan farklı hane sayısı; "
        "yıl içinde bir hane bir kez sayılır.",
        "Distinct households with at least one aid paid or delivered in the period (an entitlement paid or delivered, "
        "or with a paid payment line, by its period), or another institution's aid record linked to the household (by "
        "the date given); a household counts once a year.",
    ),
    (
        "satisfaction",
        "PG4.1.2",
        "percent",
        "higher",
        "half_yearly",
        "yearly",
        STRATEGY,
        "Sosyal yardım hizmetlerinden memnuniyet oranı (%)",
        "Satisfaction with social aid services (%)",
        "Karardan sonra yapılan ankette memnuniyete 4 veya 5 (1–5 ölçeği) veren yanıtların payı; yanıt sayısı (n) ve "
        "%95 güven düzeyinde hata payı ile.",
        "Share of the post-decision survey's answers giving satisfaction 4 or 5 (on 1–5), with the number of answers "
        "(n) and the margin of error at 95 %.",
    ),
    (
        "fairness",
        "PG4.1.3",
        "percent",
        "higher",
        "half_yearly",
        "yearly",
        STRATEGY,
        "Sosyal yardımların adil dağıtıldığı algısı (%)",
        "Perceived fairness of social aid (%)",
        "Karardan sonra yapılan ankette adalet sorusuna 4 veya 5 veren yanıtların payı; n ve hata payı ile.",
        "Share of the survey's answers giving fairness 4 or 5 (on 1–5), with n and the margin of error.",
    ),
    (
        "employment_referred",
        "PG4.1.4",
        "count",
        "higher",
        "monthly",
        "half_yearly",
        ISKUR,
        "İstihdama yönlendirilen kişi sayısı",
        "Persons referred to employment",
        "Dönemde İŞKUR'a (istihdama) yönlendirilen farklı kişi sayısı, yönlendirme tarihine göre.",
        "Distinct persons referred to employment (İŞKUR) in the period, by the referral's date.",
    ),
    (
        "aid_records_share",
        "PG4.1.5",
        "percent",
        "higher",
        "quarterly",
        "yearly",
        SYGM,
        "Entegre sisteme girilen yardım kayıtlarının oranı (%)",
        "Share of aid records entered into the integrated system (%)",
        "Kurumların bildirdiği dönem yardım sayısına göre sistemde bulunan kayıtların payı (bildirimin dönemi içinde "
        "verilmiş kayıtlar), bildirimin bitiş yılına ve kurumun ilçesine (ilçesi yoksa iline) göre.",
        "Records held in the system as a share of the records each giver reported for a period (records given "
        "within the report's period), by the report's end year and the giver's district (its province if none).",
    ),
    (
        "first_decided_on_time",
        "",
        "percent",
        "higher",
        "monthly",
        "quarterly",
        SYGM,
        "İlk başvuruların 30 günde karara bağlanma oranı (%)",
        "First applications decided within 30 days (%)",
        "İlk karar turunda karara bağlanan başvurulardan başvuru tarihinden itibaren standart süre (30 gün) içinde "
        "karara bağlananların payı, karar tarihine göre.",
        "Of the applications decided in their first round, the share decided within the standard (30 days) of the "
        "application's date, by the decision's date.",
    ),
    (
        "first_decision_days",
        "",
        "days",
        "lower",
        "monthly",
        "quarterly",
        SYGM,
        "İlk başvurularda karar süresi (ortanca gün)",
        "Decision time of first applications (median days)",
        "İlk karar turunda başvurudan karara geçen gün sayısının ortancası.",
        "Median days from the application to its first-round decision.",
    ),
    (
        "reinvestigation_on_time",
        "",
        "percent",
        "higher",
        "monthly",
        "quarterly",
        SYGM,
        "Yeniden incelemelerin 14 günde karara bağlanma oranı (%)",
        "Re-investigations decided within 14 days (%)",
        "Sonraki karar turlarında (erteleme sonrası yeniden inceleme ya da itiraz) incelemenin başladığı günden "
        "itibaren standart süre (14 gün) içinde verilen kararların payı.",
        "Of the later decision rounds (re-investigation after a deferral, or an objection), the share decided "
        "within the standard (14 days) of the re-investigation's start.",
    ),
    (
        "reinvestigation_days",
        "",
        "days",
        "lower",
        "monthly",
        "quarterly",
        SYGM,
        "Yeniden incelemelerde karar süresi (ortanca gün)",
        "Decision time of re-investigations (median days)",
        "Yeniden incelemenin başlangıcından karara geçen gün sayısının ortancası.",
        "Median days from the re-investigation's start to its decision.",
    ),
    (
        "payments_on_time",
        "",
        "percent",
        "higher",
        "monthly",
        "quarterly",
        PAYMENTS,
        "Zamanında ödenen ödeme satırlarının oranı (%)",
        "Payment lines paid on time (%)",
        "Ödendi durumuna geçen ödeme satırlarından, ödemenin bankanın yanıtıyla kayda geçtiği günün talimatın "
        "ödeme (icra) tarihinden en geç yanıt süresi kadar sonra olanların payı; icra tarihine göre.",
        "Of the payment lines paid, the share whose payment was recorded (the bank's answer) no later than the "
        "batch's requested execution date plus the answer days; by the execution date.",
    ),
    (
        "caseload",
        "",
        "ratio",
        "lower",
        "monthly",
        "quarterly",
        SHM,
        "Sosyal çalışmacı başına açık SHM vakası",
        "Open SHM cases per social worker",
        "Yıl sonunda (içinde bulunulan yıl için bugün) açık olan SHM vakaları bölü bölgedeki etkin sosyal çalışmacı "
        "sayısı.",
        "SHM cases open at the year's end (today for the current year) divided by the active social workers of the "
        "area.",
    ),
    (
        "referrals_on_time",
        "",
        "percent",
        "higher",
        "monthly",
        "quarterly",
        SHM,
        "Süresinde yanıtlanan sevklerin oranı (%)",
        "Referrals answered within their deadline (%)",
        "Süresi dönemde dolan (iptal edilmemiş) sevklerden süresi içinde tamamlananların payı, sürenin bittiği güne "
        "göre; süresi dolmamış ve tamamlanmamış sevkler sayılmaz.",
        "Of the referrals (not cancelled) whose deadline fell in the period, the share done by their deadline, by "
        "the deadline's date; referrals neither done nor past their deadline are not counted.",
    ),
]

FIELDS = (
    "code", "plan_ref", "unit", "direction", "monitoring", "reporting", "responsible_unit",
    "name", "name_en", "definition", "definition_en",
)  # fmt: skip

CODES = [row[0] for row in CATALOGUE]


def catalogue_seed(Indicator) -> int:
    """Create the catalogue's indicators that are missing (the model class given: a migration's historical one);
    the number created."""
    created = 0
    for position, row in enumerate(CATALOGUE, start=1):
        values = dict(zip(FIELDS, row, strict=True))
        _, made = Indicator.objects.get_or_create(code=values.pop("code"), defaults={**values, "position": position})
        created += made
    return created
