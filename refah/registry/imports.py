"""Household import from CSV/XLSX: read, validate everything, then write all or nothing.

One row per person; rows sharing a household reference form a household. Every problem becomes a
report item with the row number the user sees (header = row 1), the column and a reason in Turkish
and English. A file with any error writes nothing but its ImportBatch; a clean file is written in
one transaction through the registry services, so every change is audited. Households are keyed by
`external_ref` (office + household reference) and persons by identity number, so importing the same
data again skips what is already registered.
"""

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from refah.accounts.selectors import district_in_jurisdiction, office_for_user
from refah.audit.services import audit_record, snapshot
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError, validation_error_items
from refah.common.money import tl_to_kurus
from refah.common.text import fold
from refah.geo.models import District, Province
from refah.geo.services import district_by_name, province_by_name
from refah.registry import enums, identity
from refah.registry.models import Household, Membership, Person
from refah.registry.models_import import ImportBatch
from refah.registry.services import MemberInput, household_register, income_record, member_add

MAX_ROWS = 20_000
PERMISSION = "registry.import_households"


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


def _norm(value) -> str:
    """Header or value key: Turkish folding, anything but letters and digits becomes one space."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(value))).strip()


# ---- Values -------------------------------------------------------------------------------------


def _text(limit: int):
    def parse(value) -> str:
        text = " ".join(str(value).split())
        if len(text) > limit:
            raise FieldProblem(ERR_TOO_LONG, limit=limit)
        return text

    return parse


def _choice(choices: type[models.TextChoices]):
    """Accept the code, the English label or an alias from VALUE_ALIASES ("kadın" for F)."""
    with translation.override("en"):
        table = {_norm(c.value): c.value for c in choices} | {_norm(c.label): c.value for c in choices}
    for group in VALUE_ALIASES.get(choices, "").split(";"):
        aliases, code = group.split("=")
        table.update({_norm(alias): choices(code.strip()).value for alias in aliases.split("|")})
    allowed = ", ".join(c.value for c in choices)

    def parse(value) -> str:
        try:
            return table[_norm(value)]
        except KeyError:
            raise FieldProblem(ERR_BAD_CHOICE, value=value, allowed=allowed) from None

    return parse


def _date(*, past: bool):
    def parse(value) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            value = _date_from_text(str(value).strip())
        if past and value > timezone.localdate():
            raise FieldProblem(ERR_FUTURE_DATE)
        if value.year < 1900:
            raise FieldProblem(ERR_OLD_DATE)
        return value

    return parse


def _date_from_text(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldProblem(ERR_BAD_DATE, value=text)


def _integer(low: int, high: int):
    def parse(value) -> int:
        text = str(value).strip().lstrip("%").strip()
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise FieldProblem(ERR_BAD_NUMBER, value=value, low=low, high=high)
        return int(text)

    return parse


def _amount(value) -> int:
    """TL text to integer kuruş: "12.500,50", "12500.50", "1.250.000"; "12.500" alone is ambiguous."""
    text = re.sub(r"(?i)tl|₺|\s", "", str(value))
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal_sep == "," else ",", "").replace(decimal_sep, ".")
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        if text.count(sep) > 1:
            text = text.replace(sep, "")
        elif len(text.split(sep)[1]) == 3:
            raise FieldProblem(ERR_AMBIGUOUS_AMOUNT, value=value)
        text = text.replace(sep, ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise FieldProblem(ERR_BAD_AMOUNT, value=value)
    return tl_to_kurus(text)


def _id_number(value) -> str:
    return re.sub(r"\s", "", str(value))


E = enums
# Turkish (and other) spellings of the enum codes: "alias|alias=code; ...", matched after folding.
VALUE_ALIASES = {
    E.Sex: "k|kadin=F; e|erkek=M",
    E.Role: (
        "hane reisi|reis|referans|referans kisi|basvuru sahibi|kendisi=reference; es|esi=spouse; "
        "cocuk|cocugu|ogul|oglu|kiz|kizi=child; anne|annesi|baba|babasi|ebeveyn=parent; diger|akraba=other"
    ),
    E.IdKind: "tc kimlik|tc kimlik no|tckn=tc; yabanci|yabanci kimlik no|ykn=foreign; yok|numarasiz=internal",
    E.MaritalStatus: "bekar=single; evli=married; bosanmis=divorced; dul|esi vefat etmis=widowed",
    E.EducationLevel: (
        "okuryazar degil|okur yazar degil=illiterate; okuryazar|okur yazar=literate; ilkokul=primary; "
        "ortaokul=lower_secondary; lise=upper_secondary; universite=higher"
    ),
    E.EmploymentStatus: (
        "cocuk=child; ogrenci=student; kayitli calisan|sigortali calisan=employed_formal; "
        "kayitsiz calisan|sigortasiz calisan=employed_informal; memur=civil_servant; "
        "serbest|esnaf|ciftci=self_employed; issiz=unemployed; ev hanimi=homemaker; emekli=retired; "
        "calisamaz=unable"
    ),
    E.SocialSecurity: "yok|sigortasiz=none; calisan|sigortali=active; emekli=pensioner",
    E.HealthInsurance: (
        "gss|devlet=gss_state; sgk=sgk_insured; sgk bakmakla yukumlu=sgk_dependent; ozel=private; yok=none"
    ),
    E.ProtectionStatus: (
        "vatandas=citizen; ikamet izni=resident; uluslararasi koruma=international; gecici koruma=temporary"
    ),
    E.Dependency: "yok=none; kismi|kismen bagimli=partial; tam|tam bagimli=full",
    E.DwellingType: (
        "apartman|apartman dairesi|daire=apartment; mustakil|mustakil ev=detached; "
        "cadir|konteyner=temporary; diger=other"
    ),
    E.Tenure: (
        "ev sahibi|mulk sahibi|kendi evi=owner; kiraci=tenant; kirasiz|akraba yani=rent_free; "
        "lojman|kamu konutu=public; diger=other"
    ),
    E.Heating: (
        "komur sobasi|soba komur|komur=stove_coal; odun sobasi|soba odun|odun|tezek=stove_wood; "
        "dogalgaz|dogal gaz=natural_gas; merkezi|kalorifer=central; elektrik|klima=electric; yok=none"
    ),
    E.IncomeKind: (
        "maas|ucret=wage; emekli maasi=pension; sosyal yardim=other_aid; tarim|hayvancilik=agriculture; "
        "kira geliri=rent; nafaka=alimony; serbest meslek=self_employment; gundelik|kayitdisi=informal; "
        "diger=other"
    ),
}


@dataclass(frozen=True)
class Column:
    """A column of the file: English name, Turkish name, other accepted headers ("|"), parser, level."""

    name: str
    turkish: str
    aliases: str
    level: str  # "key", "household", "person" or "income"
    required: bool
    parse: Callable


H, P = "household", "person"
COLUMNS = [
    Column("household_ref", "hane_no", "household|hane|hane ref|hane referans", "key", True, _text(40)),
    Column("province", "il", "sehir", H, True, _text(64)),
    Column("district", "ilce", "", H, True, _text(64)),
    Column("neighbourhood", "mahalle", "neighborhood|mahalle koy|koy", H, True, _text(100)),
    Column("address", "adres", "address line|acik adres", H, False, _text(250)),
    Column("dwelling_type", "konut_tipi", "konut turu", H, True, _choice(E.DwellingType)),
    Column("tenure", "mulkiyet", "oturma durumu|konut mulkiyeti", H, True, _choice(E.Tenure)),
    Column("monthly_rent", "kira", "aylik kira|kira tl|monthly rent tl", H, False, _amount),
    Column("heating", "isinma", "isinma turu|yakit", H, True, _choice(E.Heating)),
    Column("rooms", "oda_sayisi", "oda", H, False, _integer(1, 30)),
    Column("role", "yakinlik", "rol|yakinlik derecesi", P, True, _choice(E.Role)),
    Column("id_kind", "kimlik_turu", "", P, False, _choice(E.IdKind)),
    Column("national_id", "tc_kimlik_no", "tc|tc no|tckn|kimlik no|identity number", P, False, _id_number),
    Column("first_name", "ad", "adi|isim", P, True, _text(100)),
    Column("last_name", "soyad", "soyadi", P, True, _text(100)),
    Column("birth_date", "dogum_tarihi", "dogum", P, True, _date(past=True)),
    Column("sex", "cinsiyet", "gender", P, True, _choice(E.Sex)),
    Column("marital_status", "medeni_hal", "medeni durum", P, True, _choice(E.MaritalStatus)),
    Column("education_level", "egitim", "egitim durumu", P, False, _choice(E.EducationLevel)),
    Column("employment_status", "calisma_durumu", "istihdam durumu", P, True, _choice(E.EmploymentStatus)),
    Column("social_security", "sosyal_guvence", "sgk", P, False, _choice(E.SocialSecurity)),
    Column("health_insurance", "saglik_guvencesi", "", P, False, _choice(E.HealthInsurance)),
    Column("protection_status", "yasal_statu", "statu", P, False, _choice(E.ProtectionStatus)),
    Column("disability_percent", "engel_orani", "engellilik orani", P, False, _integer(0, 100)),
    Column("dependency", "bagimlilik", "bakim ihtiyaci", P, False, _choice(E.Dependency)),
    Column("phone", "telefon", "tel", P, False, _text(20)),
    Column("monthly_income", "aylik_gelir", "gelir|aylik gelir tl|monthly income tl", "income", False, _amount),
    Column("income_kind", "gelir_turu", "", "income", False, _choice(E.IncomeKind)),
]
COLUMN_BY_KEY = {
    key: c
    for c in COLUMNS
    for key in {_norm(c.name), _norm(c.turkish)} | {_norm(a) for a in c.aliases.split("|") if a.strip()}
}
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
IGNORED_COLUMNS = {"sira", "sira no", "no", "row"}


# ---- Reading ------------------------------------------------------------------------------------


def file_read(*, name: str, data: bytes) -> list[tuple[int, list]]:
    """(row number, cell values) for every row of a .csv or .xlsx file, header first."""
    kind = Path(name).suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise ImportFileError(ERR_FILE_TYPE)
    if len(data) > settings.REFAH_IMPORT_MAX_BYTES:
        raise ImportFileError(ERR_FILE_TOO_LARGE, size=len(data), limit=settings.REFAH_IMPORT_MAX_BYTES)
    if not data.strip():
        raise ImportFileError(ERR_FILE_EMPTY)
    rows = _csv_rows(data) if kind == ".csv" else _xlsx_rows(data)
    rows = [(number, [_cell(v) for v in values]) for number, values in rows]
    rows = [(number, values) for number, values in rows if any(v != "" for v in values)]
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(ERR_TOO_MANY_ROWS, limit=MAX_ROWS)
    if not rows:
        raise ImportFileError(ERR_FILE_EMPTY)
    return rows


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1254", errors="replace")  # what Turkish Excel writes for "CSV (MS-DOS)"
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as exc:
        raise ImportFileError(ERR_FILE_UNREADABLE, kind="CSV", detail=str(exc)) from exc


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook  # heavy; only needed for spreadsheets

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(ERR_FILE_UNREADABLE, kind="XLSX", detail=type(exc).__name__) from exc
    try:
        sheet = book.worksheets[0]
        return list(enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        book.close()


def _cell(value):
    """Cell to text (dates stay dates). Integral floats lose ".0"; others keep their shortest repr."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


# ---- Validation ---------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    ref: str
    values: dict = field(default_factory=dict)  # column name -> parsed value, only cells with a value
    raw: dict = field(default_factory=dict)
    existing_person: Person | None = None

    def of(self, level: str) -> dict:
        return {c.name: self.values[c.name] for c in COLUMNS if c.level == level and c.name in self.values}


@dataclass
class HouseholdPlan:
    ref: str
    rows: list[Row]
    data: dict = field(default_factory=dict)
    district: District | None = None
    external_ref: str = ""
    existing: Household | None = None


@dataclass
class Plan:
    households: list[HouseholdPlan]
    items: list[Item]

    @property
    def errors(self) -> list[Item]:
        return [i for i in self.items if i.level == "error"]

    def counts(self) -> dict:
        rows = [(h, r) for h in self.households for r in h.rows]
        new_persons = [r for h, r in rows if not h.existing and not r.existing_person]
        households_new = sum(1 for h in self.households if not h.existing)
        return {
            "rows": len(rows),
            "households_new": households_new,
            "households_existing": len(self.households) - households_new,
            "persons_new": len(new_persons),
            "persons_existing": len(rows) - len(new_persons),
            "incomes_new": sum(1 for r in new_persons if r.values.get("monthly_income")),
        }


def household_file_validate(*, actor, office, rows: list[tuple[int, list]]) -> Plan:
    """Check every row and household against the rules and the database; writes nothing."""
    (_, header), body = rows[0], rows[1:]
    columns, items = _map_header(header)
    if items:
        return Plan([], items)
    if not body:
        return Plan([], [Item(1, "", ERR_NO_ROWS)])
    labels = {name: header[i] for i, name in columns.items()}
    parsed = [_row_parse(number, values, columns, labels, items) for number, values in body]
    households = _group(parsed, labels, items)
    resolver = _Places(actor, labels)
    for hh in households:
        hh.district = resolver.district(hh, items)
        hh.external_ref = external_ref_for(office=office, household_ref=hh.ref)
    _check_identities(parsed, labels, items)
    _match_existing(households, labels, items)
    return Plan(households, sorted(items, key=lambda i: (i.row or 0, i.level != "error")))


def external_ref_for(*, office, household_ref: str) -> str:
    """Stable key of a file's household: the same reference from the same office is the same household."""
    return "imp:" + hashlib.sha256(f"{office.pk}:{household_ref.strip()}".encode()).hexdigest()[:40]


def _map_header(header: list) -> tuple[dict[int, str], list[Item]]:
    columns: dict[int, str] = {}
    items = []
    for i, title in enumerate(header):
        key = _norm(title)
        if not key or key in IGNORED_COLUMNS:
            continue
        column = COLUMN_BY_KEY.get(key)
        if column is None:
            items.append(Item(1, str(title), ERR_UNKNOWN_COLUMN))
        elif column.name in columns.values():
            items.append(Item(1, str(title), ERR_DUPLICATE_COLUMN))
        else:
            columns[i] = column.name
    for column in COLUMNS:
        if column.required and column.name not in columns.values():
            items.append(Item(1, column.turkish, ERR_MISSING_COLUMN))
    return columns, items


def _row_parse(number: int, values: list, columns: dict, labels: dict, items: list) -> Row:
    row = Row(number=number, ref="")
    for i, name in columns.items():
        raw = values[i] if i < len(values) else ""
        column = COLUMN_BY_NAME[name]
        if raw == "":
            if column.required and column.level != "household":  # may be given on another row
                items.append(Item(number, labels[name], ERR_REQUIRED))
            continue
        row.raw[name] = str(raw)
        try:
            row.values[name] = column.parse(raw)
        except FieldProblem as problem:
            items.append(Item(number, labels[name], problem.reason, problem.params))
    row.ref = row.values.get("household_ref", "")
    _row_rules(row, labels, items)
    return row


def _row_rules(row: Row, labels: dict, items: list) -> None:
    v = row.values
    if "id_kind" not in v and "national_id" in v:
        v["id_kind"] = E.IdKind.FOREIGN if v["national_id"].startswith("99") else E.IdKind.TC
    v.setdefault("id_kind", E.IdKind.INTERNAL)
    reason = _identity_problem(v["id_kind"], v.get("national_id"))
    if reason:
        items.append(Item(row.number, labels.get("national_id", "tc_kimlik_no"), reason))
    if v["id_kind"] == E.IdKind.FOREIGN and "protection_status" not in v:
        items.append(Item(row.number, labels.get("protection_status", "yasal_statu"), ERR_REQUIRED))
    if v.get("monthly_income") and "income_kind" not in v:
        items.append(Item(row.number, labels.get("income_kind", "gelir_turu"), ERR_INCOME_KIND))


_ID_REASONS = [
    (identity.ERR_NOT_11_DIGITS, ERR_ID_FORMAT),
    (identity.ERR_LEADING_ZERO, ERR_ID_ZERO),
    (identity.ERR_CHECK_10, ERR_ID_CHECKSUM),
    (identity.ERR_CHECK_11, ERR_ID_CHECKSUM),
]


def _identity_problem(kind: str, number: str | None) -> Reason | None:
    if kind == E.IdKind.INTERNAL:
        return ERR_ID_NOT_ALLOWED if number else None
    if not number:
        return ERR_REQUIRED
    for error in identity.identity_number_errors(number):
        return next(reason for message, reason in _ID_REASONS if message is error)
    if kind == E.IdKind.TC and number.startswith("99"):
        return ERR_ID_TC_99
    if kind == E.IdKind.FOREIGN and not number.startswith("99"):
        return ERR_ID_FOREIGN
    return None


def _group(rows: list[Row], labels: dict, items: list) -> list[HouseholdPlan]:
    """Rows by household reference, in file order; household fields must agree across rows."""
    plans: dict[str, HouseholdPlan] = {}
    for row in rows:
        if row.ref:
            plans.setdefault(row.ref, HouseholdPlan(ref=row.ref, rows=[])).rows.append(row)
    for hh in plans.values():
        seen: dict[str, Row] = {}
        for row in hh.rows:
            for name, value in row.of("household").items():
                first = seen.setdefault(name, row)
                if _norm(first.values[name]) != _norm(value):
                    params = {"other": first.number, "value": row.raw[name], "first": first.raw[name]}
                    items.append(Item(row.number, labels[name], ERR_INCONSISTENT, params))
        hh.data = {name: first.values[name] for name, first in seen.items()}
        missing = [c.name for c in COLUMNS if c.level == "household" and c.required and c.name not in hh.data]
        items.extend(Item(hh.rows[0].number, labels[name], ERR_REQUIRED) for name in missing if name in labels)
        if hh.data.get("monthly_rent") and hh.data.get("tenure", E.Tenure.TENANT) != E.Tenure.TENANT:
            items.append(Item(seen["monthly_rent"].number, labels["monthly_rent"], ERR_RENT_NOT_TENANT))
        references = [r for r in hh.rows if r.values.get("role") == E.Role.REFERENCE]
        if len(references) != 1:
            reason, rows_at = (ERR_NO_REFERENCE, hh.rows[:1]) if not references else (ERR_TWO_REFERENCES, references)
            items.extend(Item(r.number, labels["role"], reason, {"ref": hh.ref}) for r in rows_at)
    return list(plans.values())


class _Places:
    """Province and district names resolved once per file, and checked against the jurisdiction."""

    def __init__(self, actor, labels: dict):
        self.actor, self.labels = actor, labels
        self.provinces: dict[str, Province | None] = {}
        self.districts: dict[tuple, District | None] = {}

    def district(self, hh: HouseholdPlan, items: list) -> District | None:
        row = hh.rows[0]
        name, district_name = hh.data.get("province"), hh.data.get("district")
        if not name or not district_name:
            return None
        province = self.provinces.setdefault(_norm(name), province_by_name(name))
        if province is None:
            items.append(Item(row.number, self.labels["province"], ERR_UNKNOWN_PROVINCE, {"value": name}))
            return None
        key = (province.pk, _norm(district_name))
        if key not in self.districts:
            self.districts[key] = district_by_name(province, district_name)
        district = self.districts[key]
        label = self.labels["district"]
        if district is None:
            items.append(
                Item(row.number, label, ERR_UNKNOWN_DISTRICT, {"value": district_name, "province": str(province)})
            )
        elif not district_in_jurisdiction(self.actor, district):
            items.append(Item(row.number, label, ERR_OUTSIDE_JURISDICTION, {"district": str(district)}))
        return district


def _check_identities(rows: list[Row], labels: dict, items: list) -> None:
    first_at: dict[str, int] = {}
    label = labels.get("national_id", "tc_kimlik_no")
    for row in rows:
        number = row.values.get("national_id")
        if number and number in first_at:
            items.append(Item(row.number, label, ERR_ID_TWICE, {"other": first_at[number]}))
        elif number:
            first_at[number] = row.number


def _match_existing(households: list[HouseholdPlan], labels: dict, items: list) -> None:
    """Households by external_ref and persons by identity number that the registry already has."""
    existing = Household.objects.in_bulk([h.external_ref for h in households], field_name="external_ref")
    numbers = [r.values["national_id"] for h in households for r in h.rows if r.values.get("national_id")]
    persons = Person.objects.in_bulk(numbers, field_name="national_id")
    current = {
        m.person_id: m.household
        for m in Membership.objects.filter(person__national_id__in=numbers, left_on__isnull=True).select_related(
            "household"
        )
    }
    label = labels.get("national_id", "tc_kimlik_no")
    for hh in households:
        hh.existing = existing.get(hh.external_ref)
        if hh.existing:
            items.append(
                Item(
                    hh.rows[0].number,
                    labels["household_ref"],
                    SKIP_HOUSEHOLD,
                    {"code": hh.existing.reference_code},
                    level="skipped",
                )
            )
        for row in hh.rows:
            number = row.values.get("national_id")
            person = persons.get(number) if number else None
            home = current.get(person.pk) if person else None
            row.existing_person = person
            if home is not None and home != hh.existing:
                items.append(Item(row.number, label, ERR_ID_ELSEWHERE, {"code": home.reference_code}))
            elif hh.existing and number and home is None:
                items.append(Item(row.number, label, ERR_NOT_IN_EXISTING))
            elif hh.existing:
                items.append(Item(row.number, label, SKIP_PERSON, level="skipped"))


# ---- Writing ------------------------------------------------------------------------------------


class _Rejected(Exception):
    """A service refused a row after validation passed; carries the report items."""

    def __init__(self, items: list[Item]):
        super().__init__("rejected")
        self.items = items


class _DryRun(Exception):
    pass


def household_import(*, actor, file_name: str, data: bytes, dry_run: bool = False) -> ImportBatch:
    """Validate a household file and, when it has no errors, import it in one transaction.

    Returns the ImportBatch with counts and report (saved, except on a dry run, which rolls back).
    Raises ImportFileError when the file cannot be read and PermissionDeniedError without permission.
    """
    office = _importer_office(actor)
    rows = file_read(name=file_name, data=data)
    batch = ImportBatch(
        uploaded_by=actor,
        office=office,
        file_name=Path(file_name).name[-255:],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    previous = batch_previous(batch)
    if previous is not None:
        when = timezone.localtime(previous.created_at).strftime("%Y-%m-%d %H:%M")
        item = Item(None, "", SKIP_FILE, {"date": when}, level="skipped")
        return _batch_finish(batch, ImportBatch.Status.DUPLICATE_FILE, {}, [item], dry_run)
    plan = household_file_validate(actor=actor, office=office, rows=rows)
    if plan.errors:
        return _batch_finish(batch, ImportBatch.Status.VALIDATED_WITH_ERRORS, plan.counts(), plan.items, dry_run)
    try:
        _import_atomically(actor, plan, batch, dry_run)
    except _Rejected as rejected:
        return _batch_finish(batch, ImportBatch.Status.VALIDATED_WITH_ERRORS, plan.counts(), rejected.items, dry_run)
    return batch


def _importer_office(actor):
    if not actor.has_perm(PERMISSION):
        raise PermissionDeniedError(ERR_NO_PERMISSION.en)
    office = office_for_user(actor)
    if office is None:
        raise PermissionDeniedError(ERR_NO_OFFICE.en)
    return office


def _import_atomically(actor, plan: Plan, batch: ImportBatch, dry_run: bool) -> None:
    """All households through the services, the batch and its audit row: one transaction."""
    try:
        with transaction.atomic():
            _apply(actor, plan)
            _batch_finish(batch, ImportBatch.Status.IMPORTED, plan.counts(), plan.items, dry_run)
            if dry_run:
                raise _DryRun  # every service ran; now roll them all back
            after = snapshot(batch, ["file_name", "sha256", "size", "status", "counts"])
            audit_record(actor=actor, action="household_import", obj=batch, after=after)
    except _DryRun:
        pass


def batch_previous(batch: ImportBatch) -> ImportBatch | None:
    """An earlier successful import of the same file by the same office."""
    return (
        ImportBatch.objects.filter(office=batch.office, sha256=batch.sha256, status=ImportBatch.Status.IMPORTED)
        .order_by("created_at")
        .first()
    )


def _batch_finish(batch: ImportBatch, status: str, counts: dict, items: list[Item], dry_run: bool) -> ImportBatch:
    batch.status, batch.counts, batch.report = status, counts, [i.as_dict() for i in items]
    if not dry_run:
        batch.save()
    return batch


def _apply(actor, plan: Plan) -> None:
    for hh in plan.households:
        if hh.existing:
            continue
        try:
            _household_write(actor, hh)
        except (ValidationError, RefahError) as exc:
            raise _Rejected(_service_items(exc, hh.rows[0].number)) from exc
        except IntegrityError as exc:
            raise _Rejected([Item(hh.rows[0].number, "", ERR_CONFLICT)]) from exc


def _household_write(actor, hh: HouseholdPlan) -> None:
    reference = next(r for r in hh.rows if r.values["role"] == E.Role.REFERENCE)
    d = hh.data
    household = household_register(
        actor=actor,
        district=hh.district,
        neighbourhood=d["neighbourhood"],
        members=[_member(reference)],
        external_ref=hh.external_ref,
        address_line=d.get("address", ""),
        dwelling_type=d["dwelling_type"],
        tenure=d["tenure"],
        monthly_rent_kurus=d.get("monthly_rent", 0),
        heating=d["heating"],
        rooms=d.get("rooms", 2),
    )
    persons = {reference.number: household.memberships.get(role=E.Role.REFERENCE).person}
    for row in hh.rows:
        if row is not reference:
            m = _member(row)
            membership = member_add(
                actor=actor, household=household, role=m.role, person=m.person, person_data=m.person_data
            )
            persons[row.number] = membership.person
    for row in hh.rows:
        if row.values.get("monthly_income") and not row.existing_person:
            income_record(
                actor=actor,
                person=persons[row.number],
                kind=row.values["income_kind"],
                amount_kurus=row.values["monthly_income"],
                period=E.IncomePeriod.MONTHLY,
                start_date=timezone.localdate(),
                source=E.DataSource.IMPORT,
            )


def _member(row: Row) -> MemberInput:
    data = row.of("person")
    role = data.pop("role")
    return MemberInput(role=role, person=row.existing_person, person_data=data)


def _service_items(exc: Exception, row: int) -> list[Item]:
    """A service's refusal as report items, its message rendered in both languages."""
    texts = {}
    for lang in ("en", "tr"):
        with translation.override(lang):
            if isinstance(exc, ValidationError):
                texts[lang] = validation_error_items(exc)
            else:
                texts[lang] = [{"field": exc.field, "reason": str(exc.message)}]
    return [
        Item(
            row,
            en["field"] or "",
            Reason(ERR_NOT_SAVED.text("en", detail=en["reason"]), ERR_NOT_SAVED.text("tr", detail=tr["reason"])),
        )
        for en, tr in zip(texts["en"], texts["tr"], strict=True)
    ]


# ---- Reading batches and the report -------------------------------------------------------------


def import_batch_get(*, user, batch_id) -> ImportBatch:
    """A batch the user uploaded or one of their office's; others look like a wrong id."""
    if not user.has_perm(PERMISSION):
        raise PermissionDeniedError(ERR_NO_PERMISSION.en)
    office = office_for_user(user)
    visible = models.Q(uploaded_by=user) | (models.Q(office=office) if office else models.Q(pk__in=[]))
    batch = ImportBatch.objects.filter(visible, pk=batch_id).first()
    if batch is None:
        raise NotFoundError(_("Import not found."))
    return batch


REPORT_HEADER = ["satir_row", "sutun_column", "durum_level", "sebep_tr", "reason_en"]


def import_report_csv(*, batch: ImportBatch) -> str:
    """The report as CSV for Excel in Türkiye: UTF-8 with BOM, ";" between fields, both languages."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(REPORT_HEADER)
    for item in batch.report:
        writer.writerow([item["row"] or "", item["column"], item["level"], item["tr"], item["en"]])
    return out.getvalue()


def import_template_csv(*, lang: str) -> str:
    """An empty file with every column's header, in Turkish or English, for staff to fill in."""
    names = [c.turkish if lang.startswith("tr") else c.name for c in COLUMNS]
    return "\ufeff" + ";".join(names) + "\r\n"


def import_batch_list(*, user, limit: int = 10) -> list[ImportBatch]:
    """The latest uploads of the user's office (or the user's own, without an office)."""
    if not user.has_perm(PERMISSION):
        raise PermissionDeniedError(ERR_NO_PERMISSION.en)
    office = office_for_user(user)
    visible = models.Q(office=office) if office else models.Q(uploaded_by=user)
    return list(ImportBatch.objects.filter(visible).select_related("uploaded_by")[:limit])
