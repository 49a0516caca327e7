"""Follow-up of employment: the inputs of the reports' KPIs (the district plan counts persons referred, PG4.1.4).

    followup_counts(start=, end=, as_of=, district_ids=None) -> Followup
    households_left_aid_through_work(start=, end=, as_of=, district_ids=None) -> list of household ids
    followup_for_user(user=, start=, end=) -> Followup in the user's jurisdiction (employment.view_followup)

Persons referred in [start, end]; persons who started work through a placement in [start, end]; of those
placements, the ones old enough on `as_of` to have reached 6 (12) months and how many of them were still in work
then; households that left aid through work: a member started work in [start, end], the household was eligible for
the regular aid (`work_sanction.programs`) in that month, and its latest determination of them up to `as_of` is not
eligible any more. Counted over whole columns (one query per table, Polars), never a loop per household.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_scope
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError
from refah.eligibility.models import Determination
from refah.eligibility.params import ParameterSet
from refah.employment.models import Placement, Referral
from refah.geo.models import District

FOLLOWUP = "employment.view_followup"


@dataclass(frozen=True)
class Followup:
    referred: int
    placed: int
    due_6: int  # placements of the window that reached 6 months on as_of
    in_work_6: int  # of those, still in work 6 months after the start
    due_12: int
    in_work_12: int
    left_aid_through_work: int


def _scope(district_ids: list | None) -> Q:
    return Q() if district_ids is None else Q(household__district_id__in=district_ids)


def _in_work(placements: pl.DataFrame, months: int, as_of: dt.date) -> tuple[int, int]:
    """(placements that reached `months` months by `as_of`, those still in work at that mark)."""
    if placements.is_empty():
        return 0, 0
    mark = pl.col("started_on").dt.offset_by(f"{months}mo")
    due = placements.filter(mark <= pl.lit(as_of))
    kept = due.filter(pl.col("ended_on").is_null() | (pl.col("ended_on") >= mark))
    return due.height, kept.height


def followup_counts(
    *, start: dt.date, end: dt.date, as_of: dt.date | None = None, district_ids: list | None = None
) -> Followup:
    """The follow-up figures of [start, end] seen on `as_of` (today by default), in some districts or all."""
    as_of = as_of or timezone.localdate()
    referred = (
        Referral.objects.filter(_scope(district_ids), referred_on__range=(start, end))
        .values("person_id")
        .distinct()
        .count()
    )
    rows = Placement.objects.filter(_scope(district_ids), started_on__range=(start, end), started_on__lte=as_of)
    placements = pl.DataFrame(
        list(rows.values_list("started_on", "ended_on")),
        schema={"started_on": pl.Date, "ended_on": pl.Date},
        orient="row",
    )
    due_6, in_work_6 = _in_work(placements, 6, as_of)
    due_12, in_work_12 = _in_work(placements, 12, as_of)
    left = households_left_aid_through_work(start=start, end=end, as_of=as_of, district_ids=district_ids)
    placed = rows.values("person_id").distinct().count()
    return Followup(referred, placed, due_6, in_work_6, due_12, in_work_12, len(left))


# the household id as the database writes it in text (the same in both statements, so they join)
_TEXT_ID = Cast("household_id", output_field=CharField())


def _month(column: str) -> pl.Expr:
    return pl.col(column).dt.truncate("1mo")


def households_left_aid_through_work(
    *, start: dt.date, end: dt.date, as_of: dt.date | None = None, district_ids: list | None = None
) -> list:
    """Ids of the households that left aid through work (see the module's docstring)."""
    as_of = as_of or timezone.localdate()
    placed = Placement.objects.filter(_scope(district_ids), started_on__range=(start, end), started_on__lte=as_of)
    placements = pl.DataFrame(
        list(placed.annotate(hid=_TEXT_ID).values_list("hid", "started_on")),
        schema={"household_id": pl.String, "started_on": pl.Date},
        orient="row",
    )
    if placements.is_empty():
        return []
    placements = placements.with_columns(_month("started_on").alias("month"))
    programs = ParameterSet(as_of)("work_sanction.programs")
    households = placements["household_id"].unique().to_list()
    determinations = pl.DataFrame(
        list(
            Determination.objects.filter(
                household_id__in=households,
                program__in=programs,
                period__gte=placements["month"].min(),
                period__lte=as_of.replace(day=1),
            )
            .annotate(hid=_TEXT_ID)
            .values_list("hid", "period", "eligible")
        ),
        schema={"household_id": pl.String, "period": pl.Date, "eligible": pl.Boolean},
        orient="row",
    )
    per_month = determinations.group_by("household_id", "period").agg(pl.col("eligible").any())
    at_start = placements.join(per_month, left_on=["household_id", "month"], right_on=["household_id", "period"])
    at_start = at_start.filter(pl.col("eligible")).group_by("household_id").agg(pl.col("month").min())
    latest = per_month.sort("period").group_by("household_id").last()
    left = at_start.join(latest, on="household_id").filter((pl.col("period") > pl.col("month")) & ~pl.col("eligible"))
    return sorted(left["household_id"].to_list())


def followup_for_user(*, user, start: dt.date, end: dt.date, as_of: dt.date | None = None) -> Followup:
    """followup_counts() over the user's jurisdiction."""
    if not user.has_perm(FOLLOWUP):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    scope = jurisdiction_scope(user)
    if scope is None:
        return Followup(0, 0, 0, 0, 0, 0, 0)
    kind, ids = scope
    if kind == "district":
        district_ids = list(ids)
    elif kind == "province":
        district_ids = list(District.objects.filter(province_id__in=ids).values_list("pk", flat=True))
    else:
        district_ids = None
    return followup_counts(start=start, end=end, as_of=as_of, district_ids=district_ids)
