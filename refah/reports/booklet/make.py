"""Making the province booklet: find the province, check the year, compute the figures, draw the PDF.

`booklet_make()` is what the command, the background report and the bench call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError
from refah.common.text import fold
from refah.geo.models import Province
from refah.reports.booklet import figures
from refah.reports.booklet.pdf import render

ERR_PROVINCE = _("“%(name)s” is not a province of Türkiye.")
ERR_PROVINCE_EMPTY = _("Choose a province.")
ERR_YEAR = _("Give the year as a number from 2000 to %(last)s.")
ERR_NO_DATA = _("%(province)s has no records of %(year)s to make a booklet from.")
ERR_LANGUAGE = _("The booklet is made in Turkish (tr) or English (en).")

FIRST_YEAR = 2000
LANGUAGES = ("tr", "en")

STAGES = {
    "family": _("Family and community services"),
    "children": _("Child services"),
    "women": _("Women's services"),
    "elderly": _("Elderly and disabled services"),
    "veterans": _("Martyrs' relatives and veterans"),
    "assistance": _("Social assistance"),
}


def province_find(name: str) -> Province:
    """A province by its name, Turkish letters and case folded (IĞDIR, Iğdır, igdir); its plate number also works."""
    text = (name or "").strip()
    if not text:
        raise RefahError(ERR_PROVINCE_EMPTY, field="province")
    if text.isdigit():
        found = Province.objects.filter(plate=int(text)).first()
        if found:
            return found
    key = fold(text)
    for province in Province.objects.all():
        if key in (fold(province.name), fold(province.name_ascii)):
            return province
    raise RefahError(ERR_PROVINCE % {"name": text}, field="province")


def year_check(year, *, today: dt.date | None = None) -> int:
    last = (today or timezone.localdate()).year
    try:
        value = int(str(year).strip())
    except (TypeError, ValueError):
        raise RefahError(ERR_YEAR % {"last": last}, field="year") from None
    if not FIRST_YEAR <= value <= last:
        raise RefahError(ERR_YEAR % {"last": last}, field="year")
    return value


def language_check(language) -> str:
    value = str(language or "tr").strip().lower()[:2]
    if value not in LANGUAGES:
        raise RefahError(ERR_LANGUAGE, field="language")
    return value


def booklet_make(
    *,
    province: Province | str,
    year: int,
    language: str = "tr",
    progress: Callable[[int, str], None] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The province booklet of `year` as PDF bytes, in `language` ("tr" or "en"). `progress(percent, stage)` is told
    as each section is computed; `today` is the production day printed on the cover (default: today). A clear
    error (RefahError with the field) for an unknown province, a bad year or a year without records."""
    if not isinstance(province, Province):
        province = province_find(province)
    today = today or timezone.localdate()
    year = year_check(year, today=today)
    language = language_check(language)
    with translation.override(language):
        if not figures.has_data(province, year):
            raise RefahError(ERR_NO_DATA % {"province": province.name, "year": year}, field="year")
        steps = list(STAGES)

        def step(key: str) -> None:
            if progress:
                progress(5 + 80 * steps.index(key) // len(steps), str(STAGES[key]))

        booklet = figures.booklet_figures(province=province, year=year, today=today, progress=step)
        if progress:
            progress(90, str(_("Drawing the booklet")))
        return render(booklet, produced=today)


def booklet_filename(province: Province, year: int, language: str) -> str:
    return f"il-bulteni-{fold(province.name).replace(' ', '-')}-{year}-{language}.pdf"
