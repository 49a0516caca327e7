"""What-if: coverage and monthly cost per district and program, today's rulebook versus changed parameters.

Reads the registry in bulk (db_batch) and evaluates it twice with E's engine: once with the approved
overlay, once with the overlay plus the changes (`{"home_care.income_ratio": "0.75"}`). Nothing is stored.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from refah.eligibility.db_batch import registry_read
from refah.eligibility.engine import evaluate
from refah.eligibility.errors import EligibilityError
from refah.eligibility.params import ParameterSet, load_parameters
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.services import setup_for
from refah.geo.models import District

ERR_CHANGE = _("Write each change as parameter=value, e.g. home_care.income_ratio=0.75.")
ERR_PARAMETER = _("Unknown parameter {name!r}.")
ERR_NO_CHANGE = _("Give at least one parameter change.")
COLUMNS = (
    "district",
    "district_name",
    "program",
    "households",
    "eligible_today",
    "eligible_changed",
    "monthly_cost_today_kurus",
    "monthly_cost_changed_kurus",
)


def parse_changes(lines: list[str]) -> dict[str, str]:
    """["home_care.income_ratio=0.75", …] → {name: value}, each name a known parameter."""
    changes = {}
    for line in (line.strip() for line in lines):
        if not line:
            continue
        name, sep, value = line.partition("=")
        if not sep or not value.strip():
            raise ValidationError({"changes": ERR_CHANGE})
        if name.strip() not in load_parameters():
            raise ValidationError({"changes": ERR_PARAMETER.format(name=name.strip())})
        changes[name.strip()] = value.strip()
    if not changes:
        raise ValidationError({"changes": ERR_NO_CHANGE})
    return changes


def _totals(result, districts: np.ndarray) -> pl.DataFrame:
    frames = []
    for code, program in result.programs.items():
        monthly = program.amounts.get("monthly") if program.unit == "TRY" else None
        frames.append(
            pl.DataFrame(
                {
                    "district": districts,
                    "program": [code] * len(districts),
                    "eligible": np.asarray(program.eligible, np.int64),
                    "cost": np.zeros(len(districts), np.int64) if monthly is None else monthly,
                }
            )
        )
    return (
        pl.concat(frames)
        .group_by("district", "program")
        .agg(pl.len().alias("households"), pl.col("eligible").sum(), pl.col("cost").sum())
    )


def simulate(*, period: str | dt.date, changes: dict[str, str], district_ids: list[int] | None = None) -> pl.DataFrame:
    """Per district and program: households, eligible and monthly cost (kuruş), today versus changed.

    Only programs whose coverage or cost changes somewhere are listed.
    """
    setup = setup_for(period if isinstance(period, dt.date) else dt.date.fromisoformat(f"{period}-01"))
    changed = {**setup.overrides, **changes}
    try:
        ParameterSet(setup.day, changed)
    except EligibilityError as exc:
        raise ValidationError({"changes": str(exc)}) from None
    frames = registry_read(day=setup.day, district_ids=district_ids)
    parts = []
    for households, batch in frames.chunks():
        districts = households["district_pcode"].to_numpy()
        programs = [*PROGRAMS, "need_score"]
        today = _totals(evaluate(batch, setup.day, programs, setup.overrides), districts)
        other = _totals(evaluate(batch, setup.day, programs, changed), districts)
        parts.append(today.join(other, on=["district", "program", "households"], suffix="_changed"))
    if not parts:
        return pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String))
    table = (
        pl.concat(parts)
        .group_by("district", "program")
        .agg(pl.col("households", "eligible", "eligible_changed", "cost", "cost_changed").sum())
    )
    moved = table.filter(
        (pl.col("eligible") != pl.col("eligible_changed")) | (pl.col("cost") != pl.col("cost_changed"))
    )
    table = table.filter(pl.col("program").is_in(moved["program"].unique().implode()))
    names = dict(District.objects.filter(pcode__in=table["district"].unique().to_list()).values_list("pcode", "name"))
    return table.select(
        "district",
        pl.col("district").replace_strict(names, default="").alias("district_name"),
        "program",
        "households",
        pl.col("eligible").alias("eligible_today"),
        "eligible_changed",
        pl.col("cost").alias("monthly_cost_today_kurus"),
        pl.col("cost_changed").alias("monthly_cost_changed_kurus"),
    ).sort("program", "district")
