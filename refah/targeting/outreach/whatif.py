"""The poverty-gap what-if: how far a monthly budget would close the poverty gap of the households on the list.

A simulation only: it reads, computes and shows aggregates; it never writes aid, decisions or payments.

Method (docs/targeting-outreach.md): for household i with consumption c_i per adult equivalent (kuruş a month) and
an adult-equivalent size e_i (the OECD-modified scale: 1 for the first adult, 0.5 for each other member aged 14 or
over, 0.3 for each child under 14; kept in thousandths, so e_i = 1000 + 500·(adults − 1) + 300·children), the gap is

    g_i = max(0, z − c_i) · e_i // 1000      (kuruş a month, z the poverty line per adult equivalent)

and a budget B is shared by one of two rules:

- "poorest": the households sorted by c_i (poorest first, then by id) receive their full gap while the running total
  stays within B; the first one past it receives what is left; the rest nothing;
- "proportional": each receives g_i · B // G (G = Σ g_i), or its full gap when B ≥ G; the kuruş lost to the floor
  stay unspent.

Consumption c_i is the model's predicted consumption per adult equivalent when a scoring run exists; otherwise the
household's declared monthly income per adult equivalent (a weaker proxy: declared income is under-reported, so the
gap is over-stated) — the screen says which was used. Money is integer kuruş throughout (Python ints where a product
could pass 2⁶³).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import polars as pl

from refah.common.errors import RefahError
from refah.common.money import format_tl, tl_to_kurus
from refah.common.suppression import Group, suppress
from refah.eligibility.db_batch import registry_read
from refah.geo.models import District
from refah.targeting.anomalies.roles import VIEW_OUTREACH
from refah.targeting.outreach import errors
from refah.targeting.outreach.selectors import likely_frame, model_frame, require, scope_for

POOREST, PROPORTIONAL = "poorest", "proportional"
RULES = (POOREST, PROPORTIONAL)
ADULT_AGE = 14


def gaps(consumption_pae: np.ndarray, ae_milli: np.ndarray, line_kurus: int) -> np.ndarray:
    """g_i = max(0, z − c_i) · e_i // 1000 (int64 kuruş)."""
    short = np.maximum(0, line_kurus - consumption_pae.astype(np.int64))
    return short * ae_milli.astype(np.int64) // 1000


def share(gap: np.ndarray, consumption_pae: np.ndarray, budget_kurus: int, rule: str) -> np.ndarray:
    """The aid of each household under `rule` (int64 kuruş, same order as `gap`)."""
    gap = gap.astype(np.int64)
    total = int(gap.sum())
    if total <= budget_kurus:
        return gap.copy()
    if rule == POOREST:
        order = np.argsort(consumption_pae, kind="stable")
        running = np.cumsum(gap[order])
        paid = np.where(running <= budget_kurus, gap[order], 0)
        first_past = int(np.searchsorted(running, budget_kurus, side="right"))
        if first_past < len(order):
            paid[first_past] = budget_kurus - (int(running[first_past - 1]) if first_past else 0)
        aid = np.zeros_like(gap)
        aid[order] = paid
        return aid
    if rule == PROPORTIONAL:
        products = gap.astype(object) * budget_kurus  # Python ints: the product can pass 2⁶³
        return np.array([int(p // total) for p in products], dtype=np.int64)
    raise RefahError(errors.ERR_RULE, field="rule")


def parse(*, budget: str, line: str, rule: str) -> tuple[int, int, str]:
    """(budget kuruş, line kuruş, rule) from the form's text, or a RefahError naming the field."""
    checked = []
    for text, field, message in ((budget, "budget", errors.ERR_BUDGET), (line, "line", errors.ERR_LINE)):
        try:
            kurus = tl_to_kurus(str(text or "").strip().replace(",", "."))
        except (ValueError, TypeError):
            raise RefahError(message, field=field) from None
        if kurus <= 0:
            raise RefahError(message, field=field)
        checked.append(kurus)
    if rule not in RULES:
        raise RefahError(errors.ERR_RULE, field="rule")
    return checked[0], checked[1], rule


def household_frame(*, user, scope, day: dt.date) -> tuple[pl.DataFrame, str]:
    """household_id, district_id, consumption_pae_kurus, ae_milli of the list's households; and the source of c."""
    listed = likely_frame(user=user, scope=scope, day=day)
    schema = {
        "household_id": pl.String,
        "district_id": pl.Int64,
        "consumption_pae_kurus": pl.Int64,
        "ae_milli": pl.Int64,
    }
    if listed.is_empty():
        return pl.DataFrame(schema=schema), "income"
    frames = registry_read(day=day, household_ids=listed["household_id"].to_list())
    born = pl.col("birth_date").str.to_date()
    age = pl.lit(day.year) - born.dt.year() - ((day.month * 100 + day.day) < born.dt.month() * 100 + born.dt.day())
    sizes = (
        frames.persons.with_columns(age.alias("age"))
        .group_by("household_id")
        .agg((pl.col("age") >= ADULT_AGE).sum().alias("adults"), (pl.col("age") < ADULT_AGE).sum().alias("children"))
        .with_columns(
            (1000 + 500 * (pl.max_horizontal(pl.col("adults"), 1) - 1) + 300 * pl.col("children"))
            .cast(pl.Int64)
            .alias("ae_milli")
        )
    )
    income = frames.incomes.group_by("household_key").agg(pl.col("monthly_kurus").sum().alias("income"))
    income = frames.households.select("household_id", "household_key").join(income, on="household_key", how="left")
    frame = (
        listed.select("household_id", "district_id")
        .join(sizes, on="household_id")
        .join(income.select("household_id", pl.col("income").fill_null(0)), on="household_id", how="left")
    )
    frame = frame.with_columns(
        (pl.col("income").fill_null(0) * 1000 // pl.col("ae_milli")).alias("consumption_pae_kurus")
    )
    source = "income"
    model = model_frame(user=user, district_ids=scope.district_ids)
    if model is not None and model.height:
        frame = frame.join(
            model.select("household_id", pl.col("consumption_pae_kurus").alias("predicted")), on="household_id",
            how="left",
        ).with_columns(pl.coalesce("predicted", "consumption_pae_kurus").alias("consumption_pae_kurus"))  # fmt: skip
        source = "model"
    return frame.select(list(schema)), source


def whatif(*, user, budget: str, line: str, rule: str, district_id=None, day: dt.date | None = None, lang="tr") -> dict:
    """The aggregates per district (and in all) of sharing the budget under the rule; small counts suppressed."""
    require(user, VIEW_OUTREACH)
    budget_kurus, line_kurus, rule = parse(budget=budget, line=line, rule=rule)
    day = day or dt.date.today()
    scope = scope_for(user=user, district_id=district_id)
    frame, source = household_frame(user=user, scope=scope, day=day)
    c = frame["consumption_pae_kurus"].to_numpy()
    g = gaps(c, frame["ae_milli"].to_numpy(), line_kurus)
    aid = share(g, c, budget_kurus, rule)
    result = frame.select("district_id").with_columns(
        pl.Series("gap", g), pl.Series("aid", aid), pl.Series("poor", g > 0), pl.Series("reached", aid > 0)
    )
    per = result.group_by("district_id").agg(
        pl.len().alias("households"), pl.col("poor").sum().alias("poor"), pl.col("reached").sum().alias("reached"),
        pl.col("gap").sum().alias("gap"), pl.col("aid").sum().alias("aid"),
    )  # fmt: skip
    found = {r["district_id"]: r for r in per.iter_rows(named=True)}
    districts = sorted(District.objects.filter(pk__in=scope.district_ids), key=lambda d: d.name)
    cells = {(d.pk, m): int(found.get(d.pk, {}).get(m) or 0) for d in districts for m in ("households", "reached")}
    for m in ("households", "reached"):
        cells[("all", m)] = sum(cells[(d.pk, m)] for d in districts)
    groups = [Group(("all", m), tuple((d.pk, m) for d in districts)) for m in ("households", "reached")]
    hidden = suppress(cells, groups)

    def row(name, key, gap, paid):
        shown = key not in {k for k, _m in hidden}
        return {
            "name": name,
            "households": cells[(key, "households")] if (key, "households") not in hidden else None,
            "reached": cells[(key, "reached")] if (key, "reached") not in hidden else None,
            "gap": format_tl(gap, lang) if shown else None,
            "cost": format_tl(paid, lang) if shown else None,
            "closed": (round(Decimal(100 * paid) / gap, 1) if gap else None) if shown else None,
        }

    rows = [row(d.name, d.pk, int(found.get(d.pk, {}).get("gap") or 0), int(found.get(d.pk, {}).get("aid") or 0))
            for d in districts]  # fmt: skip
    total = row("", "all", int(g.sum()), int(aid.sum()))
    unspent = format_tl(budget_kurus - int(aid.sum()), lang) if total["cost"] is not None else None
    return {
        "rows": rows, "total": total, "source": source, "budget": format_tl(budget_kurus, lang),
        "line": format_tl(line_kurus, lang), "rule": rule, "unspent": unspent,
    }  # fmt: skip
