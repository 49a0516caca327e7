"""The three detectors, each over whole columns (one query per table into Polars, joins and group-bys; no loop per
household). Each returns a frame of candidates: kind, household_id (hex), district_id, key, evidence (JSON text).

- shared_address: SHARED_ADDRESS_MIN or more households at one address (same neighbourhood, same street/building/
  door text, folded) whose reference persons have different surnames — no two share a surname, the simplest
  sign of no family link in the registry. One flag per address, on its first household, listing them all.
- income_drop: an income of a member that ended (its `until` date) INCOME_DAYS days or fewer before the household's
  application was received (the registry keeps incomes as dated rows; an ended row is the declared income falling).
- several_givers: aid records linked to one household from two or more givers for the same need with periods that
  overlap, given within the last year.
"""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
from django.conf import settings

from refah.aidrecords.models import AidRecord
from refah.cases.models import Application
from refah.common.text import fold_column
from refah.registry.enums import Role
from refah.registry.models import IncomeSource, Membership
from refah.targeting.anomalies.models import AnomalyKind

CANDIDATES = {
    "kind": pl.String,
    "household_id": pl.String,
    "district_id": pl.Int64,
    "key": pl.String,
    "evidence": pl.String,
}
LOOKBACK_DAYS = 365


def shared_address_min() -> int:
    return int(getattr(settings, "REFAH_ANOMALY_SHARED_ADDRESS_MIN", 3))


def income_days() -> int:
    return int(getattr(settings, "REFAH_ANOMALY_INCOME_DAYS", 60))


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=CANDIDATES)


def _frame(rows, schema: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def shared_address(day: dt.date) -> pl.DataFrame:
    heads = Membership.objects.filter(role=Role.REFERENCE, joined_on__lte=day, left_on__isnull=True).exclude(
        household__address_line=""
    )
    rows = heads.values_list(
        "household_id", "household__district_id", "household__neighbourhood_id", "household__address_line",
        "household__reference_code", "person__last_name",
    )  # fmt: skip
    schema = {"hid": pl.Object, "district_id": pl.Int64, "nb": pl.Int64, "address": pl.String, "code": pl.String,
              "surname": pl.String}  # fmt: skip
    frame = _frame(rows, schema)
    if frame.is_empty():
        return _empty()
    frame = frame.with_columns(
        pl.col("hid").map_elements(lambda u: u.hex, return_dtype=pl.String).alias("household_id"),
        fold_column(frame["address"]).alias("address_key"),
        fold_column(frame["surname"]).alias("surname_key"),
    ).drop("hid")
    minimum = shared_address_min()
    groups = (
        frame.sort("code")
        .group_by("nb", "address_key")
        .agg(
            pl.len().alias("n"),
            pl.col("surname_key").n_unique().alias("surnames"),
            pl.col("household_id").first(),
            pl.col("district_id").first(),
            pl.col("address").first(),
            pl.col("code"),
            pl.col("surname"),
        )  # fmt: skip
        .filter((pl.col("n") >= minimum) & (pl.col("surnames") == pl.col("n")))
    )
    if groups.is_empty():
        return _empty()
    evidence = [
        json.dumps({"address": a, "households": n, "codes": codes, "surnames": names, "threshold": minimum})
        for a, n, codes, names in groups.select("address", "n", "code", "surname").iter_rows()
    ]
    return groups.select(
        pl.lit(AnomalyKind.SHARED_ADDRESS.value).alias("kind"), "household_id", "district_id",
        (pl.lit("address:") + pl.col("nb").cast(pl.String) + ":" + pl.col("address_key")).alias("key"),
        pl.Series("evidence", evidence, dtype=pl.String),
    )  # fmt: skip


def income_drop(day: dt.date) -> pl.DataFrame:
    days = income_days()
    since = day - dt.timedelta(days=LOOKBACK_DAYS)
    apps = _frame(
        Application.objects.filter(created_at__date__gte=since, created_at__date__lte=day).values_list(
            "id", "household_id", "household__district_id", "reference", "created_at"
        ),
        {
            "aid": pl.Object,
            "hid": pl.Object,
            "district_id": pl.Int64,
            "reference": pl.String,
            "at": pl.Datetime("us", "UTC"),
        },
    )
    if apps.is_empty():
        return _empty()
    apps = apps.with_columns(
        pl.col("aid").map_elements(lambda u: u.hex, return_dtype=pl.String).alias("application_id"),
        pl.col("hid").map_elements(lambda u: u.hex, return_dtype=pl.String).alias("household_id"),
        pl.col("at").dt.convert_time_zone(settings.TIME_ZONE).dt.date().alias("applied_on"),
    ).drop("aid", "hid", "at")
    ended = _frame(
        IncomeSource.objects.filter(end_date__gte=since - dt.timedelta(days=days), end_date__lte=day).values_list(
            "id", "person_id", "kind", "amount_kurus", "period", "end_date"
        ),
        {"iid": pl.Object, "pid": pl.Object, "income_kind": pl.String, "amount": pl.Int64, "period": pl.String,
         "ended_on": pl.Date},
    )  # fmt: skip
    if ended.is_empty():
        return _empty()
    members = _frame(
        Membership.objects.filter(person_id__in=list(ended["pid"])).values_list(
            "person_id", "household_id", "joined_on", "left_on"
        ),
        {"pid": pl.Object, "hid": pl.Object, "joined_on": pl.Date, "left_on": pl.Date},
    )
    to_hex = [pl.col(c).map_elements(lambda u: u.hex, return_dtype=pl.String) for c in ("pid", "hid")]
    members = members.with_columns(to_hex[0].alias("person_id"), to_hex[1].alias("household_id")).drop("pid", "hid")
    ended = ended.with_columns(
        pl.col("iid").map_elements(lambda u: u.hex, return_dtype=pl.String).alias("income_id"),
        to_hex[0].alias("person_id"),
    ).drop("iid", "pid")
    found = (
        ended.join(members, on="person_id")
        .filter(
            (pl.col("joined_on") <= pl.col("ended_on"))
            & (pl.col("left_on").is_null() | (pl.col("left_on") >= pl.col("ended_on")))
        )
        .join(apps, on="household_id")
        .with_columns((pl.col("applied_on") - pl.col("ended_on")).dt.total_days().alias("days"))
        .filter((pl.col("days") >= 0) & (pl.col("days") <= days))
    )
    if found.is_empty():
        return _empty()
    evidence = [
        json.dumps(
            {
                "income_kind": k,
                "amount_kurus": a,
                "period": p,
                "ended_on": e.isoformat(),
                "applied_on": ap.isoformat(),
                "days": d,
                "application": r,
                "threshold": days,
            }
        )  # fmt: skip
        for k, a, p, e, ap, d, r in found.select(
            "income_kind", "amount", "period", "ended_on", "applied_on", "days", "reference"
        ).iter_rows()
    ]
    return found.select(
        pl.lit(AnomalyKind.INCOME_DROP.value).alias("kind"), "household_id", "district_id",
        (pl.lit("income:") + pl.col("income_id") + ":" + pl.col("application_id")).alias("key"),
        pl.Series("evidence", evidence, dtype=pl.String),
    )  # fmt: skip


def several_givers(day: dt.date) -> pl.DataFrame:
    since = day - dt.timedelta(days=LOOKBACK_DAYS)
    rows = AidRecord.objects.filter(household__isnull=False, given_on__gte=since, given_on__lte=day).values_list(
        "household_id", "household__district_id", "giver_id", "giver__name", "need", "period_start", "period_end",
        "amount_kurus",
    )  # fmt: skip
    schema = {"hid": pl.Object, "district_id": pl.Int64, "gid": pl.Object, "giver": pl.String, "need": pl.String,
              "start": pl.Date, "end": pl.Date, "amount": pl.Int64}  # fmt: skip
    frame = _frame(rows, schema)
    if frame.is_empty():
        return _empty()
    frame = frame.with_columns(
        pl.col("hid").map_elements(lambda u: u.hex, return_dtype=pl.String).alias("household_id"),
        pl.col("gid").map_elements(lambda u: u.hex, return_dtype=pl.String).alias("giver_id"),
    ).drop("hid", "gid")
    pairs = (
        frame.join(frame, on=["household_id", "need"], suffix="_b")
        .filter(
            (pl.col("giver_id") < pl.col("giver_id_b"))
            & (pl.col("start") <= pl.col("end_b"))
            & (pl.col("start_b") <= pl.col("end"))
        )
        .with_columns(pl.max_horizontal("start", "start_b").alias("from"))
    )
    if pairs.is_empty():
        return _empty()
    cases = pairs.group_by("household_id", "need").agg(
        pl.col("district_id").first(), pl.col("from").min(),
        pl.concat([pl.col("giver"), pl.col("giver_b")]).unique().sort().alias("givers"),
    )  # fmt: skip
    evidence = [
        json.dumps({"need": n, "givers": g, "from": f.isoformat()})
        for n, g, f in cases.select("need", "givers", "from").iter_rows()
    ]
    return cases.select(
        pl.lit(AnomalyKind.SEVERAL_GIVERS.value).alias("kind"), "household_id", "district_id",
        (pl.lit("givers:") + pl.col("need") + ":" + pl.col("from").dt.strftime("%Y-%m")).alias("key"),
        pl.Series("evidence", evidence, dtype=pl.String),
    )  # fmt: skip


DETECTORS = (shared_address, income_drop, several_givers)


def candidates(day: dt.date) -> pl.DataFrame:
    return pl.concat([detect(day).select(list(CANDIDATES)) for detect in DETECTORS])
