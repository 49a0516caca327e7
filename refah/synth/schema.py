"""Arrow schemas of the columnar registry: what `refah synth` generates, the bulk loader writes to
the database, and the eligibility engine reads. Codes are the registry's enum values. The columns the
engine reads are the declared facts (refah.registry.facts): here only their place in the table.

Four tables, each sorted by household_key:
- households: one row per household (address, dwelling, and the *true* welfare columns `true_*`,
  which the registry never sees and only accuracy/fairness measurement may read);
- persons: one row per person (identity, demographics, disability, school, social flags);
- incomes: declared incomes, monthly amounts in kuruş (what the registry sees);
- assets: vehicles, real estate, land, livestock with values in kuruş.
"""

import pyarrow as pa

from refah.registry.facts import FACTS, Fact, Kind

DICT = pa.dictionary(pa.int8(), pa.string())


def arrow_type(fact: Fact) -> pa.DataType:
    """The Arrow type of a declared fact's column (refah.registry.facts), by its kind."""
    if fact.kind in (Kind.INT, Kind.NULLABLE_INT):
        return pa.int16() if fact.arrow_bits == 16 else pa.int8()
    if fact.kind == Kind.PLACE:
        return pa.dictionary(pa.int16(), pa.string())
    types = {Kind.CODE: DICT, Kind.BOOL: pa.bool_(), Kind.NULLABLE_BOOL: pa.bool_(), Kind.MONEY: pa.int64()}
    return types[fact.kind] if fact.kind in types else pa.date32()


def _fact(name: str) -> tuple[str, pa.DataType]:
    """A declared fact's column at its place in a table: its name and type come from the declaration."""
    fact = FACTS[name]
    return fact.table_column, arrow_type(fact)


HOUSEHOLDS = pa.schema(
    [
        ("household_key", pa.int64()),  # 0..N-1, unique within a generated data set
        _fact("province_plate"),  # 76 = Iğdır
        _fact("district"),  # district_pcode: TUR076002
        ("neighbourhood", pa.dictionary(pa.int32(), pa.string())),  # "BAĞLAR MAHALLESİ"
        _fact("is_rural"),
        ("address_line", pa.string()),
        _fact("dwelling_type"),
        _fact("tenure"),
        _fact("monthly_rent"),  # monthly_rent_kurus
        _fact("heating"),
        _fact("rooms"),
        ("true_consumption_per_person_kurus", pa.int64()),  # truth: monthly consumption per person, local prices
        ("true_income_kurus", pa.int64()),  # truth: monthly household income incl. informal and hidden
        ("true_informal_income_kurus", pa.int64()),  # truth: the part of true income the registry does not see
        # truth: REAL monthly consumption per adult equivalent (OECD-modified scale), in national prices: the
        # welfare measure targeting predicts and is measured against
        ("true_consumption_ae_kurus", pa.int64()),
        ("true_private_transfers_kurus", pa.int64()),  # truth: family help and remittances received, a month
        ("true_price_index_permille", pa.int32()),  # truth: local price level (province × district), 1000 = national
    ]
)

PERSONS = pa.schema(
    [
        ("household_key", pa.int64()),
        ("person_key", pa.int64()),  # 0..M-1, unique within a data set
        _fact("role"),
        ("id_kind", DICT),  # tc | foreign | internal
        ("national_id", pa.string()),  # null for id_kind=internal; checksum-valid otherwise
        ("first_name", pa.string()),
        ("last_name", pa.string()),
        _fact("birth_date"),
        _fact("sex"),
        ("nationality", DICT),  # ISO 3166 alpha-2
        ("protection_status", DICT),
        _fact("marital_status"),
        ("education_level", DICT),
        _fact("employment_status"),
        _fact("social_security"),
        ("health_insurance", DICT),
        _fact("disability_percent"),
        _fact("dependency"),
        _fact("chronic_illness"),
        _fact("pregnant"),
        _fact("school_level"),
        ("school_grade", pa.int8()),  # null when not enrolled
        _fact("absence_days"),  # null when not enrolled
        ("deceased", pa.bool_()),  # always False for members; reserved for history
        _fact("sed_risk"),
        _fact("in_state_care"),
        _fact("orphan"),  # a parent (or both) deceased
        _fact("spouse_deceased"),  # widow(er) whose last spouse died
        _fact("child_checkups_done"),  # 0–6 year olds; null above
        ("phone", pa.string()),  # mobile "052XXXXXXXX" (an unallocated block); null for none (children)
    ]
)

INCOMES = pa.schema(
    [
        ("household_key", pa.int64()),
        ("person_key", pa.int64()),
        ("kind", DICT),  # registry.enums.IncomeKind
        ("monthly_kurus", pa.int64()),
    ]
)

ASSETS = pa.schema(
    [
        ("household_key", pa.int64()),
        ("kind", DICT),  # registry.enums.AssetKind
        ("value_kurus", pa.int64()),
        ("description", pa.string()),
    ]
)

TABLES = {"households": HOUSEHOLDS, "persons": PERSONS, "incomes": INCOMES, "assets": ASSETS}
