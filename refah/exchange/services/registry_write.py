"""Registered facts into the registry, through the registry's services, with the institution as `source`: SGK's
status on the person and its earnings and pension as incomes, İŞKUR's benefit and GİB's business income as incomes,
EGM's vehicles and TKGM's parcels as assets, e-Okul's absence days as attendance, check-ups on the person.

Declared rows are never touched: an institution's own earlier row of the same kind is ended (incomes) when the new
answer differs, and a registered asset already on record (same kind, source and description) is not added again."""

import datetime as dt

from refah.exchange.client import Fact
from refah.registry import enums, services
from refah.registry.models import Asset, IncomeSource, Person

INCOMES = {  # fact → (income kind, period, note)
    "sgk.earnings": (enums.IncomeKind.WAGE, enums.IncomePeriod.MONTHLY),
    "sgk.pension": (enums.IncomeKind.PENSION, enums.IncomePeriod.MONTHLY),
    "iskur.benefit": (enums.IncomeKind.OTHER_AID, enums.IncomePeriod.MONTHLY),
    "gib.business": (enums.IncomeKind.SELF_EMPLOYMENT, enums.IncomePeriod.YEARLY),
}
ASSETS = {
    "egm.vehicle": enums.AssetKind.VEHICLE,
    "tapu.land": enums.AssetKind.LAND,
    "tapu.real_estate": enums.AssetKind.REAL_ESTATE,
}


def facts_write(
    *, actor, household, source: str, facts: list[Fact], persons: dict[str, Person], as_of: dt.date
) -> None:
    """Write one source's facts of a household's members (inside the caller's transaction)."""
    for f in facts:
        person = persons[f.tc]
        if f.fact in INCOMES:
            _income(actor, person, source, f, as_of)
        elif f.fact in ASSETS:
            _asset(actor, household, person, source, f)
        elif f.fact == "meb.absence":
            month = dt.date.fromisoformat(f"{f.value_text}-01")
            services.attendance_record(actor=actor, person=person, month=month, absence_days=min(f.value_kurus, 31))
        elif f.fact == "sgk.status" and person.social_security != f.value_text:
            services.person_update(actor=actor, person=person, data={"social_security": f.value_text})
        elif f.fact == "health.checkups" and person.child_checkups_done != (f.value_text == "yes"):
            services.person_update(actor=actor, person=person, data={"child_checkups_done": f.value_text == "yes"})


def _income(actor, person: Person, source: str, f: Fact, as_of: dt.date) -> None:
    kind, period = INCOMES[f.fact]
    amount = f.value_kurus or 0
    open_rows = list(IncomeSource.objects.filter(person=person, kind=kind, source=source, end_date__isnull=True))
    if any(row.amount_kurus == amount and row.period == period for row in open_rows):
        return
    for row in open_rows:
        services.income_end(actor=actor, income=row, end_date=max(as_of, row.start_date))
    if amount:
        services.income_record(
            actor=actor,
            person=person,
            kind=kind,
            amount_kurus=amount,
            period=period,
            start_date=as_of,
            source=source,
            note=f.value_text[:200],
        )


def _asset(actor, household, person: Person, source: str, f: Fact) -> None:
    kind = ASSETS[f.fact]
    if Asset.objects.filter(household=household, kind=kind, source=source, description=f.value_text).exists():
        return
    services.asset_record(
        actor=actor,
        household=household,
        kind=kind,
        value_kurus=f.value_kurus or 0,
        description=f.value_text,
        owner=person,
        source=source,
    )
