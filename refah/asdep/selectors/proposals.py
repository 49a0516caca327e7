"""Households the registry's data marks as likely at risk, proposed for the next round — computed over whole
columns (the registry as eligibility's batch reader gives it, one query per table; no loop per household):

- an elderly person living alone: a household of one member aged 65 or over;
- a disabled member without care: disability of 40 % or more, or a severe one (fully care-dependent), who needs
  care (partly or fully dependent), not placed in a care institution (refah.care's placements on the day), in a
  household without an eligible home-care allowance determination in the last three months — a disabled person
  who needs no care is not "without care";
- a child of compulsory school age (7–17) out of school: not enrolled (MEB's or the declared school level), or
  absent 10 days or more in the latest month MEB reported. Six-year-olds are left out: first grade starts between
  66 and 72 months, so a six-year-old not yet at school is usually not late.

Households with a visit still to make, or visited in the last six months, are not proposed again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import Q

from refah.accounts.selectors import jurisdiction_scope
from refah.asdep.enums import PROPOSAL_WEIGHTS, ProposalReason, RoundStatus
from refah.asdep.models import Visit
from refah.asdep.roles import VIEW_PROPOSAL
from refah.audit.enums import AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.care.models import Placement
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError
from refah.eligibility.db_batch import registry_read
from refah.eligibility.models import Determination
from refah.geo.models import District
from refah.registry.models import Household

ELDERLY_AGE = 65
DISABILITY_PERCENT = 40
SCHOOL_AGES = (7, 17)  # compulsory education: 12 years (Law 222 as amended by Law 6287), first grade at 66–72 months
ABSENCE_DAYS = 10
CARE_MONTHS = 3
RECENT_DAYS = 183


@dataclass(frozen=True)
class Proposal:
    household_id: str  # 32 hex digits
    reasons: list[str]
    weight: int


def _cared_for(day: dt.date) -> pl.Series:
    since = (day.replace(day=1) - dt.timedelta(days=31 * CARE_MONTHS)).replace(day=1)
    ids = Determination.objects.filter(program="home_care", eligible=True, period__gte=since, period__lte=day)
    return pl.Series([pk.hex for pk in ids.values_list("household_id", flat=True).distinct()], dtype=pl.String)


def _placed(day: dt.date) -> pl.Series:
    """Persons living in (or attending) a care institution on the day (refah.care)."""
    on_day = Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    ids = Placement.objects.filter(on_day).values_list("person_id", flat=True)
    return pl.Series([pk.hex for pk in ids], dtype=pl.String)


def _recently_seen(day: dt.date) -> pl.Series:
    recent = Q(outcome="visited", visited_on__gte=day - dt.timedelta(days=RECENT_DAYS))
    waiting = Q(outcome="") & ~Q(round__status=RoundStatus.DONE)
    ids = Visit.objects.filter(recent | waiting).values_list("household_id", flat=True).distinct()
    return pl.Series([pk.hex for pk in ids], dtype=pl.String)


def proposal_frame(*, day: dt.date, district_ids: list[int] | None) -> pl.DataFrame:
    """household_id, reasons (list of ProposalReason values), weight — heaviest first."""
    persons = registry_read(day=day, district_ids=district_ids).persons
    if persons.is_empty():
        return pl.DataFrame(schema={"household_id": pl.String, "reasons": pl.List(pl.String), "weight": pl.Int64})
    born = pl.col("birth_date").str.to_date()
    age = (
        pl.lit(day.year)
        - born.dt.year()
        - ((pl.lit(day.month * 100 + day.day)) < born.dt.month() * 100 + born.dt.day()).cast(pl.Int32)
    )
    people = persons.select(
        "household_id",
        age.alias("age"),
        (
            ((pl.col("disability_percent") >= DISABILITY_PERCENT) | (pl.col("dependency") == "full"))
            & pl.col("dependency").is_in(["partial", "full"])
            & ~pl.col("person_id").is_in(_placed(day).implode())
        ).alias("disabled"),
        pl.col("school_level"),
        pl.col("absence_days"),
    )
    out_of_school = pl.col("age").is_between(*SCHOOL_AGES) & (
        pl.col("school_level").is_in(["none", "out_of_school"]) | (pl.col("absence_days") >= ABSENCE_DAYS)
    )
    households = people.group_by("household_id").agg(
        ((pl.len() == 1) & (pl.col("age").max() >= ELDERLY_AGE)).alias(ProposalReason.ELDERLY_ALONE.value),
        pl.col("disabled").any().alias(ProposalReason.DISABLED_WITHOUT_CARE.value),
        out_of_school.any().alias(ProposalReason.CHILD_OUT_OF_SCHOOL.value),
    )
    care = ProposalReason.DISABLED_WITHOUT_CARE.value
    households = households.with_columns(
        pl.col(care) & ~pl.col("household_id").is_in(_cared_for(day).implode())
    ).filter(~pl.col("household_id").is_in(_recently_seen(day).implode()))
    reasons = [r.value for r in ProposalReason]
    return (
        households.with_columns(
            pl.concat_list([pl.when(pl.col(r)).then(pl.lit(r)).otherwise(None) for r in reasons])
            .list.drop_nulls()
            .alias("reasons"),
            pl.sum_horizontal([pl.col(r).cast(pl.Int64) * PROPOSAL_WEIGHTS[r] for r in reasons]).alias("weight"),
        )
        .filter(pl.col("weight") > 0)
        .select("household_id", "reasons", "weight")
        .sort(["weight", "household_id"], descending=[True, False])
    )


def proposals_by_household(*, district_ids: list[int] | None, day: dt.date) -> dict[str, Proposal]:
    frame = proposal_frame(day=day, district_ids=district_ids)
    return {row[0]: Proposal(row[0], list(row[1]), row[2]) for row in frame.iter_rows()}


def _districts(user) -> list[int] | None:
    scope = jurisdiction_scope(user)
    if scope is None:
        return []
    kind, ids = scope
    if kind == "province":
        return list(District.objects.filter(province_id__in=ids).values_list("pk", flat=True))
    return ids if kind == "district" else None


@dataclass(frozen=True)
class ProposedHousehold:
    household: Household
    reasons: list[str]
    weight: int

    @property
    def reason_labels(self) -> list[str]:
        return [str(ProposalReason(r).label) for r in self.reasons]


def proposal_list(
    *, user, day: dt.date, district_id: int | None = None, neighbourhood_ids: list | None = None, limit: int = 200
) -> tuple[int, list]:
    """(how many households are proposed in the user's jurisdiction, the first `limit` of them, heaviest first),
    optionally of one of its districts, or of some neighbourhoods, only."""
    if user is None or not user.has_perm(VIEW_PROPOSAL):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    district_ids = _districts(user)
    if district_id is not None:
        district_ids = [district_id] if district_ids is None or district_id in district_ids else []
    if district_ids == []:
        return 0, []
    frame = proposal_frame(day=day, district_ids=district_ids)
    if neighbourhood_ids is not None:
        ids = Household.objects.filter(neighbourhood_id__in=neighbourhood_ids).values_list("pk", flat=True)
        frame = frame.filter(pl.col("household_id").is_in([pk.hex for pk in ids]))
    top = frame.head(limit)
    households = Household.objects.select_related("neighbourhood", "district").in_bulk(
        [row for row in top["household_id"]]
    )
    by_hex = {pk.hex if hasattr(pk, "hex") else str(pk).replace("-", ""): h for pk, h in households.items()}
    rows = [ProposedHousehold(by_hex[h], list(r), w) for h, r, w in top.iter_rows() if h in by_hex]
    return frame.height, rows


def proposals_logged(*, user, rows: list[ProposedHousehold], channel: str) -> None:
    """One access-log row for the proposals shown (their reasons are health and disability data)."""
    if rows:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[row.household.pk for row in rows],
            sensitive=True,
        )
