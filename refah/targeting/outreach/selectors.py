"""Outreach (take-up): households the data says are likely eligible but that have not applied, per district.

"Likely eligible": the rules' stored determinations (`eligibility run`) eligible in the latest month on or before
the day, for the program asked (any program when none), and — when the model app (refah.targeting) has a scoring
run — the households on the model's list. "Applied": an application for that program (any program when none)
received within the window (WINDOW_DAYS before the day). Take-up = applied / likely eligible.

Everything is read set-wise (two or three queries into Polars frames, no loop per household). The counts are an
aggregate table: small cells are suppressed (refah.common.suppression, with the province's total and the
"likely = applied + not applied" identity as groups, so no hidden cell can be derived). The call list (names,
addresses, phones) is a record screen: permission VIEW_CALLLIST, within the user's jurisdiction, and every open of
it is written to the access log.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

import polars as pl
from django.db.models import Max

from refah.accounts.selectors import jurisdiction_scope
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.cases.models import ApplicationProgram
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.common.suppression import Group, suppress
from refah.eligibility.models import Determination
from refah.geo.models import District
from refah.registry.enums import Role
from refah.registry.models import Household, Membership
from refah.targeting.anomalies.roles import VIEW_CALLLIST, VIEW_OUTREACH
from refah.targeting.outreach import errors

WINDOW_DAYS = 365
PAGE = 50
RULES, MODEL = "rules", "model"


@dataclass(frozen=True)
class Scope:
    district_ids: list[int]  # the districts read (the user's jurisdiction, or the one district asked)
    district: District | None  # the one district asked for, if any


def require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def scope_for(*, user, district_id=None) -> Scope:
    """The districts the user may see (all of them, or the one asked for); another district is not found."""
    found = jurisdiction_scope(user)
    if found is None:
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    kind, ids = found
    districts = District.objects.all()
    if kind == "district":
        districts = districts.filter(pk__in=ids)
    elif kind == "province":
        districts = districts.filter(province_id__in=ids)
    allowed = list(districts.values_list("pk", flat=True))
    if district_id not in (None, ""):
        try:
            pk = int(district_id)
        except (TypeError, ValueError):
            raise NotFoundError(errors.ERR_DISTRICT, field="district") from None
        if pk not in allowed:
            raise NotFoundError(errors.ERR_DISTRICT, field="district")
        return Scope([pk], District.objects.select_related("province").get(pk=pk))
    return Scope(allowed, None)


def district_choices(*, user) -> list[District]:
    ids = scope_for(user=user).district_ids
    return list(District.objects.filter(pk__in=ids).select_related("province").order_by("province__name", "name"))


def latest_period(day: dt.date) -> dt.date | None:
    return Determination.objects.filter(period__lte=day).aggregate(p=Max("period"))["p"]


def model_frame(*, user, district_ids: list[int]) -> pl.DataFrame | None:
    """The model's latest scoring run as household_id (hex), consumption_pae_kurus, in_list — or None when the
    model app is not installed or has no scoring run. Read through its own permission-checked selector."""
    try:
        targeting = importlib.import_module("refah.targeting.selectors")
    except ImportError:
        return None
    try:
        rows = list(targeting.scores_for(user=user, district_ids=district_ids))
    except Exception:  # noqa: BLE001 — no run, or the model app's own refusal: the rules alone stand
        return None
    if not rows:
        return None

    def get(row, name, default=None):
        return row.get(name, default) if isinstance(row, dict) else getattr(row, name, default)

    data = {
        "household_id": [str(get(r, "household_id")).replace("-", "") for r in rows],
        "consumption_pae_kurus": [
            int(v) if (v := get(r, "predicted_ae_kurus", get(r, "consumption_pae_kurus"))) is not None else None
            for r in rows
        ],
        "in_list": [bool(get(r, "in_list", False)) for r in rows],
    }
    return pl.DataFrame(
        data, schema={"household_id": pl.String, "consumption_pae_kurus": pl.Int64, "in_list": pl.Boolean}
    )


def likely_frame(*, user, scope: Scope, day: dt.date, program: str = "") -> pl.DataFrame:
    """household_id (hex), district_id, source ("rules", "model" or both), applied — one row per likely eligible
    household of the scope."""
    schema = {"household_id": pl.String, "district_id": pl.Int64, "source": pl.String, "applied": pl.Boolean}
    period = latest_period(day)
    rules = pl.DataFrame(schema={"household_id": pl.String, "district_id": pl.Int64})
    if period is not None:
        found = Determination.objects.filter(
            period=period, eligible=True, household__district_id__in=scope.district_ids
        )
        if program:
            found = found.filter(program=program)
        rows = found.values_list("household_id", "household__district_id").distinct()
        rules = pl.DataFrame([(pk.hex, district) for pk, district in rows], schema=rules.schema, orient="row").unique(
            "household_id"
        )
    frame = rules.with_columns(pl.lit(RULES).alias("source"))
    model = model_frame(user=user, district_ids=scope.district_ids)
    if model is not None and model.height:
        listed = model.filter(pl.col("in_list")).select("household_id")
        new = listed.filter(~pl.col("household_id").is_in(frame["household_id"].implode()))
        if new.height:
            districts = Household.objects.filter(pk__in=new["household_id"].to_list()).values_list("pk", "district_id")
            located = pl.DataFrame(
                [(pk.hex, d) for pk, d in districts], schema={"household_id": pl.String, "district_id": pl.Int64},
                orient="row",
            )  # fmt: skip
            frame = pl.concat([frame, located.with_columns(pl.lit(MODEL).alias("source"))])
        both = pl.col("household_id").is_in(listed["household_id"].implode()) & (pl.col("source") == RULES)
        frame = frame.with_columns(pl.when(both).then(pl.lit("both")).otherwise(pl.col("source")).alias("source"))
    if frame.is_empty():
        return pl.DataFrame(schema=schema)
    since = day - dt.timedelta(days=WINDOW_DAYS)
    applied = ApplicationProgram.objects.filter(
        household_id__in=frame["household_id"].to_list(),
        application__created_at__date__gte=since,
        application__created_at__date__lte=day,
    )
    if program:
        applied = applied.filter(program=program)
    applied_ids = pl.Series(
        [pk.hex for pk in applied.values_list("household_id", flat=True).distinct()], dtype=pl.String
    )
    return frame.with_columns(pl.col("household_id").is_in(applied_ids.implode()).alias("applied")).select(list(schema))


def counts(*, user, district_id=None, day: dt.date | None = None, program: str = "") -> dict:
    """Per district of the scope: likely eligible, applied, not applied, take-up % — small cells suppressed."""
    require(user, VIEW_OUTREACH)
    day = day or dt.date.today()
    scope = scope_for(user=user, district_id=district_id)
    frame = likely_frame(user=user, scope=scope, day=day, program=program)
    per = frame.group_by("district_id").agg(pl.len().alias("likely"), pl.col("applied").sum().alias("applied"))
    numbers = {row["district_id"]: (row["likely"], row["applied"]) for row in per.iter_rows(named=True)}
    districts = District.objects.filter(pk__in=scope.district_ids).select_related("province")
    districts = sorted(districts, key=lambda d: (d.province.name, d.name))
    cells: dict = {}
    groups = []
    by_province: dict[int, list] = {}
    for d in districts:
        likely, applied = numbers.get(d.pk, (0, 0))
        cells[(d.pk, "likely")], cells[(d.pk, "applied")], cells[(d.pk, "not")] = likely, applied, likely - applied
        groups.append(Group((d.pk, "likely"), ((d.pk, "applied"), (d.pk, "not"))))
        by_province.setdefault(d.province_id, []).append(d.pk)
    for province, members in by_province.items():
        for measure in ("likely", "applied", "not"):
            cells[(f"p{province}", measure)] = sum(cells[(m, measure)] for m in members)
            groups.append(Group((f"p{province}", measure), tuple((m, measure) for m in members)))
    hidden = suppress(cells, groups)

    def row(name, key):
        shown = {m: (None if (key, m) in hidden else cells[(key, m)]) for m in ("likely", "applied", "not")}
        rate = None
        if shown["likely"] and shown["applied"] is not None:
            rate = round(100 * shown["applied"] / shown["likely"], 1)
        return {"name": name, "key": key, **shown, "rate": rate}

    rows = [row(d.name, d.pk) | {"district": d} for d in districts]
    totals = [row(f"{districts_of[0].province.name}", f"p{p}") for p, districts_of in _provinces(districts).items()]
    return {"rows": rows, "totals": totals, "scope": scope, "period": latest_period(day), "day": day}


def _provinces(districts) -> dict:
    found: dict = {}
    for d in districts:
        found.setdefault(d.province_id, []).append(d)
    return found


def call_list(
    *,
    user,
    district_id=None,
    day: dt.date | None = None,
    program: str = "",
    page: int = 1,
    export: bool = False,
    channel: str | None = None,
) -> tuple[list[dict], int]:
    """The not-applied likely eligible households of the scope with the reference person's name, the address and
    the phone (a page, or all of them for the export), heaviest need first; the open is access-logged."""
    require(user, VIEW_CALLLIST)
    day = day or dt.date.today()
    scope = scope_for(user=user, district_id=district_id)
    frame = likely_frame(user=user, scope=scope, day=day, program=program).filter(~pl.col("applied"))
    total = frame.height
    frame = frame.sort("district_id", "household_id")
    if not export:
        frame = frame.slice((page - 1) * PAGE, PAGE)
    ids = frame["household_id"].to_list()
    source = dict(zip(ids, frame["source"].to_list(), strict=True))
    households = Household.objects.filter(pk__in=ids).select_related("district", "neighbourhood")
    heads = {
        m.household_id.hex: m.person
        for m in Membership.objects.filter(household_id__in=ids, role=Role.REFERENCE, left_on__isnull=True)
        .select_related("person")
    }  # fmt: skip
    rows = []
    for h in sorted(households, key=lambda h: (h.district.name, h.reference_code)):
        head = heads.get(h.pk.hex)
        rows.append({
            "household": h, "reference_code": h.reference_code, "district": h.district.name,
            "name": f"{head.first_name} {head.last_name}" if head else "",
            "address": f"{h.neighbourhood.name}, {h.address_line}".strip(", "),
            "phone": h.phone or (head.phone if head else ""), "source": source[h.pk.hex],
        })  # fmt: skip
    access_record(
        actor=user, purpose=AccessPurpose.CASE_WORK,
        channel=channel or (AccessChannel.EXPORT if export else AccessChannel.SCREEN),
        kind=AccessKind.HOUSEHOLD_LIST, households=[r["household"].pk for r in rows],
        district_id=scope.district.pk if scope.district else None,
    )  # fmt: skip
    return rows, total
