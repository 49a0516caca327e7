"""What the institutions "know" about the synthetic province: the registry as `refah synth` loaded it, plus a truth
layer the household did not declare (hidden formal earnings, an undeclared car or plot, a pension, a small business,
absence days, check-ups). The layer is derived deterministically from the seed and each person's TC Kimlik No (a
keyed hash), so every run, process and test sees the same truth; TrueWelfare's informal income makes hidden formal
earnings likelier in the households that have it."""

import dataclasses
import datetime as dt
import hashlib
import uuid

from django.db import connection

from refah.registry import enums
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, membership_current_sql
from refah.synth.models import TrueWelfare

# Rows the household (not an institution) put in the registry: what the truth starts from.
DECLARED_SOURCES = ("declared", "visit", "import", "synthetic")
NET_MINIMUM_WAGE_KURUS = 2_210_467  # 2025-01 (docs: DOMAIN.md); the scale of the simulated earnings only


@dataclasses.dataclass(slots=True)
class PersonTruth:
    tc: str
    person_id: str
    first_name: str
    last_name: str
    father_name: str
    mother_name: str
    birth_date: dt.date
    sex: str
    marital_status: str
    employment: str
    social_security: str
    school_level: str
    pregnant: bool
    checkups: bool | None
    deceased_on: dt.date | None
    household_id: str | None
    household_code: str
    district: str
    neighbourhood: str
    wage: int
    pension: int
    self_employment: int
    informal: int
    role: str
    assets: list = dataclasses.field(default_factory=list)  # (kind, value_kurus, description)


def uniform(seed: int, tc: str, what: str) -> float:
    """A number in [0, 1) fixed by the seed, the person and what it decides."""
    digest = hashlib.blake2b(f"{seed}:{what}:{tc}".encode(), digest_size=8).digest()
    return int.from_bytes(digest) / 2**64


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _income_sum(kind: str) -> str:
    declared = ", ".join(f"'{s}'" for s in DECLARED_SOURCES)
    return (
        f"(SELECT COALESCE(SUM(CASE WHEN i.period = 'monthly' THEN i.amount_kurus ELSE i.amount_kurus / 12 END), 0)"
        f" FROM {_table(IncomeSource)} i WHERE i.person_id = p.id AND i.kind = '{kind}' AND i.end_date IS NULL"
        f" AND i.source IN ({declared}))"
    )


def _persons_sql(count: int) -> str:
    marks = ", ".join(["%s"] * count)
    return (
        "SELECT p.national_id, p.id, p.first_name, p.last_name, p.father_name, p.mother_name, p.birth_date, p.sex,"
        " p.marital_status, p.employment_status, p.social_security, p.school_level, p.pregnant,"
        " p.child_checkups_done, p.deceased_on, h.id, h.reference_code, d.name, n.name,"
        f" {_income_sum('wage')}, {_income_sum('pension')}, {_income_sum('self_employment')},"
        " COALESCE(t.informal_income_kurus, 0), m.role"
        f" FROM {_table(Person)} p"
        f" LEFT JOIN {_table(Membership)} m ON m.person_id = p.id AND {membership_current_sql('m')}"
        f" LEFT JOIN {_table(Household)} h ON h.id = m.household_id"
        " LEFT JOIN geo_district d ON d.id = h.district_id LEFT JOIN geo_neighbourhood n ON n.id = h.neighbourhood_id"
        f" LEFT JOIN {_table(TrueWelfare)} t ON t.household_id = h.id"
        f" WHERE p.national_id IN ({marks})"
    )


def _assets_sql(count: int) -> str:
    marks = ", ".join(["%s"] * count)
    declared = ", ".join(f"'{s}'" for s in DECLARED_SOURCES)
    return (
        f"SELECT a.household_id, a.owner_id, a.kind, a.value_kurus, a.description FROM {_table(Asset)} a"
        f" WHERE a.household_id IN ({marks}) AND a.disposed_on IS NULL AND a.source IN ({declared})"
        " AND a.kind IN ('vehicle', 'land', 'real_estate')"
    )


def persons_truth(tcs: list[str]) -> dict[str, PersonTruth]:
    """The persons the registry knows among `tcs`, by TC, with their household's declared assets (owner, or the
    reference person when the asset names none)."""
    if not tcs:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_persons_sql(len(tcs)), list(tcs))
        rows = cursor.fetchall()
        found = {row[0]: _person(row) for row in rows}
        households = list({row[15] for row in rows if row[15] is not None})
        assets = []
        if households:
            cursor.execute(_assets_sql(len(households)), households)
            assets = cursor.fetchall()
    _attach_assets(found, assets)
    return found


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _person(row) -> PersonTruth:
    return PersonTruth(
        tc=row[0],
        person_id=str(row[1]),
        first_name=row[2],
        last_name=row[3],
        father_name=row[4] or "",
        mother_name=row[5] or "",
        birth_date=_date(row[6]),
        sex=row[7],
        marital_status=row[8],
        employment=row[9],
        social_security=row[10],
        school_level=row[11],
        pregnant=bool(row[12]),
        checkups=None if row[13] is None else bool(row[13]),
        deceased_on=_date(row[14]),
        household_id=str(row[15]) if row[15] else None,
        household_code=row[16] or "",
        district=row[17] or "",
        neighbourhood=row[18] or "",
        wage=int(row[19]),
        pension=int(row[20]),
        self_employment=int(row[21]),
        informal=int(row[22]),
        role=row[23] or "",
    )


def _key(value) -> str:
    return uuid.UUID(str(value)).hex


def _attach_assets(found: dict[str, PersonTruth], assets: list) -> None:
    by_person = {_key(p.person_id): p for p in found.values()}
    reference = {_key(p.household_id): p for p in found.values() if p.role == enums.Role.REFERENCE and p.household_id}
    for household_id, owner_id, kind, value, description in assets:
        owner = by_person.get(_key(owner_id)) if owner_id else reference.get(_key(household_id))
        if owner is not None:
            owner.assets.append((kind, int(value), description or ""))
