"""Binary COPY (refah.synth.load.binary) stores exactly what CSV COPY stores, nulls and edge values included."""

import datetime as dt
import uuid

import polars as pl
import pytest
from django.db import connection

from refah.synth.generate import generate
from refah.synth.load import _csv_bytes, batch_frames, binary, load_start, neighbourhoods_resolve

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="binary COPY is PostgreSQL's"),
]


def _copy(cursor, table, frame, fmt):
    types = binary.column_types(cursor, table)  # (not during the COPY: the connection is busy with it)
    with cursor.copy(f"COPY {table} ({', '.join(frame.columns)}) FROM STDIN WITH (FORMAT {fmt})") as copy:
        if fmt == "binary":
            copy.write(binary.HEADER + binary.encode(frame, types) + binary.TRAILER)
        else:
            copy.write(_csv_bytes(frame))


def test_every_type_and_null_comes_back_as_written():
    frame = pl.DataFrame(
        {
            "a_uuid": [uuid.UUID(int=1).hex, None, "0123456789ABCDEF0123456789abcdef"],
            "a_text": ["İğdır ışık", None, ""],
            "a_small": [-32768, None, 32767],
            "a_int": [-(2**31), 7, None],
            "a_big": [2**62, None, -5],
            "a_bool": [True, None, False],
            "a_date": [dt.date(1999, 12, 31), dt.date(2000, 1, 1), None],
            "a_time": ["2026-11-23T07:58:06.556809+00:00", None, "1990-01-01T00:00:00+03:00"],
        },
        schema_overrides={"a_small": pl.Int16},
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE kinds (a_uuid uuid, a_text varchar(20), a_small smallint, a_int integer, "
            "a_big bigint, a_bool boolean, a_date date, a_time timestamptz)"
        )
        _copy(cursor, "kinds", frame, "binary")
        cursor.execute("SELECT * FROM kinds")
        rows = cursor.fetchall()
    utc = dt.UTC
    assert rows == [
        (
            uuid.UUID(int=1),
            "İğdır ışık",
            -32768,
            -(2**31),
            2**62,
            True,
            dt.date(1999, 12, 31),
            dt.datetime(2026, 11, 23, 7, 58, 6, 556809, tzinfo=utc),
        ),
        (None, None, None, 7, None, None, dt.date(2000, 1, 1), None),
        (
            uuid.UUID("0123456789abcdef0123456789abcdef"),
            "",
            32767,
            None,
            -5,
            False,
            None,
            dt.datetime(1989, 12, 31, 21, 0, tzinfo=utc),
        ),
    ]


def test_a_value_that_does_not_fit_its_column_is_refused():
    with pytest.raises(ValueError, match="does not fit int2"):
        binary.encode(pl.DataFrame({"n": [40_000]}), {"n": "int2"})
    with pytest.raises(ValueError, match="not a UUID"):
        binary.encode(pl.DataFrame({"u": ["xyz"]}), {"u": "uuid"})


def test_a_synthetic_batch_loads_the_same_both_ways():
    load = load_start(11)
    frames = batch_frames(next(generate(provinces=[76], households=300, seed=11)), load)
    neighbourhoods_resolve(frames, load)
    with connection.cursor() as cursor:
        for _name, (model, frame) in frames.items():
            table = model._meta.db_table
            for fmt in ("csv", "binary"):
                cursor.execute(f"CREATE TEMP TABLE {fmt}_{table} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY)")
                _copy(cursor, f"{fmt}_{table}", frame, fmt)
            for left, right in (("csv", "binary"), ("binary", "csv")):
                columns = ", ".join(frame.columns)  # (not a serial id the table numbers itself)
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT {columns} FROM {left}_{table} "
                    f"EXCEPT ALL SELECT {columns} FROM {right}_{table}) d"
                )
                assert cursor.fetchone()[0] == 0, (table, left, right)
            cursor.execute(f"SELECT count(*) FROM binary_{table}")
            assert cursor.fetchone()[0] == frame.height > 0


def test_stamps_shared_by_many_rows_are_parsed_once_and_nulls_stay_null():
    texts = pl.Series("a_time", ["2026-11-23T07:58:06.556809+00:00"] * 9 + [None])
    frame = pl.DataFrame({"a_time": texts})
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE stamps (a_time timestamptz)")
        _copy(cursor, "stamps", frame, "binary")
        cursor.execute("SELECT a_time FROM stamps")
        rows = [r[0] for r in cursor.fetchall()]
    assert rows == [dt.datetime(2026, 11, 23, 7, 58, 6, 556809, tzinfo=dt.UTC)] * 9 + [None]
