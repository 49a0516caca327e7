"""The reasons an import report gives, in English (through gettext) and Turkish, and the report item."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError


@dataclass(frozen=True)
class Reason:
    """A report reason: English through gettext (for the UI) and the Turkish text kept here."""

    en: Promise | str
    tr: str

    def text(self, lang: str, **params) -> str:
        if lang.startswith("tr"):
            template = self.tr
        else:
            with translation.override(lang):
                template = str(self.en)
        return template.format(**params) if params else template


# File-level problems: raised as ImportFileError, shown on the upload form.
ERR_FILE_TYPE = Reason(_("Only .csv and .xlsx files can be imported."), "Yalnızca .csv ve .xlsx dosyaları alınabilir.")
ERR_FILE_TOO_LARGE = Reason(
    _("The file is too large ({size} bytes; at most {limit})."), "Dosya çok büyük ({size} bayt; en çok {limit})."
)
ERR_FILE_EMPTY = Reason(_("The file is empty."), "Dosya boş.")
ERR_FILE_UNREADABLE = Reason(
    _("The file cannot be read as {kind}: {detail}"), "Dosya {kind} olarak okunamıyor: {detail}"
)
ERR_TOO_MANY_ROWS = Reason(
    _("The file has more than {limit} rows; split it."), "Dosyada {limit} satırdan fazla var; bölün."
)
ERR_NO_PERMISSION = Reason(_("You may not import households."), "Hane içe aktarma yetkiniz yok.")
ERR_NO_OFFICE = Reason(_("Your account belongs to no office."), "Hesabınız bir birime bağlı değil.")
# Report reasons.
ERR_UNKNOWN_COLUMN = Reason(_("Unknown column; rename or remove it."), "Bilinmeyen sütun; adını düzeltin ya da silin.")
ERR_DUPLICATE_COLUMN = Reason(_("The column appears twice."), "Sütun iki kez var.")
ERR_MISSING_COLUMN = Reason(_("Required column is missing."), "Zorunlu sütun eksik.")
ERR_NO_ROWS = Reason(_("The file has no data rows."), "Dosyada veri satırı yok.")
ERR_REQUIRED = Reason(_("A value is required."), "Değer zorunlu.")
ERR_TOO_LONG = Reason(_("At most {limit} characters."), "En çok {limit} karakter.")
ERR_BAD_CHOICE = Reason(
    _("Unknown value “{value}”; allowed: {allowed}."), "Bilinmeyen değer “{value}”; geçerli: {allowed}."
)
ERR_BAD_DATE = Reason(
    _("“{value}” is not a date; write YYYY-MM-DD or DD.MM.YYYY."),
    "“{value}” bir tarih değil; YYYY-AA-GG ya da GG.AA.YYYY yazın.",
)
ERR_FUTURE_DATE = Reason(_("The date is in the future."), "Tarih gelecekte.")
ERR_OLD_DATE = Reason(_("The date is before 1900."), "Tarih 1900'den önce.")
ERR_HIDDEN_CHARACTER = Reason(
    _("Contains an invisible or direction-changing character ({char}); type the value again without it."),
    "Görünmeyen ya da yazı yönünü değiştiren bir karakter içeriyor ({char}); değeri bu karakter olmadan yeniden yazın.",
)
ERR_NOT_MOBILE = Reason(
    _("Enter a Turkish mobile number of 10 digits starting with 5, for example 0532 123 45 67."),
    "5 ile başlayan 10 haneli bir Türkiye cep telefonu numarası girin, örneğin 0532 123 45 67.",
)
ERR_BAD_NUMBER = Reason(
    _("“{value}” must be a whole number from {low} to {high}."), "“{value}” {low} ile {high} arasında tam sayı olmalı."
)
ERR_BAD_AMOUNT = Reason(
    _("“{value}” is not an amount in TL (e.g. 12500,50)."), "“{value}” TL tutarı değil (örn. 12500,50)."
)
ERR_AMBIGUOUS_AMOUNT = Reason(
    _("“{value}” is ambiguous; write it without a thousands separator (e.g. 12500 or 12500,00)."),
    "“{value}” belirsiz; binlik ayırıcı olmadan yazın (örn. 12500 ya da 12500,00).",
)
ERR_ID_FORMAT = Reason(_("Identity number must be exactly 11 digits."), "Kimlik numarası tam 11 haneli olmalı.")
ERR_ID_ZERO = Reason(_("Identity number cannot start with 0."), "Kimlik numarası 0 ile başlayamaz.")
ERR_ID_CHECKSUM = Reason(
    _("Identity number is not valid (checksum digits do not match)."),
    "Kimlik numarası geçersiz (kontrol haneleri tutmuyor).",
)
ERR_ID_TC_99 = Reason(
    _("A number starting with 99 is a foreigner's number, not a TC Kimlik No."),
    "99 ile başlayan numara yabancı kimlik numarasıdır, TC Kimlik No değil.",
)
ERR_ID_FOREIGN = Reason(_("A foreigner's identity number starts with 99."), "Yabancı kimlik numarası 99 ile başlar.")
ERR_ID_NOT_ALLOWED = Reason(
    _("A person without a number must not have an identity number."),
    "Numarasız kişiye kimlik numarası yazılmamalı.",
)
ERR_ID_TWICE = Reason(
    _("The same identity number is already on row {other}."), "Aynı kimlik numarası {other}. satırda da var."
)
ERR_ID_ELSEWHERE = Reason(
    _("This identity number is already registered in another household ({code})."),
    "Bu kimlik numarası başka bir hanede kayıtlı ({code}).",
)
# The registry services' own answer (registry.errors.ERR_DUPLICATE_ID) for a number registered out of reach.
ERR_ID_REGISTERED = Reason(
    _("A person with this identity number is already registered."),
    "Bu kimlik numarasıyla kayıtlı bir kişi zaten var.",
)
ERR_NOT_IN_EXISTING = Reason(
    _("This household was imported before without this person; add new members on the household screen."),
    "Bu hane daha önce bu kişi olmadan aktarıldı; yeni üyeleri hane ekranından ekleyin.",
)
ERR_UNKNOWN_PROVINCE = Reason(_("Unknown province “{value}”."), "Bilinmeyen il “{value}”.")
ERR_UNKNOWN_DISTRICT = Reason(
    _("Unknown district “{value}” in {province}."), "{province} ilinde bilinmeyen ilçe “{value}”."
)
ERR_OUTSIDE_JURISDICTION = Reason(
    _("{district} is outside your office's jurisdiction."), "{district}, biriminizin yetki alanı dışında."
)
ERR_INCONSISTENT = Reason(
    _("Differs from row {other} of the same household (“{value}” ≠ “{first}”)."),
    "Aynı hanenin {other}. satırından farklı (“{value}” ≠ “{first}”).",
)
ERR_NO_REFERENCE = Reason(
    _("Household “{ref}” has no reference person."), "“{ref}” hanesinde referans kişi (hane reisi) yok."
)
ERR_TWO_REFERENCES = Reason(
    _("Household “{ref}” has more than one reference person."), "“{ref}” hanesinde birden çok referans kişi var."
)
ERR_RENT_NOT_TENANT = Reason(_("Rent is recorded only for tenants."), "Kira yalnızca kiracılar için yazılır.")
ERR_INCOME_KIND = Reason(
    _("The kind of income is required when there is an income."), "Gelir varsa gelir türü zorunlu."
)
ERR_CONFLICT = Reason(
    _("Changed by someone else at the same time; import the file again."),
    "Aynı anda başka biri değiştirdi; dosyayı yeniden aktarın.",
)
ERR_NOT_SAVED = Reason(_("Could not be saved: {detail}"), "Kaydedilemedi: {detail}")
SKIP_HOUSEHOLD = Reason(_("Household already registered ({code}); skipped."), "Hane zaten kayıtlı ({code}); atlandı.")
SKIP_PERSON = Reason(_("Person already registered; skipped."), "Kişi zaten kayıtlı; atlandı.")
SKIP_FILE = Reason(
    _("This file was already imported on {date}; nothing was imported again."),
    "Bu dosya {date} tarihinde zaten aktarıldı; yeniden bir şey aktarılmadı.",
)


class ImportFileError(RefahError):
    """The upload cannot be read at all (type, size, encoding); carries a bilingual Reason."""

    def __init__(self, reason: Reason, **params):
        super().__init__(reason.text("en", **params), field="file")
        self.reason, self.params = reason, params

    def text(self, lang: str) -> str:
        return self.reason.text(lang, **self.params)


@dataclass
class Item:
    """One line of the report: an error, or something skipped because it is already registered."""

    row: int | None
    column: str
    reason: Reason
    params: dict = field(default_factory=dict)
    level: str = "error"

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "level": self.level,
            "en": self.reason.text("en", **self.params),
            "tr": self.reason.text("tr", **self.params),
        }


class FieldProblem(Exception):
    def __init__(self, reason: Reason, **params):
        super().__init__(reason.tr)
        self.reason, self.params = reason, params
