"""The booklet as a long report made in the background (jobs.py): who may ask for which province, and the file."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from refah.accounts.selectors import office_for_user
from refah.common.errors import RefahError
from refah.geo.models import Province
from refah.reports.booklet.make import (
    ERR_PROVINCE,
    booklet_filename,
    booklet_make,
    language_check,
    province_find,
    year_check,
)
from refah.reports.jobs import ReportFile, ReportKind
from refah.reports.roles import MAKE_BOOKLET

ERR_PROVINCE_OUTSIDE = _("You may make the booklet of your own province only.")


def provinces_for(user) -> list[Province]:
    """The provinces whose booklet `user` may make: every province for a national office, else the province of
    the user's office (a district office's too: the booklet holds only suppressed aggregates); none without one."""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return []
    if office.province_id is None:
        return list(Province.objects.order_by("name_ascii"))
    return [office.province]


def booklet_clean(user, params: dict) -> dict:
    raw = params.get("province")  # the id (a number), or the name or plate number (text)
    if isinstance(raw, int) and not isinstance(raw, bool):
        province = Province.objects.filter(pk=raw).first()
        if province is None:
            raise RefahError(ERR_PROVINCE % {"name": raw}, field="province")
    else:
        province = province_find(str(raw or ""))
    if province.pk not in {p.pk for p in provinces_for(user)}:
        raise RefahError(ERR_PROVINCE_OUTSIDE, field="province")
    year = year_check(params.get("year"))
    return {"province": province.pk, "province_name": province.name, "year": year}


def booklet_job(params: dict, progress) -> ReportFile:
    """In the worker, in the job's language (jobs.job_run sets it)."""
    from django.utils.translation import get_language

    province = Province.objects.get(pk=params["province"])
    language = language_check(get_language() or "tr")
    data = booklet_make(province=province, year=params["year"], language=language, progress=progress)
    return ReportFile(booklet_filename(province, params["year"], language), "application/pdf", data)


BOOKLET = ReportKind("booklet", _("Province booklet"), MAKE_BOOKLET, booklet_clean, booklet_job)
