"""The open datasets, each defined once as data (name, description, dimensions, measures with their definitions,
source tables, update frequency, licence), and the set-wise queries that count their records.

A dataset's records are grouped rows (one SQL GROUP BY, or one query of columns grouped with Polars), never a loop
over households; cube.py adds every margin and suppresses. Paths: an area is (province P-code, district P-code), a
period (year, "YYYY-MM"), anything else a one-element tuple.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from refah.reports.opendata.cube import Relation

AREA, PERIOD, PROGRAM, SERVICE_KIND, VISIT_OUTCOME = "area", "period", "program", "service_kind", "visit_outcome"
LICENCE = {
    "code": "CC-BY-4.0",
    "name": _("Creative Commons Attribution 4.0 International"),
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
FREQUENCY = _("Daily (recomputed every night from the registry's records)")


@dataclass(frozen=True)
class Measure:
    code: str
    label: Promise
    definition: Promise
    money: str | None = None  # for an amount: the count measure it follows (hidden with it)


@dataclass(frozen=True)
class Dataset:
    code: str
    title: Promise
    description: Promise
    dims: tuple[str, ...]
    measures: tuple[Measure, ...]
    sources: tuple[str, ...]
    records: Callable[[dict], list[dict]]
    relations: tuple[Relation, ...] = ()
    notes: tuple[Promise, ...] = field(default=())

    @property
    def counts(self) -> list[str]:
        return [m.code for m in self.measures if m.money is None]

    @property
    def money(self) -> dict[str, str]:
        return {m.code: m.money for m in self.measures if m.money}


DIMENSION_LABELS = {
    AREA: _("Province and district (P-codes of the official boundaries; empty: the total)"),
    PERIOD: _("Year and month (empty month: the year's total; empty year: all years)"),
    PROGRAM: _("Aid program (code and name; empty: all programs)"),
    SERVICE_KIND: _("Kind of social service (empty: all kinds)"),
    VISIT_OUTCOME: _("Outcome of the ASDEP visit (empty: all outcomes)"),
}


# ------------------------------------------------------------------------------------------------ queries


def _month(value) -> tuple[str, str]:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return (f"{value:%Y}", f"{value:%Y-%m}")


def _area(province: str, district: str) -> tuple[str, str]:
    return (province, district)


def aid_paid_records(context: dict) -> list[dict]:
    from refah.payments.enums import EntitlementStatus
    from refah.payments.models import Entitlement

    rows = (
        Entitlement.objects.with_payment_status()
        .filter(payment_status__in=[EntitlementStatus.PAID, EntitlementStatus.DELIVERED])
        .values("household__province__pcode", "household__district__pcode", "program", "period_start")
        .annotate(
            households=Count("id"),
            amount=Coalesce(Sum("amount_kurus", filter=Q(unit="TRY")), Value(0), output_field=IntegerField()),
        )
        .order_by()
    )
    return [
        {
            AREA: _area(r["household__province__pcode"], r["household__district__pcode"]),
            PROGRAM: (r["program"],),
            PERIOD: _month(r["period_start"]),
            "households": r["households"],
            "amount_try": int(r["amount"]),
        }
        for r in rows
    ]


def applications_records(context: dict) -> list[dict]:
    """One query of the applications' columns (district, received, first decision, approved) grouped with Polars:
    the first decision is the earliest round that approved or refused a program (a round that only deferred is
    not a decision); decided within the standard when its local date is at most the first-application deadline in
    force on the day received (refah/cases/deadlines.py) after that day."""
    from refah.cases import deadlines
    from refah.cases.enums import Outcome
    from refah.cases.models import Application, ProgramDecision

    first = (
        ProgramDecision.objects.filter(application=OuterRef("pk"))
        .exclude(outcome=Outcome.DEFERRED)
        .order_by("round", "decided_at")
    )
    approved = ProgramDecision.objects.filter(
        application=OuterRef("pk"), round=OuterRef("first_round"), outcome=Outcome.APPROVED
    )
    qs = (
        Application.objects.annotate(
            first_at=Subquery(first.values("decided_at")[:1]), first_round=Subquery(first.values("round")[:1])
        )
        .annotate(approved=Exists(approved))
        .values_list("household__province__pcode", "household__district__pcode", "created_at", "first_at", "approved")
        .order_by()
    )
    data = list(zip(*qs.iterator(chunk_size=20_000), strict=False)) or [[], [], [], [], []]
    local = timezone.get_current_timezone()

    def day(values):
        return [timezone.localtime(v, local).date() if v is not None else None for v in values]

    frame = pl.DataFrame(
        {
            "province": list(data[0]),
            "district": list(data[1]),
            "received": day(data[2]),
            "decided": day(data[3]),
            "approved": list(data[4]),
        },
        schema={
            "province": pl.String,
            "district": pl.String,
            "received": pl.Date,
            "decided": pl.Date,
            "approved": pl.Boolean,
        },
    )
    standard = pl.DataFrame(
        {
            "start": list(deadlines.DEADLINE_DAYS["first_application"]),
            "days": list(deadlines.DEADLINE_DAYS["first_application"].values()),
        },
        schema={"start": pl.Date, "days": pl.Int64},
    ).sort("start")
    frame = frame.sort("received").join_asof(standard, left_on="received", right_on="start", strategy="backward")
    frame = frame.with_columns(
        within=(pl.col("decided") - pl.col("received")).dt.total_days() <= pl.col("days"),
        received_month=pl.col("received").dt.strftime("%Y-%m"),
        decided_month=pl.col("decided").dt.strftime("%Y-%m"),
    )
    received = frame.group_by("province", "district", "received_month").agg(pl.len().alias("received"))
    decided = (
        frame.filter(pl.col("decided").is_not_null())
        .group_by("province", "district", "decided_month")
        .agg(
            pl.len().alias("decided"),
            pl.col("approved").sum().alias("approved"),
            pl.col("within").sum().alias("within"),
        )
    )
    out: dict[tuple, dict] = {}

    def cell(province, district, month):
        key = (province, district, month)
        if key not in out:
            out[key] = {AREA: (province, district), PERIOD: (month[:4], month), "received": 0, "decided": 0}
            out[key].update(approved=0, refused=0, decided_within_standard=0, decided_late=0)
        return out[key]

    for province, district, month, n in received.iter_rows():
        cell(province, district, month)["received"] = n
    for province, district, month, n, n_approved, n_within in decided.iter_rows():
        row = cell(province, district, month)
        row.update(decided=n, approved=n_approved, refused=n - n_approved)
        row.update(decided_within_standard=n_within, decided_late=n - n_within)
    return list(out.values())


def social_services_records(context: dict) -> list[dict]:
    from refah.casework.enums import SEALED_KINDS, ServiceKind
    from refah.casework.models import Referral, SocialCase

    out: dict[tuple, dict] = {}

    def cell(province, district, kind, day):
        period = _month(day)
        key = (province, district, kind, period)
        if key not in out:
            out[key] = {AREA: (province, district), SERVICE_KIND: (kind,), PERIOD: period}
            out[key].update(referrals=0, shm_cases_opened=0)
        return out[key]

    referrals = (
        Referral.objects.exclude(service__kind__in=SEALED_KINDS)
        .annotate(month=TruncMonth("created_at"))
        .values("household__province__pcode", "household__district__pcode", "service__kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in referrals:
        row = cell(r["household__province__pcode"], r["household__district__pcode"], r["service__kind"], r["month"])
        row["referrals"] = r["n"]
    cases = (
        SocialCase.objects.exclude(referral__service__kind__in=SEALED_KINDS)
        .annotate(
            month=TruncMonth("opened_on"),
            kind=Coalesce("referral__service__kind", Value(ServiceKind.CASE_MANAGEMENT.value)),
        )
        .values("household__province__pcode", "household__district__pcode", "kind", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in cases:
        row = cell(r["household__province__pcode"], r["household__district__pcode"], r["kind"], r["month"])
        row["shm_cases_opened"] = r["n"]
    return list(out.values())


def asdep_visits_records(context: dict) -> list[dict]:
    from refah.asdep.models import Visit

    rows = (
        Visit.objects.filter(visited_on__isnull=False)
        .exclude(outcome="")
        .annotate(month=TruncMonth("visited_on"))
        .values("household__province__pcode", "household__district__pcode", "outcome", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        {
            AREA: _area(r["household__province__pcode"], r["household__district__pcode"]),
            VISIT_OUTCOME: (r["outcome"],),
            PERIOD: _month(r["month"]),
            "visits": r["n"],
        }
        for r in rows
    ]


def registry_households_records(context: dict) -> list[dict]:
    from refah.registry.models import Household, Membership

    current = Membership.objects.filter(household=OuterRef("pk"), left_on__isnull=True)
    rows = (
        Household.objects.filter(Exists(current))
        .values("province__pcode", "district__pcode")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [{AREA: _area(r["province__pcode"], r["district__pcode"]), "households": r["n"]} for r in rows]


def eligibility_period(today: dt.date | None = None) -> dt.date | None:
    """The month the eligible-households dataset reads: the latest month with determinations, up to this month."""
    from refah.eligibility.models import Determination

    today = today or timezone.localdate()
    return (
        Determination.objects.filter(period__lte=today.replace(day=1))
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )


def eligible_households_records(context: dict) -> list[dict]:
    from refah.eligibility.models import Determination

    period = context.get("eligibility_period")
    if period is None:
        return []
    rows = (
        Determination.objects.filter(period=period, eligible=True)
        .values("household__province__pcode", "household__district__pcode", "program")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        {
            AREA: _area(r["household__province__pcode"], r["household__district__pcode"]),
            PROGRAM: (r["program"],),
            "households": r["n"],
        }
        for r in rows
    ]


# ------------------------------------------------------------------------------------------------ the catalogue

_MARGIN_NOTE = _(
    "In a total over months or programs a household counts once per month and program it is in: the total is the "
    "sum of the cells it adds up, so that every published figure is consistent with every other."
)

DATASETS: dict[str, Dataset] = {
    d.code: d
    for d in (
        Dataset(
            code="aid_paid",
            title=_("Social assistance paid, by district, program and month"),
            description=_(
                "Households paid by each aid program for each month, and the amount paid in Turkish lira. "
                "Aid in kind (coal, food, places) counts its households; its amount in lira is 0."
            ),
            dims=(AREA, PROGRAM, PERIOD),
            measures=(
                Measure(
                    "households",
                    _("Households paid"),
                    _(
                        "Households with an entitlement for the program and month that was paid (bank, PTT, aid card) "
                        "or delivered in kind; the month is the one the aid is for."
                    ),
                ),
                Measure(
                    "amount_try",
                    _("Amount paid (TL)"),
                    _("Sum of those payments in Turkish lira, to the kuruş; hidden when the households are."),
                    money="households",
                ),
            ),
            sources=("payments_entitlement", "payments_paymentline", "registry_household"),
            records=aid_paid_records,
            notes=(_MARGIN_NOTE,),
        ),
        Dataset(
            code="applications",
            title=_("Applications and decisions, by district and month"),
            description=_(
                "Applications received each month and first decisions made each month, with how many approved and "
                "refused aid and how many were decided within the service standard."
            ),
            dims=(AREA, PERIOD),
            measures=(
                Measure("received", _("Applications received"), _("Applications received in the month.")),
                Measure(
                    "decided",
                    _("Applications decided"),
                    _(
                        "Applications whose first decision (the first committee round that approved or refused a "
                        "program; a round that only deferred is not a decision) was made in the month."
                    ),
                ),
                Measure("approved", _("Approved"), _("Of those decided: at least one program approved.")),
                Measure("refused", _("Refused"), _("Of those decided: no program approved.")),
                Measure(
                    "decided_within_standard",
                    _("Decided within the standard"),
                    _(
                        "Of those decided: the first decision came at most the standard's number of days (30 for a "
                        "first application) after the application was received."
                    ),
                ),
                Measure("decided_late", _("Decided late"), _("Of those decided: the others.")),
            ),
            sources=("cases_application", "cases_programdecision", "registry_household"),
            records=applications_records,
            relations=(
                Relation("decided", ("approved", "refused")),
                Relation("decided", ("decided_within_standard", "decided_late")),
            ),
            notes=(_("A month's decisions may concern applications received in earlier months."),),
        ),
        Dataset(
            code="social_services",
            title=_("Social service referrals and SHM cases, by district, kind of service and month"),
            description=_(
                "Referrals of households to social services, and social work cases opened by the social service "
                "centres (SHM), per kind of service. Protection from violence is never published."
            ),
            dims=(AREA, SERVICE_KIND, PERIOD),
            measures=(
                Measure("referrals", _("Referrals"), _("Referrals made in the month to a service of the kind.")),
                Measure(
                    "shm_cases_opened",
                    _("SHM cases opened"),
                    _(
                        "Social work cases opened in the month, under the kind of the referral they were opened "
                        "from (case management when opened at intake)."
                    ),
                ),
            ),
            sources=("casework_referral", "casework_service", "casework_socialcase", "registry_household"),
            records=social_services_records,
        ),
        Dataset(
            code="asdep_visits",
            title=_("ASDEP household visits, by district, outcome and month"),
            description=_("Visits of the family social support (ASDEP) teams to households, by what happened."),
            dims=(AREA, VISIT_OUTCOME, PERIOD),
            measures=(Measure("visits", _("Visits"), _("Household visits made in the month.")),),
            sources=("asdep_visit", "registry_household"),
            records=asdep_visits_records,
        ),
        Dataset(
            code="registry_households",
            title=_("Households in the social assistance registry, by district"),
            description=_("Households registered, with at least one current member, on the day of publication."),
            dims=(AREA,),
            measures=(Measure("households", _("Households"), _("Registered households with a current member.")),),
            sources=("registry_household", "registry_membership"),
            records=registry_households_records,
        ),
        Dataset(
            code="eligible_households",
            title=_("Households eligible for each program, by district"),
            description=_(
                "Households the rulebook finds eligible for each program in the latest month it was computed for."
            ),
            dims=(AREA, PROGRAM),
            measures=(
                Measure(
                    "households",
                    _("Eligible households"),
                    _("Households with an eligible determination of the program for the month named in the data."),
                ),
            ),
            sources=("eligibility_determination", "registry_household"),
            records=eligible_households_records,
            notes=(_MARGIN_NOTE,),
        ),
    )
}
