"""The columns of an import file: names in English and Turkish, accepted header aliases, value parsers."""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation

from refah.common.money import tl_to_kurus
from refah.common.text import fold, hidden_character
from refah.registry import enums as E
from refah.registry.imports.messages import (
    ERR_AMBIGUOUS_AMOUNT,
    ERR_BAD_AMOUNT,
    ERR_BAD_CHOICE,
    ERR_BAD_DATE,
    ERR_BAD_NUMBER,
    ERR_FUTURE_DATE,
    ERR_HIDDEN_CHARACTER,
    ERR_NOT_MOBILE,
    ERR_OLD_DATE,
    ERR_TOO_LONG,
    FieldProblem,
)
from refah.registry.phones import normalise_mobile


def norm(value) -> str:
    """Header or value key: Turkish folding, anything but letters and digits becomes one space."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(value))).strip()


# ---- Values -------------------------------------------------------------------------------------


def _mobile(value) -> str:
    """A person's phone, as the services store it ("05321234567"); a spreadsheet may give it as a number."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return normalise_mobile(_text(20)(value))
    except ValidationError:
        raise FieldProblem(ERR_NOT_MOBILE) from None


def _text(limit: int):
    def parse(value) -> str:
        # A line break or tab in a spreadsheet cell becomes a space, as before; any other control or format
        # character (bidi override, zero-width space…) is refused, as the registry services refuse it.
        char = hidden_character(re.sub(r"[\t\r\n]", " ", str(value)))
        if char:
            raise FieldProblem(ERR_HIDDEN_CHARACTER, char=char)
        text = " ".join(str(value).split())
        if len(text) > limit:
            raise FieldProblem(ERR_TOO_LONG, limit=limit)
        return text

    return parse


def _choice(choices: type[models.TextChoices]):
    """Accept the code, the English label or an alias from VALUE_ALIASES ("kadın" for F)."""
    with translation.override("en"):
        table = {norm(c.value): c.value for c in choices} | {norm(c.label): c.value for c in choices}
    for group in VALUE_ALIASES.get(choices, "").split(";"):
        aliases, code = group.split("=")
        table.update({norm(alias): choices(code.strip()).value for alias in aliases.split("|")})
    allowed = ", ".join(c.value for c in choices)

    def parse(value) -> str:
        try:
            return table[norm(value)]
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
    if not re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", text):  # ASCII digits only: "٣٥٠٠" is not 3500
        raise FieldProblem(ERR_BAD_AMOUNT, value=value)
    return tl_to_kurus(text)


# The cell parsers, for other apps' files holding the same kinds of value (refah.aidrecords' aid files).
parse_text, parse_date, parse_amount = _text, _date, _amount


def _id_number(value) -> str:
    return re.sub(r"\s", "", str(value))


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
    Column("phone", "telefon", "tel", P, False, _mobile),
    Column("monthly_income", "aylik_gelir", "gelir|aylik gelir tl|monthly income tl", "income", False, _amount),
    Column("income_kind", "gelir_turu", "", "income", False, _choice(E.IncomeKind)),
]
COLUMN_BY_KEY = {
    key: c
    for c in COLUMNS
    for key in {norm(c.name), norm(c.turkish)} | {norm(a) for a in c.aliases.split("|") if a.strip()}
}
COLUMN_BY_NAME = {c.name: c for c in COLUMNS}
IGNORED_COLUMNS = {"sira", "sira no", "no", "row"}
