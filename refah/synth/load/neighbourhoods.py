"""The households' mahalles (neighbourhoods) in a synthetic load: named on the frames' thread, created and
resolved to ids on the loading thread, in the load's transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
from django.db import connection

from refah.common.text import fold, turkish_upper
from refah.geo.models import Neighbourhood

if TYPE_CHECKING:  # the load's state is built in columns.py, which imports this module
    from refah.synth.load.columns import LoadState

MAHALLE_IDS = {"district_id": pl.Int64, "_mahalle_folded": pl.String, "neighbourhood_id": pl.Int64}


def per_distinct(texts: pl.Series, function) -> pl.Series:
    """function(text) for a whole column, called once per distinct text; "" for a null."""
    distinct = texts.cast(pl.String).unique().drop_nulls()
    done = [function(text) for text in distinct.to_list()]
    return texts.cast(pl.String).replace_strict(distinct, done, default="", return_dtype=pl.String)


# A household's mahalle until neighbourhoods_resolve() puts its id in their place: the folded name (the key within
# the district), the name as stored, and whether it is a village. Built on the frames' thread: no database.
MAHALLE = ("_mahalle_folded", "_mahalle_name", "_mahalle_rural")


def mahalle_columns(raw: pl.DataFrame) -> list[pl.Series]:
    names = raw["neighbourhood"]
    return [
        per_distinct(names, fold).alias(MAHALLE[0]),
        per_distinct(names, lambda name: turkish_upper(" ".join(name.split()))).alias(MAHALLE[1]),
        raw["is_rural"].fill_null(False).alias(MAHALLE[2]),
    ]


def neighbourhoods_resolve(frames: dict, load: LoadState) -> int:
    """Put the mahalle ids in the households' frame (creating the missing mahalles, on this thread's connection:
    the load's transaction); returns how many mahalles were created."""
    model, households = frames["households"]
    if MAHALLE[0] not in households.columns:
        return 0
    mahalles = households.select("district_id", *MAHALLE).unique(["district_id", MAHALLE[0]], maintain_order=True)
    missing = mahalles.join(load.neighbourhoods, on=["district_id", MAHALLE[0]], how="anti")
    created = _neighbourhoods_ensure(missing, load) if missing.height else 0
    households = households.drop("neighbourhood_id").join(
        load.neighbourhoods, on=["district_id", MAHALLE[0]], how="left", maintain_order="left"
    )
    columns = [c for c in frames["households"][1].columns if c not in MAHALLE]
    frames["households"] = (model, households.select(columns))
    return created


# New mahalles inserted and every asked one's id read in one statement, the rows passed as one JSON text (adapting
# tens of thousands of values as four arrays costs more than the statement). The outer SELECT sees the table as it
# was before the INSERT, so the two halves of the UNION never hold the same mahalle.
_MAHALLES_SQL = """
WITH asked AS (
  SELECT * FROM json_to_recordset(%s::json) AS m (district_id integer, name_folded text, name text, is_rural boolean)
), created AS (
  INSERT INTO geo_neighbourhood (district_id, name_folded, name, is_rural)
  SELECT district_id, name_folded, name, is_rural FROM asked
  ON CONFLICT (district_id, name_folded) DO NOTHING
  RETURNING district_id, name_folded, id
)
SELECT district_id, name_folded, id, true FROM created
UNION ALL
SELECT n.district_id, n.name_folded, n.id, false FROM geo_neighbourhood n JOIN asked USING (district_id, name_folded)
"""


def _neighbourhoods_ensure(missing: pl.DataFrame, load: LoadState) -> int:
    """Create the missing mahalles (one that exists meanwhile is kept) and learn the ids of all of them; returns
    how many were created."""
    rows = missing.select(
        pl.col("district_id").cast(pl.Int64),
        pl.col(MAHALLE[0]).alias("name_folded"),
        pl.col(MAHALLE[1]).alias("name"),
        pl.col(MAHALLE[2]).cast(pl.Boolean).alias("is_rural"),
    )
    if connection.vendor == "postgresql":  # tens of thousands on a national load: one statement
        with connection.cursor() as cursor:
            cursor.execute(_MAHALLES_SQL, [rows.write_json()])
            found = cursor.fetchall()
    else:
        existing = Neighbourhood.objects.filter(district_id__in=set(rows["district_id"])).values_list(
            "district_id", "name_folded", "id"
        )
        known = {(d, f): pk for d, f, pk in existing}
        new = [
            Neighbourhood(**row)
            for row in rows.iter_rows(named=True)
            if (row["district_id"], row["name_folded"]) not in known
        ]
        Neighbourhood.objects.bulk_create(new)
        found = [(d, f, pk, False) for (d, f), pk in known.items()]
        found += [(n.district_id, n.name_folded, n.pk, True) for n in new]
    learnt = pl.DataFrame([row[:3] for row in found], schema=MAHALLE_IDS, orient="row")
    load.neighbourhoods = pl.concat([load.neighbourhoods, learnt]).unique(["district_id", MAHALLE[0]], keep="first")
    return sum(created for *_, created in found)
