"""The columns a person is compared on in record linkage: the registry's persons (selectors.linkage) and the
records to link (refah.linkage.engine) share this one schema. Pure pyarrow: the linkage bench runs without Django."""

import pyarrow as pa

LINKAGE_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("national_id", pa.string()),
        ("first_name", pa.string()),
        ("last_name", pa.string()),
        ("birth_date", pa.date32()),
        ("father_name", pa.string()),
        ("mother_name", pa.string()),
        ("district", pa.string()),
        ("neighbourhood", pa.string()),
        ("phone", pa.string()),
    ]
)
