"""The program catalogue: how people name a program, its unit and its public legal source, in TR and EN.

Services, selectors, forms and templates (through `refah_format`) all ask here, so no screen shows a
program's code or an English unit on a Turkish page. A code is a coded rule (`rules/<code>.py`), a custom
program's engine code (`<code>_<office hex[:8]>`) or a plain custom program code.
"""

from __future__ import annotations

import re

from refah.common.i18n import active_language
from refah.common.money import format_tl
from refah.eligibility.models import CustomProgram
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


def format_amount(value: int, code: str, lang: str | None = None) -> str:
    """An integer amount in the program's (or unit's) terms: kuruş as "1.300,00 TL", else "1.300 puan"."""
    lang = language(lang)
    unit = program_unit(code)
    if unit in MONEY_UNITS:
        return format_tl(int(value), lang)
    grouped = f"{int(value):,}"
    return f"{grouped.replace(',', '.') if lang == 'tr' else grouped} {unit_label(unit, lang)}"
