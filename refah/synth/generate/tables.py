"""Arrow tables of one batch, exactly in the schemas of refah.synth.schema."""

import numpy as np
import pyarrow as pa

from refah.synth import schema
from refah.synth.generate import codes as C
from refah.synth.generate.reference import districts, places_reference

REFERENCE_DATE = np.datetime64("2025-07-01", "D")  # ages and birth dates are relative to this day


INT8 = pa.int8()


def codes(values: np.ndarray, dictionary: list[str], index_type: pa.DataType = INT8) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(values, index_type), pa.array(dictionary, pa.string()))


def households_table(hh: dict, keys: np.ndarray, address: pa.Array) -> pa.Table:
    columns = [
        pa.array(keys, pa.int64()),
        pa.array(hh["plate"], pa.int16()),
        codes(hh["district"], districts().pcodes, pa.int16()),
        codes(hh["neighbourhood"], places_reference().names, pa.int32()),
        pa.array(hh["rural"]),
        address,
        codes(hh["dwelling"], C.DWELLING),
        codes(hh["tenure"], C.TENURE),
        pa.array(hh["rent"], pa.int64()),
        codes(hh["heating"], C.HEATING),
        pa.array(hh["rooms"], pa.int8()),
        pa.array(hh["consumption_pp"], pa.int64()),
        pa.array(hh["true_income"], pa.int64()),
        pa.array(hh["true_informal"], pa.int64()),
        pa.array(hh["consumption_ae"], pa.int64()),
        pa.array(hh["private_transfers"], pa.int64()),
        pa.array(hh["price_index"], pa.int32()),
    ]
    return pa.Table.from_arrays(columns, schema=schema.HOUSEHOLDS)


def birth_dates(rng: np.random.Generator, age: np.ndarray) -> pa.Array:
    """Birth dates such that the exact age on REFERENCE_DATE is `age` years."""
    days = np.ceil(age * 365.25).astype(np.int64) + rng.integers(1, 364, len(age))
    return pa.array(REFERENCE_DATE - days.astype("timedelta64[D]"), pa.date32())


def persons_table(p: dict, household_keys: np.ndarray, person_keys: np.ndarray, extra: dict) -> pa.Table:
    grade_missing = ~p["grade_valid"]
    absence_missing = ~p["enrolled"] | (p["school"] == C.S_HIGHER)
    columns = [
        pa.array(household_keys, pa.int64()),
        pa.array(person_keys, pa.int64()),
        codes(p["role"], C.ROLE),
        codes(p["id_kind"], C.ID_KIND),
        extra["national_id"],
        extra["first_name"],
        extra["last_name"],
        extra["birth_date"],
        codes(p["sex"], C.SEX),
        codes(p["nationality"], C.NATIONALITY),
        codes(p["protection"], C.PROTECTION),
        codes(p["marital"], C.MARITAL),
        codes(p["education"], C.EDUCATION),
        codes(p["employment"], C.EMPLOYMENT),
        codes(p["social_security"], C.SOCIAL_SECURITY),
        codes(p["health"], C.HEALTH),
        pa.array(p["disability"], pa.int8()),
        codes(p["dependency"], C.DEPENDENCY),
        pa.array(p["chronic"]),
        pa.array(p["pregnant"]),
        codes(p["school"], C.SCHOOL),
        pa.array(p["grade"], pa.int8(), mask=grade_missing),
        pa.array(p["absence"], pa.int8(), mask=absence_missing),
        pa.array(np.zeros(len(person_keys), dtype=bool)),
        pa.array(p["sed_risk"]),
        pa.array(p["in_state_care"]),
        pa.array(p["orphan"]),
        pa.array(p["spouse_deceased"]),
        pa.array(p["checkups"]),
        extra["phone"],
    ]
    return pa.Table.from_arrays(columns, schema=schema.PERSONS)


def incomes_table(household_keys: np.ndarray, person_keys: np.ndarray, kind: np.ndarray, amount: np.ndarray):
    columns = [pa.array(household_keys, pa.int64()), pa.array(person_keys, pa.int64())]
    columns += [codes(kind, C.INCOME_KIND), pa.array(amount, pa.int64())]
    return pa.Table.from_arrays(columns, schema=schema.INCOMES)


def assets_table(household_keys: np.ndarray, kind: np.ndarray, value: np.ndarray, description: pa.Array):
    columns = [pa.array(household_keys, pa.int64()), codes(kind, C.ASSET_KIND), pa.array(value, pa.int64())]
    return pa.Table.from_arrays(columns + [description], schema=schema.ASSETS)
