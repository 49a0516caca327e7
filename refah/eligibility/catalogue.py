"""The program catalogue: which programs exist and which a household may apply for; how people name a program,
its unit and its public legal source, in TR and EN.

Services, selectors, forms, PDFs and templates (through their filters) all ask here, so no screen shows a
program's code or an English unit on a Turkish page, and no service imports a template tag. A code is a coded
rule (`rules/<code>.py`), a custom program's engine code (`<code>_<office hex[:8]>`) or a plain custom program
code.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from refah.common.i18n import active_language
from refah.common.money import format_tl
from refah.eligibility.models import CustomProgram, CustomProgramStatus
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.units import MONEY_UNITS, UNIT_WORDS
from refah.eligibility.units import unit_label as _unit_label

_ENGINE_CODE = re.compile(r"^(?P<code>[a-z][a-z0-9_]*)_(?P<office>[0-9a-f]{8})$")


def language(lang: str | None = None) -> str:
    """`lang` if given, else the active language: "en" or "tr" (the default)."""
    if lang:
        return "en" if lang.startswith("en") else "tr"
    return active_language()


def custom_program(code: str) -> CustomProgram | None:
    """The custom program behind an engine code (`<code>_<office hex[:8]>`) or a plain custom code."""
    match = _ENGINE_CODE.match(code)
    if match:
        for record in CustomProgram.objects.filter(code=match["code"]):
            if record.office_id.hex.startswith(match["office"]):
                return record
    return CustomProgram.objects.filter(code=code).order_by("created_at").first()


def custom_programs_approved() -> QuerySet[CustomProgram]:
    """Every approved custom program (each pays under its engine code), by office and code."""
    return (
        CustomProgram.objects.filter(status=CustomProgramStatus.APPROVED)
        .select_related("office")
        .order_by("office__name", "code")
    )


def program_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """Every program that exists, as (code, name in `lang`): the coded ones, then every approved custom program
    (municipalities', NGOs') by office and code, under its engine code."""
    lang = language(lang)
    coded = [(code, module.LABEL[lang]) for code, module in PROGRAMS.items()]
    return coded + [(record.engine_code, record.name) for record in custom_programs_approved()]


def programs_available(household: Any, lang: str | None = None) -> dict[str, str]:
    """{code: name in `lang`} of the programs `household` may apply for: the coded programs and the approved
    custom programs of an office whose area covers it (its district, its province, or the whole country)."""
    lang = language(lang)
    out = {code: module.LABEL[lang] for code, module in PROGRAMS.items()}
    customs = CustomProgram.objects.filter(status=CustomProgramStatus.APPROVED).filter(
        Q(office__district_id=household.district_id)
        | Q(office__district__isnull=True, office__province_id=household.province_id)
        | Q(office__province__isnull=True)
    )
    for record in customs:
        out[record.engine_code] = record.name
    return out


def program_label(code: str, lang: str | None = None) -> str:
    """The program as people name it in `lang`: the rule's label, a custom program's name, else the code."""
    if not code:
        return ""
    module = PROGRAMS.get(str(code))
    if module is not None:
        return module.LABEL[language(lang)]
    record = custom_program(str(code))
    return record.name if record else str(code)


def program_labels(code: str) -> dict[str, str]:
    """{"tr": …, "en": …}: the program's label in both languages (for texts stored or sent in both)."""
    return {lang: program_label(code, lang) for lang in ("tr", "en")}


def program_unit(code: str) -> str:
    """The unit of a program's amounts: "TRY" (kuruş), or a counted unit ("kg", "points", "places", "cards")."""
    key = str(code or "")
    if key in MONEY_UNITS or key in UNIT_WORDS:
        return key
    module = PROGRAMS.get(key)
    if module is not None:
        return module.UNIT
    record = custom_program(key) if key else None
    return str(record.spec.get("unit", "TRY")) if record else "TRY"


def unit_label(unit: str, lang: str | None = None) -> str:
    """A unit as a word in `lang` ("places" → "yer"); money is "TL"."""
    return _unit_label(unit, language(lang))


def program_source(code: str, lang: str | None = None) -> str:
    """The program's public legal source (law, regulation, official page) in `lang`; never internal notes."""
    module = PROGRAMS.get(str(code))
    if module is not None:
        return module.SOURCE[language(lang)]
    record = custom_program(str(code)) if code else None
    return str(record.spec.get("reference", "")) if record else ""


def format_amount(value: int | None, code: str, lang: str | None = None) -> str:
    """An integer amount in the program's (or unit's) terms: kuruş as "1.300,00 TL", else "1.300 puan"; no amount
    (None or "") is "—"."""
    if value is None or value == "":
        return "—"
    value, lang = int(value), language(lang)
    unit = program_unit(code)
    if unit in MONEY_UNITS:
        return format_tl(int(value), lang)
    grouped = f"{int(value):,}"
    return f"{grouped.replace(',', '.') if lang == 'tr' else grouped} {unit_label(unit, lang)}"


# Conditions no committee may override: when a program excludes persons or households with social security and the
# data show it (SGK's register, written into the registry by refah.exchange, or the declaration), approval is
# refused, as ISAIS blocks it. A condition is one of them by the last part of its code.
INSURANCE_EXCLUSIONS = ("social_security", "insured")


def insurance_exclusion(determination: dict | None) -> str | None:
    """The code of the failed social-security condition that makes a stored determination not eligible, or None."""
    if not determination or determination.get("eligible"):
        return None
    for reason in determination.get("reasons") or []:
        if not reason.get("passed") and reason.get("code", "").rsplit(".", 1)[-1] in INSURANCE_EXCLUSIONS:
            return reason["code"]
    return None
