"""The booklet's tables: districts × figures or kinds, built from grouped counts and suppressed with suppression.py
(the districts and the province total as the groups), and the set-wise query helpers the sections share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from refah.geo.models import District, Province
from refah.payments.enums import EntitlementStatus, LineStatus
from refah.payments.models import Entitlement, PaymentLine
from refah.reports.suppression import ALL, suppress_cube

PAID = (EntitlementStatus.PAID, EntitlementStatus.DELIVERED)
MONEY = "TRY"


@dataclass
class Table:
    """A table of the booklet: rows are the districts and the province (ALL), columns the kinds (with ALL when
    `total_column`); `cells[(row, column)]` a count or None (hidden), `amounts` kuruş or None, alike."""

    key: str
    title: str
    columns: list[tuple[object, str]]
    rows: list[tuple[object, str]]
    cells: dict[tuple, int | None]
    amounts: dict[tuple, int | None] | None = None
    total_column: bool = False
    note: str = ""
    count_label: str = ""  # what a count is beside its amount ("households" when empty)

    def value(self, row=ALL, column=ALL) -> int | None:
        return self.cells.get((row, column))

    def amount(self, row=ALL, column=ALL) -> int | None:
        return None if self.amounts is None else self.amounts.get((row, column))

    @property
    def has_hidden(self) -> bool:
        return any(v is None for v in self.cells.values())


@dataclass
class Section:
    key: str
    title: str
    text: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value) public facts, not suppressed
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Booklet:
    province: Province
    year: int
    districts: list[District]
    sections: list[Section]
    map_values: dict[str, float | None]  # district P-code → households helped per 1,000 registered households
    data_until: dt.date  # the last day of the year, or the day the figures were computed if the year is not over


# ------------------------------------------------------------------------------------------------ building tables


def district_rows(districts: list[District]) -> list[tuple[object, str]]:
    return [(d.pk, d.name) for d in districts] + [(ALL, str(_("Province total")))]


def district_series(
    key: str,
    title,
    districts: list[District],
    series: Mapping[str, tuple[object, Mapping[int, int]]],
    *,
    amounts: Mapping[str, Mapping[int, int]] | None = None,
    note: str = "",
) -> Table:
    """A table of independent figures (columns) per district, each suppressed on its own over the districts and
    the province total; `amounts` (kuruş per district) follow their column's count."""
    cells, money = {}, {} if amounts is not None else None
    for code, (_label, counts) in series.items():
        records = [{"district": d.pk, "count": int(counts.get(d.pk, 0) or 0)} for d in districts]
        measures = []
        if amounts is not None and code in amounts:
            for record in records:
                record["amount"] = int(amounts[code].get(record["district"], 0) or 0)
            measures = ["amount"]
        for row in suppress_cube(records, ["district"], measures=measures):
            cells[(row["district"], code)] = row["count"]
            if money is not None and measures:
                money[(row["district"], code)] = row["amount"]
    columns = [(code, str(label)) for code, (label, _counts) in series.items()]
    return Table(key, str(title), columns, district_rows(districts), cells, money, note=note)


def district_by_kind(
    key: str,
    title,
    districts: list[District],
    kinds: Iterable[tuple[object, object]],
    counts: Mapping[tuple[int, object], int],
    *,
    amounts: Mapping[tuple[int, object], int] | None = None,
    total_column: bool = True,
    note: str = "",
) -> Table:
    """A district × kind table with all margins, suppressed as one cube (no cell derivable from the others)."""
    kinds = [(code, str(label)) for code, label in kinds]
    records = []
    for d in districts:
        for code, _label in kinds:
            record = {"district": d.pk, "kind": code, "count": int(counts.get((d.pk, code), 0) or 0)}
            if amounts is not None:
                record["amount"] = int(amounts.get((d.pk, code), 0) or 0)
            records.append(record)
    measures = ["amount"] if amounts is not None else []
    cells, money = {}, {} if amounts is not None else None
    for row in suppress_cube(records, ["district", "kind"], measures=measures):
        cells[(row["district"], row["kind"])] = row["count"]
        if money is not None:
            money[(row["district"], row["kind"])] = row["amount"]
    columns = kinds + ([(ALL, str(_("Total")))] if total_column else [])
    return Table(key, str(title), columns, district_rows(districts), cells, money, total_column, note)


def by_district(qs, district_field: str, *, distinct: str | None = None) -> dict[int, int]:
    counter = Count(distinct, distinct=True) if distinct else Count("pk")
    return {row[district_field]: row["n"] for row in qs.values(district_field).annotate(n=counter).order_by()}


def by_district_kind(qs, district_field: str, kind_field: str, *, distinct: str | None = None) -> dict:
    counter = Count(distinct, distinct=True) if distinct else Count("pk")
    rows = qs.values(district_field, kind_field).annotate(n=counter).order_by()
    return {(row[district_field], row[kind_field]): row["n"] for row in rows}


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def active_at(end: dt.date, start_field: str, end_field: str) -> Q:
    return Q(**{f"{start_field}__lte": end}) & (Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gt": end}))


def paid_entitlements(province: Province, year: int):
    """Entitlements of the province's households for the year's months that reached the household: paid (its
    latest payment line, or the aid card's purse) or delivered in kind."""
    start, end = year_bounds(year)
    latest = PaymentLine.objects.filter(entitlement=OuterRef("pk")).order_by("-id").values("status")[:1]
    state = Case(
        When(latest_line=LineStatus.PENDING, then=Value(EntitlementStatus.BATCHED.value)),
        When(latest_line__isnull=False, then=F("latest_line")),
        default=F("status"),
        output_field=CharField(),
    )  # the entitlement's payment state as Entitlement.objects.with_payment_status() gives it, as a filter only
    return (
        Entitlement.objects.filter(household__province=province, period_start__gte=start, period_start__lte=end)
        .alias(latest_line=Subquery(latest))
        .alias(payment_state=state)
        .filter(payment_state__in=PAID)
    )


def fmt_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@dataclass
class PaidAid:
    """The year's paid aid of a province, read once in three grouped queries and shared by the sections: households
    and amount per (district, program, unit), households helped per district, women recipients per district."""

    households: dict[tuple[int, str, str], int]
    amounts: dict[tuple[int, str, str], int]
    helped: dict[int, int]
    women: dict[int, int]

    @classmethod
    def read(cls, province: Province, year: int) -> PaidAid:
        from refah.registry.enums import Sex

        paid = paid_entitlements(province, year)
        district = "household__district_id"
        rows = (
            paid.values(district, "program", "unit")
            .annotate(n=Count("household_id", distinct=True), amount=Sum("amount_kurus"))
            .order_by()
        )
        households, amounts = {}, {}
        for row in rows:
            key = (row[district], row["program"], row["unit"])
            households[key], amounts[key] = row["n"], int(row["amount"] or 0)
        helped = by_district(paid, district, distinct="household_id")
        women = by_district(paid.filter(recipient__sex=Sex.FEMALE), district, distinct="recipient_id")
        return cls(households, amounts, helped, women)

    def program(self, code: str, unit: str = MONEY) -> tuple[dict[int, int], dict[int, int]]:
        """Households paid and amount per district of one program."""
        keys = [key for key in self.households if key[1] == code and key[2] == unit]
        return {key[0]: self.households[key] for key in keys}, {key[0]: self.amounts[key] for key in keys}

    def money_programs(self) -> list[str]:
        return sorted({key[1] for key in self.households if key[2] == MONEY})
