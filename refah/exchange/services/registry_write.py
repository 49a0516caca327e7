"""Registered facts into the registry, through the registry's services, with the institution as `source`: SGK's
status on the person and its earnings and pension as incomes, İŞKUR's benefit and GİB's business income as incomes,
EGM's vehicles and TKGM's parcels as assets, e-Okul's absence days as attendance, check-ups on the person, NVİ's
father's and mother's names on the person.

Declared rows are never touched. An institution's own open income of the same kind is ended when the new answer
differs; its registered assets (vehicles, parcels) are what it shows now: a row it no longer shows, or shows with
another value, is disposed of on the answer's date and the new one recorded, so only the current ones count.

`plan()` decides what to write, for one household or thousands; the household refresh writes the plan through the
registry's services (each audited), the bulk refresh in bulk statements (one audit event per chunk): both store the
same rows."""

import dataclasses
import datetime as dt

from refah.exchange.services import pg
from refah.exchange.services.compare import Declared
from refah.registry import enums, services
from refah.registry.models import Asset, IncomeSource, Person

INCOMES = {  # fact → (income kind, period)
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
ASSET_SOURCES = {"egm", "tapu"}
PERSON_FACTS = {  # fact → (person field, the same in `Declared`, the value from the fact's text)
    "sgk.status": ("social_security", "social_security", lambda text: text),
    "health.checkups": ("child_checkups_done", "checkups", lambda text: text == "yes"),
    "nvi.father_name": ("father_name", "father_name", lambda text: text),
    "nvi.mother_name": ("mother_name", "mother_name", lambda text: text),
}


@dataclasses.dataclass
class Plan:
    """What one or more answers change in the registry."""

    incomes: list = dataclasses.field(default_factory=list)  # (person id, kind, amount, period, start, source, note)
    incomes_ended: list = dataclasses.field(default_factory=list)  # (income id, end date)
    assets: list = dataclasses.field(default_factory=list)  # (household id, owner id, kind, value, text, source)
    assets_disposed: list = dataclasses.field(default_factory=list)  # (asset id, disposed on)
    attendance: list = dataclasses.field(default_factory=list)  # (person id, month, absence days)
    persons: list = dataclasses.field(default_factory=list)  # (person id, field, value)


_INCOME_COLUMNS = ("id", "person_id", "kind", "source", "amount_kurus", "period", "start_date")
_ASSET_COLUMNS = ("id", "owner_id", "kind", "source", "value_kurus", "description", "acquired_on")


def _current(declared: dict[str, Declared], sources) -> tuple[dict, dict]:
    """The institutions' open incomes by (person, kind, source) and held assets by (owner, source), of the persons
    of `declared`."""
    pids = [d.person_id for d in declared.values()]
    wanted = [s for s in sources if s in ASSET_SOURCES]
    if pg.postgresql():
        params = {"ids": pids, "sources": list(sources), "assets": wanted}
        income_rows = pg.rows(
            f"SELECT {', '.join(_INCOME_COLUMNS)} FROM registry_incomesource"
            " WHERE person_id = ANY(%(ids)s) AND end_date IS NULL AND source = ANY(%(sources)s)",
            params,
        )
        asset_rows = pg.rows(
            f"SELECT {', '.join(_ASSET_COLUMNS)} FROM registry_asset"
            " WHERE owner_id = ANY(%(ids)s) AND disposed_on IS NULL AND source = ANY(%(assets)s)",
            params,
        )
    else:
        income_rows = IncomeSource.objects.filter(
            person_id__in=pids, end_date__isnull=True, source__in=list(sources)
        ).values_list(*_INCOME_COLUMNS)
        asset_rows = Asset.objects.filter(owner_id__in=pids, disposed_on__isnull=True, source__in=wanted).values_list(
            *_ASSET_COLUMNS
        )
    incomes: dict = {}
    for row in income_rows:
        incomes.setdefault((row[1], row[2], row[3]), []).append(dict(zip(_INCOME_COLUMNS, row, strict=True)))
    assets: dict = {}
    for row in asset_rows:
        assets.setdefault((row[1], row[3]), []).append(dict(zip(_ASSET_COLUMNS, row, strict=True)))
    return incomes, assets


def plan(answers: dict, declared: dict[str, Declared]) -> Plan:
    """What the answers (source → (facts, as_of, the TCs answered)) change in the registry of the persons of
    `declared` (by TC)."""
    incomes, assets = _current(declared, answers)
    out = Plan()
    for source, (facts, as_of, answered) in answers.items():
        shown: dict = {}
        for tc, fact, kurus, text in facts:
            d = declared[tc]
            if fact in INCOMES:
                held = incomes.get((d.person_id, INCOMES[fact][0], source), [])
                _income(out, held, d, source, fact, kurus, text, as_of)
            elif fact in ASSETS:
                shown.setdefault(d.person_id, []).append((ASSETS[fact], kurus or 0, text))
            elif fact == "meb.absence":
                out.attendance.append((d.person_id, dt.date.fromisoformat(f"{text}-01"), min(kurus, 31)))
            elif fact in PERSON_FACTS:
                field, held, convert = PERSON_FACTS[fact]
                value = convert(text)
                if value != getattr(d, held) and (value or not fact.startswith("nvi.")):  # NVİ's blank: kept
                    out.persons.append((d.person_id, field, value))
        if source in ASSET_SOURCES:
            for tc in answered:
                d = declared[tc]
                _assets(out, assets.get((d.person_id, source), []), shown.get(d.person_id, []), d, source, as_of)
    return out


def _income(out: Plan, open_rows, d: Declared, source, fact, kurus, text, as_of) -> None:
    kind, period = INCOMES[fact]
    amount = kurus or 0
    if any(row["amount_kurus"] == amount and row["period"] == period for row in open_rows):
        return
    out.incomes_ended.extend((row["id"], max(as_of, row["start_date"])) for row in open_rows)
    if amount:
        out.incomes.append((d.person_id, kind, amount, period, as_of, source, text[:200]))


def _assets(out: Plan, held, shown, d: Declared, source, as_of) -> None:
    """The institution's assets of one person: kept where shown alike, disposed of where not, added where new."""
    waiting = list(shown)
    for row in held:
        same = (row["kind"], row["value_kurus"], row["description"])
        if same in waiting:
            waiting.remove(same)
        else:
            out.assets_disposed.append((row["id"], max(as_of, row["acquired_on"] or as_of)))
    for kind, value, text in waiting:
        out.assets.append((d.household_id, d.person_id, kind, value, text, source))


def plan_write(*, actor, household, plan: Plan) -> None:
    """Write one household's plan through the registry's services (each write checked and audited)."""
    persons = {p.pk: p for p in Person.objects.filter(pk__in={row[0] for row in plan.incomes + plan.attendance})}
    for income_id, end in plan.incomes_ended:
        services.income_end(actor=actor, income=IncomeSource.objects.get(pk=income_id), end_date=end)
    for pid, kind, amount, period, start, source, note in plan.incomes:
        services.income_record(
            actor=actor,
            person=persons[pid],
            kind=kind,
            amount_kurus=amount,
            period=period,
            start_date=start,
            source=source,
            note=note,
        )
    for asset_id, day in plan.assets_disposed:
        services.asset_dispose(actor=actor, asset=Asset.objects.get(pk=asset_id), disposed_on=day)
    for _household_id, owner_id, kind, value, text, source in plan.assets:
        services.asset_record(
            actor=actor,
            household=household,
            kind=kind,
            value_kurus=value,
            description=text,
            owner=Person.objects.get(pk=owner_id),
            source=source,
        )
    for pid, month, days in plan.attendance:
        services.attendance_record(actor=actor, person=persons[pid], month=month, absence_days=days)
    changes: dict = {}
    for pid, field, value in plan.persons:
        changes.setdefault(pid, {})[field] = value
    for pid, data in changes.items():
        services.person_update(actor=actor, person=Person.objects.get(pk=pid), data=data)
