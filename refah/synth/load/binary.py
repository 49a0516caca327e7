"""PostgreSQL's binary COPY format built from a Polars frame with whole-column numpy operations.

PostgreSQL parses binary COPY in about two thirds of the time text COPY takes (3.2 M persons: 11.7 s against
16.8 s on a 2-core machine), and the initial load's COPY runs on its critical path. Each column is encoded as
the table's own column type wants it (the type comes from the catalogue, not from the frame): int2/int4/int8
big-endian at their width, bool as one byte, date as days and timestamptz as microseconds since 2000-01-01,
uuid as 16 bytes (from 32 hex digits), text as its UTF-8 bytes; null as length -1. A type not listed here
makes `encoder()` return None, and the caller COPYs that table as CSV.
"""

import numpy as np
import polars as pl

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


def encode(frame: pl.DataFrame, types: dict[str, str]) -> bytes:
    """The rows of `frame` in binary COPY format (no header or trailer), each column as `types` says."""
    n = frame.height
    fields = [_field(frame.get_column(name), types[name]) for name in frame.columns]
    sizes = [np.maximum(lengths, 0).astype(np.int64) for lengths, _, _ in fields]
    row_sizes = 2 + 4 * len(fields) + (np.sum(sizes, axis=0) if sizes else 0)
    starts = np.zeros(n, np.int64)
    np.cumsum(row_sizes[:-1], out=starts[1:])
    out = np.empty(int(row_sizes.sum()), np.uint8)
    _put(out, starts, np.full(n, len(fields), ">i2").view(np.uint8).reshape(n, 2))
    at = starts + 2
    block: list[np.ndarray] = []  # bytes at the same place in every row, written together
    for (lengths, data, offsets), size in zip(fields, sizes, strict=True):
        block.append(lengths.astype(">i4").view(np.uint8).reshape(n, 4))
        if offsets is None and (lengths >= 0).all():  # fixed width, no null: still the same place in every row
            block.append(data)
            continue
        at = _put_block(out, at, block)
        if offsets is None:  # fixed width: the rows that are not null
            present = lengths >= 0
            _put(out, at[present], data[present])
        elif len(data):
            out[np.repeat(at - offsets[:-1], size) + np.arange(len(data))] = data
        at += size
    _put_block(out, at, block)
    return out.tobytes()


def _put_block(out: np.ndarray, at: np.ndarray, block: list[np.ndarray]) -> np.ndarray:
    """Write the block's columns side by side at `at` (and empty the block); where the next bytes go."""
    if not block:
        return at
    values = np.concatenate(block, axis=1) if len(block) > 1 else block[0]
    block.clear()
    _put(out, at, values)
    return at + values.shape[1]


def _put(out: np.ndarray, at: np.ndarray, values: np.ndarray) -> None:
    if len(at):
        out[at[:, None] + np.arange(values.shape[1])] = values


def _datetimes(texts: pl.Series) -> pl.Series:
    """ISO 8601 texts as UTC datetimes; each distinct text parsed once (a load stamps every row alike)."""
    distinct = texts.unique()
    if len(distinct) * 4 > len(texts):
        return texts.str.to_datetime(time_unit="us")
    parsed = dict(zip(distinct.to_list(), distinct.str.to_datetime(time_unit="us").to_list(), strict=True))
    return texts.replace_strict(parsed, return_dtype=pl.Datetime("us", "UTC"))


def _field(series: pl.Series, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(lengths, data, offsets): data is (rows, width) for fixed-width types (offsets None), else the UTF-8 bytes
    of every value end to end with their offsets."""
    null = series.is_null().to_numpy()
    n = len(series)
    if kind in _TEXTS:
        series = series.cast(pl.String)
        lengths = series.str.len_bytes().fill_null(0).cast(pl.Int64).to_numpy()
        data = np.frombuffer(series.fill_null("").str.join("").item().encode(), np.uint8)
        offsets = np.zeros(n + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return np.where(null, -1, lengths).astype(np.int32), data, offsets
    if kind in _INTS:
        values = series.fill_null(0).cast(pl.Int64).to_numpy()
        width = int(_INTS[kind][-1])
        limit = 1 << (8 * width - 1)
        if n and (values.min() < -limit or values.max() >= limit):
            raise ValueError(f"{series.name}: a value does not fit {kind}")
        data = values.astype(_INTS[kind]).view(np.uint8).reshape(n, width)
    elif kind == "bool":
        data = series.fill_null(False).cast(pl.UInt8).to_numpy().reshape(n, 1)
        width = 1
    elif kind == "date":
        days = series.cast(pl.Date).cast(pl.Int32).fill_null(0).to_numpy() - _EPOCH_DAYS
        data, width = days.astype(">i4").view(np.uint8).reshape(n, 4), 4
    elif kind == "timestamptz":
        if series.dtype == pl.String:
            series = _datetimes(series)
        micros = series.dt.epoch("us").fill_null(0).to_numpy() - _EPOCH_US
        data, width = micros.astype(">i8").view(np.uint8).reshape(n, 8), 8
    elif kind == "uuid":
        text = series.cast(pl.String).str.replace_all("-", "").fill_null("0" * 32)
        if n and not (text.str.len_bytes() == 32).all():
            raise ValueError(f"{series.name}: a value is not a UUID")
        digits = _HEX[np.frombuffer(text.str.join("").item().encode(), np.uint8)].reshape(n, 32)
        if n and digits.max() > 15:
            raise ValueError(f"{series.name}: a value is not a UUID")
        data, width = (digits[:, 0::2] << 4) | digits[:, 1::2], 16
    else:
        raise ValueError(f"{series.name}: no binary COPY encoding for {kind}")
    return np.where(null, -1, width).astype(np.int32), np.ascontiguousarray(data, np.uint8), None
