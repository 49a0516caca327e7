"""Arrow schemas of the columnar registry: what `refah synth` generates, the bulk loader writes to
the database, and the eligibility engine reads. Codes are the registry's enum values.

Four tables, each sorted by household_key:
- households: one row per household (address, dwelling, and the *true* welfare columns `true_*`,
  which the registry never sees and only accuracy/fairness measurement may read);
- persons: one row per person (identity, demographics, disability, school, social flags);
- incomes: declared incomes, monthly amounts in kuruş (what the registry sees);
- assets: vehicles, real estate, land, livestock with values in kuruş.
"""

import pyarrow as pa

DICT = pa.dictionary(pa.int8(), pa.string())

HOUSEHOLDS = pa.schema(
    [
        ("household_key", pa.int64()),  # 0..N-1, unique within a generated data set
        ("province_plate", pa.int16()),  # 76 = Iğdır
        ("district_pcode", pa.dictionary(pa.int16(), pa.string())),  # TUR076002
        ("neighbourhood", pa.dictionary(pa.int32(), pa.string())),  # "BAĞLAR MAHALLESİ"
        ("is_rural", pa.bool_()),
        ("address_line", pa.string()),
        ("dwelling_type", DICT),  # registry.enums.DwellingType
        ("tenure", DICT),  # registry.enums.Tenure
        ("monthly_rent_kurus", pa.int64()),
        ("heating", DICT),  # registry.enums.Heating
        ("rooms", pa.int8()),
        ("true_consumption_per_person_kurus", pa.int64()),  # truth: monthly consumption per person
        ("true_income_kurus", pa.int64()),  # truth: monthly household income incl. informal
        ("true_informal_income_kurus", pa.int64()),  # truth: the part the registry does not see
    ]
)

PERSONS = pa.schema(
    [
        ("household_key", pa.int64()),
        ("person_key", pa.int64()),  # 0..M-1, unique within a data set
        ("role", DICT),  # registry.enums.Role
        ("id_kind", DICT),  # tc | foreign | internal
        ("national_id", pa.string()),  # null for id_kind=internal; checksum-valid otherwise
        ("first_name", pa.string()),
        ("last_name", pa.string()),
        ("birth_date", pa.date32()),
        ("sex", DICT),  # F | M
        ("nationality", DICT),  # ISO 3166 alpha-2
        ("protection_status", DICT),
        ("marital_status", DICT),
        ("education_level", DICT),
        ("employment_status", DICT),
        ("social_security", DICT),  # none | active | pensioner
        ("health_insurance", DICT),
        ("disability_percent", pa.int8()),  # 0..100
        ("dependency", DICT),  # none | partial | full
        ("chronic_illness", pa.bool_()),
        ("pregnant", pa.bool_()),
        ("school_level", DICT),  # registry.enums.SchoolLevel
        ("school_grade", pa.int8()),  # null when not enrolled
        ("absence_days", pa.int8()),  # days absent last month; null when not enrolled
        ("deceased", pa.bool_()),  # always False for members; reserved for history
        ("sed_risk", pa.bool_()),  # social worker assessed: child at risk of entering care
        ("in_state_care", pa.bool_()),  # child placed in state care
        ("orphan", pa.bool_()),  # a parent (or both) deceased
        ("spouse_deceased", pa.bool_()),  # widow(er) whose last spouse died
        ("child_checkups_done", pa.bool_()),  # 0–6 year olds: health check-ups up to date
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
