"""Test helpers: synthetic registry batches and the screener dict of one synthetic household."""

from functools import cache
from typing import Any

import pyarrow as pa

from refah.eligibility.entities import batch_from_arrow
from refah.synth.generate import generate

HOUSEHOLD_FIELDS = {"dwelling_type": "dwelling_type", "tenure": "tenure", "heating": "heating", "rooms": "rooms"}
MEMBER_FIELDS = (
    "role",
    "birth_date",
    "sex",
    "marital_status",
    "employment_status",
    "social_security",
    "disability_percent",
    "dependency",
    "chronic_illness",
    "pregnant",
    "school_level",
    "absence_days",
    "sed_risk",
    "in_state_care",
    "orphan",
    "spouse_deceased",
    "child_checkups_done",
)


@cache
def synthetic(households: int = 3000, seed: int = 11) -> dict[str, pa.Table]:
    tables: dict[str, list[pa.Table]] = {"households": [], "persons": [], "incomes": [], "assets": []}
    for batch in generate(provinces=[76], households=households, seed=seed):
        for name in tables:
            tables[name].append(getattr(batch, name))
    return {name: pa.concat_tables(parts) for name, parts in tables.items()}


def synthetic_batch(households: int = 3000):
    t = synthetic(households)
    return batch_from_arrow(t["households"], t["persons"], t["incomes"], t["assets"])


def household_dict(tables: dict[str, pa.Table], key: int) -> dict[str, Any]:
    """One synthetic household as the screener's JSON (money as strings in TL)."""
    hh = tables["households"].filter(pa.compute.equal(tables["households"]["household_key"], key)).to_pylist()[0]
    persons = tables["persons"].filter(pa.compute.equal(tables["persons"]["household_key"], key)).to_pylist()
    incomes = tables["incomes"].filter(pa.compute.equal(tables["incomes"]["household_key"], key)).to_pylist()
    assets = tables["assets"].filter(pa.compute.equal(tables["assets"]["household_key"], key)).to_pylist()
    members = []
    for person in persons:
        kurus = sum(
            i["monthly_kurus"] for i in incomes if i["person_key"] == person["person_key"] and i["kind"] != "other_aid"
        )
        member = {name: person[name] for name in MEMBER_FIELDS}
        member["birth_date"] = person["birth_date"].isoformat()
        member["monthly_income"] = f"{kurus / 100:.2f}"
        members.append(member)
    return {
        "il": hh["province_plate"],
        "ilce": hh["district_pcode"],
        "rural": hh["is_rural"],
        "monthly_rent": f"{hh['monthly_rent_kurus'] / 100:.2f}",
        **{key_: hh[field] for key_, field in HOUSEHOLD_FIELDS.items()},
        "assets": [{"kind": a["kind"], "value": f"{a['value_kurus'] / 100:.2f}"} for a in assets],
        "members": members,
    }
