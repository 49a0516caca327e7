"""The reasons aid records are refused or flagged, in English (through gettext) and Turkish.

Each is a registry import `Reason`, so a file's report and an API answer say the same thing in both languages.
"""

from django.utils.translation import gettext_lazy as _

from refah.registry.imports import Reason

# The import's reasons that say the same of an aid record, re-exported under the names this app uses.
from refah.registry.imports.messages import ERR_BAD_CHOICE as ERR_BAD_CHOICE
from refah.registry.imports.messages import ERR_FUTURE_DATE
from refah.registry.imports.messages import ERR_ID_FORMAT as ERR_ID_FORMAT
from refah.registry.imports.messages import ERR_NO_OFFICE as ERR_NO_OFFICE
from refah.registry.imports.messages import ERR_OUTSIDE_JURISDICTION as ERR_OUTSIDE_JURISDICTION
from refah.registry.imports.messages import ERR_REQUIRED as ERR_REQUIRED
from refah.registry.imports.messages import ERR_UNKNOWN_PROVINCE as ERR_UNKNOWN_PROVINCE

ERR_GIVEN_FUTURE = ERR_FUTURE_DATE

ERR_AMOUNT_OR_QUANTITY = Reason(
    _("Give the amount in TL, or the quantity with its unit."), "TL tutarını ya da birimiyle miktarı yazın."
)
ERR_AMOUNT_RANGE = Reason(
    _("The amount must be more than 0 and at most 10,000,000 TL."),
    "Tutar 0'dan büyük ve en çok 10.000.000 TL olmalı.",
)
ERR_BAD_QUANTITY = Reason(
    _("“{value}” is not a quantity; write a number above 0 (e.g. 5 or 2,5)."),
    "“{value}” bir miktar değil; 0'dan büyük bir sayı yazın (örn. 5 ya da 2,5).",
)
ERR_UNIT_REQUIRED = Reason(
    _("A quantity needs its unit (kg, litre, piece…)."), "Miktarın birimi zorunlu (kg, litre, adet…)."
)
ERR_PERIOD_ORDER = Reason(_("The period ends before it starts."), "Dönemin bitişi başlangıcından önce.")
ERR_PERIOD_LONG = Reason(_("A period is at most two years."), "Dönem en çok iki yıl olabilir.")
ERR_NO_IDENTITY = Reason(
    _("Give the identity number, or the first and last name of the person who received the aid."),
    "Yardımı alan kişinin kimlik numarasını ya da adını ve soyadını yazın.",
)
ERR_UNKNOWN_DISTRICT = Reason(_("Unknown district “{value}”."), "Bilinmeyen ilçe “{value}”.")
ERR_NO_DISTRICT = Reason(
    _("The district is required: your office covers more than one."),
    "İlçe zorunlu: biriminizin yetki alanında birden çok ilçe var.",
)
ERR_REFERENCE_TWICE = Reason(
    _("The same reference is already on row {other}."), "Aynı referans {other}. satırda da var."
)
ERR_REFERENCE_TAKEN = Reason(
    _("The giver already sent a different record with this reference."),
    "Bu referansla yardımı veren kurum daha önce farklı bir kayıt gönderdi.",
)
SKIP_RECORD = Reason(_("Record already received; skipped."), "Kayıt zaten alındı; atlandı.")
SKIP_FILE = Reason(
    _("This file was already imported on {date}; nothing was imported again."),
    "Bu dosya {date} tarihinde zaten aktarıldı; yeniden bir şey aktarılmadı.",
)
ERR_NO_PERMISSION = Reason(_("You may not send aid records."), "Yardım kaydı gönderme yetkiniz yok.")
ERR_TOO_MANY = Reason(
    _("At most {limit} records in one request; send a file or several requests."),
    "Bir istekte en çok {limit} kayıt; dosya ya da birkaç istek gönderin.",
)
ERR_IDEMPOTENCY_KEY = Reason(
    _("Send an Idempotency-Key header (1–100 characters) with the records."),
    "Kayıtlarla birlikte bir Idempotency-Key başlığı (1–100 karakter) gönderin.",
)
ERR_IDEMPOTENCY_MISMATCH = Reason(
    _("This idempotency key was already used for a different request."),
    "Bu tekrar anahtarı farklı bir istek için zaten kullanıldı.",
)
ERR_GIVER_NAME = Reason(_("Give the name of the giving body."), "Yardımı veren kurumun adını yazın.")
ERR_REPORT_EXISTS = Reason(
    _("The giver already reported this period."), "Kurum bu dönem için zaten bildirimde bulundu."
)
ERR_BAD_COUNT = Reason(_("The count must be a whole number from 0."), "Sayı 0 ya da daha büyük bir tam sayı olmalı.")
ERR_FLAG_NOT_FOUND = _("Duplicate aid flag not found.")
ERR_RECORD_NOT_FOUND = _("Aid record not found.")
ERR_BATCH_NOT_FOUND = _("Aid file not found.")
ERR_FLAG_RESOLVED = _("This flag is already resolved.")
ERR_RESOLUTION = _("Choose justified, recovered or error.")
ERR_NOTE_REQUIRED = _("Write why: the resolution is kept in the household's audit trail.")
