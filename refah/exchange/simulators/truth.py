"""What the institutions "know" about the synthetic province: the registry as `refah synth` loaded it, plus a truth
layer the household did not declare (hidden formal earnings, an undeclared car or plot, a pension, a small business,
absence days, check-ups). The layer is derived deterministically from the seed and each person's TC Kimlik No (a
keyed hash), so every run, process and test sees the same truth; TrueWelfare's informal income makes hidden formal
earnings likelier in the households that have it."""

import dataclasses
import datetime as dt
import hashlib

from refah.registry import enums
from refah.registry import selectors as registry_selectors
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


def persons_truth(tcs: list[str]) -> dict[str, PersonTruth]:
    """The persons the registry knows among `tcs`, by TC, with their household's declared assets (owner, or the
    reference person when the asset names none) and its informal income (the synthetic province's TrueWelfare)."""
    if not tcs:
        return {}
    rows, assets = registry_selectors.persons_truth(tcs=list(tcs))
    households = {row[15] for row in rows if row[15] is not None}
    informal = {
        str(household_id): kurus
        for household_id, kurus in TrueWelfare.objects.filter(household_id__in=households).values_list(
            "household_id", "informal_income_kurus"
        )
    }
    found = {row[0]: _person(row, informal.get(row[15], 0)) for row in rows}
    _attach_assets(found, assets)
    return found


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _person(row, informal: int) -> PersonTruth:
    return PersonTruth(
        tc=row[0],
        person_id=row[1],
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
        household_id=row[15],
        household_code=row[16] or "",
        district=row[17] or "",
        neighbourhood=row[18] or "",
        wage=int(row[19]),
        pension=int(row[20]),
        self_employment=int(row[21]),
        informal=int(informal),
        role=row[22] or "",
    )


def _attach_assets(found: dict[str, PersonTruth], assets: list) -> None:
    by_person = {p.person_id: p for p in found.values()}
    reference = {p.household_id: p for p in found.values() if p.role == enums.Role.REFERENCE and p.household_id}
    for household_id, owner_id, kind, value, description in assets:
        owner = by_person.get(owner_id) if owner_id else reference.get(household_id)
        if owner is not None:
            owner.assets.append((kind, int(value), description or ""))
