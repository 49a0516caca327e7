"""PostgreSQL's binary COPY format built from a Polars frame with whole-column numpy and Arrow operations.

PostgreSQL parses binary COPY in about two thirds of the time text COPY takes (3.2 M persons: 11.7 s against
16.8 s on a 2-core machine), and the initial load's COPY runs on its critical path. Each column is encoded as
the table's own column type wants it (the type comes from the catalogue, not from the frame): int2/int4/int8
big-endian at their width, bool as one byte, date as days and timestamptz as microseconds since 2000-01-01,
uuid as 16 bytes (from 32 hex digits), text as its UTF-8 bytes; null as length -1. For a type not listed here
`supported()` is False, and the caller COPYs that table as CSV.
"""

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

HEADER = b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
TRAILER = (-1).to_bytes(2, "big", signed=True)

_EPOCH_DAYS = 10_957  # 1970-01-01 → 2000-01-01
_EPOCH_US = _EPOCH_DAYS * 86_400 * 1_000_000
_INTS = {"int2": ">i2", "int4": ">i4", "int8": ">i8"}
_TEXTS = {"text", "varchar", "bpchar"}
_SUPPORTED = {*_INTS, *_TEXTS, "bool", "date", "timestamptz", "uuid"}
_HEX = np.full(256, 255, np.uint8)
for _i, _c in enumerate(b"0123456789abcdef"):
    _HEX[_c] = _i
for _i, _c in enumerate(b"ABCDEF", start=10):
    _HEX[_c] = _i


def column_types(cursor, table: str) -> dict[str, str]:
    """{column: type name} of a table, from the catalogue."""
    cursor.execute(
        "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
        [table],
    )
    return dict(cursor.fetchall())


def supported(types: dict[str, str], columns: list[str]) -> bool:
    return all(types.get(c) in _SUPPORTED for c in columns)


def encode(frame: pl.DataFrame, types: dict[str, str]) -> memoryview:
    """The rows of `frame` in binary COPY format (no header or trailer), each column as `types` says.

    Every row is a run of pieces: bytes at the same place in every row (the field count, each field's length,
    fixed-width values without nulls) gathered side by side into one (rows, width) block, and between blocks the
    pieces whose size varies by row (text, fixed-width values with nulls). Arrow joins the pieces row by row in
    one pass (binary_join_element_wise), and its result's data buffer is the COPY data, rows end to end.
    """
    n = frame.height
    pieces: list[pa.Array] = []
    block: list[np.ndarray] = [np.full(n, frame.width, ">i2").view(np.uint8).reshape(n, 2)]
    for name in frame.columns:
        series = frame.get_column(name)
        kind = types[name]
        if kind in _TEXTS:
            series = series.cast(pl.String)
            lengths = series.str.len_bytes().cast(pl.Int32).fill_null(-1).to_numpy()
            block.append(lengths.astype(">i4").view(np.uint8).reshape(n, 4))
            _flush(block, pieces)
            pieces.append(series.fill_null("").to_arrow().cast(pa.large_binary()))
            continue
        null = series.is_null().to_numpy()
        data = _fixed(series, kind)
        lengths = np.where(null, -1, data.shape[1]).astype(">i4").view(np.uint8).reshape(n, 4)
        if not null.any():
            block += [lengths, data]
            continue
        _flush(block, pieces)
        whole = np.concatenate([lengths, data], axis=1)
        keep = np.ones(whole.shape, bool)
        keep[null, 4:] = False  # a null is its length (-1) alone
        offsets = np.zeros(n + 1, np.int64)
        np.cumsum(keep.sum(axis=1), out=offsets[1:])
        values = whole[keep]
        pieces.append(pa.Array.from_buffers(pa.large_binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(values)]))
    _flush(block, pieces)
    rows = pieces[0] if len(pieces) == 1 else pc.binary_join_element_wise(*pieces, _NOTHING)
    _, offsets, data = rows.buffers()
    bounds = np.frombuffer(offsets, np.int64, count=rows.offset + n + 1)
    return memoryview(data)[bounds[rows.offset] : bounds[-1]] if n else memoryview(b"")


_NOTHING = pa.scalar(b"", pa.large_binary())


def _flush(block: list[np.ndarray], pieces: list[pa.Array]) -> None:
    """The block's columns side by side, as one piece of every row (and the block emptied)."""
    if not block:
        return
    values = np.ascontiguousarray(np.concatenate(block, axis=1) if len(block) > 1 else block[0])
    block.clear()
    n, width = values.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int64)
    pieces.append(pa.Array.from_buffers(pa.large_binary(), n, [None, pa.py_buffer(offsets), pa.py_buffer(values)]))


def _datetimes(texts: pl.Series) -> pl.Series:
    """ISO 8601 texts as UTC datetimes; each distinct text parsed once (a load stamps every row alike)."""
    distinct = texts.unique()
    if len(distinct) * 4 > len(texts):
        return texts.str.to_datetime(time_unit="us")
    parsed = dict(zip(distinct.to_list(), distinct.str.to_datetime(time_unit="us").to_list(), strict=True))
    return texts.replace_strict(parsed, return_dtype=pl.Datetime("us", "UTC"))


def _fixed(series: pl.Series, kind: str) -> np.ndarray:
    """A fixed-width column's values as (rows, width) bytes, nulls as zeros (their length says -1)."""
    n = len(series)
    if kind in _INTS:
        values = series.fill_null(0).cast(pl.Int64).to_numpy()
        width = int(_INTS[kind][-1])
        limit = 1 << (8 * width - 1)
        if n and (values.min() < -limit or values.max() >= limit):
            raise ValueError(f"{series.name}: a value does not fit {kind}")
        data = values.astype(_INTS[kind]).view(np.uint8).reshape(n, width)
    elif kind == "bool":
        data = series.fill_null(False).cast(pl.UInt8).to_numpy().reshape(n, 1)
    elif kind == "date":
        days = series.cast(pl.Date).cast(pl.Int32).fill_null(0).to_numpy() - _EPOCH_DAYS
        data = days.astype(">i4").view(np.uint8).reshape(n, 4)
    elif kind == "timestamptz":
        if series.dtype == pl.String:
            series = _datetimes(series)
        micros = series.dt.epoch("us").fill_null(0).to_numpy() - _EPOCH_US
        data = micros.astype(">i8").view(np.uint8).reshape(n, 8)
    elif kind == "uuid":
        text = series.cast(pl.String).str.replace_all("-", "").fill_null("0" * 32)
        if n and not (text.str.len_bytes() == 32).all():
            raise ValueError(f"{series.name}: a value is not a UUID")
        digits = _HEX[np.frombuffer(text.str.join("").item().encode(), np.uint8)].reshape(n, 32)
        if n and digits.max() > 15:
            raise ValueError(f"{series.name}: a value is not a UUID")
        data = (digits[:, 0::2] << 4) | digits[:, 1::2]
    else:
        raise ValueError(f"{series.name}: no binary COPY encoding for {kind}")
    return np.ascontiguousarray(data, np.uint8)
