"""Reading an uploaded .csv or .xlsx file into numbered rows of cell values."""

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from django.conf import settings

from refah.registry.imports.messages import (
    ERR_FILE_EMPTY,
    ERR_FILE_TOO_LARGE,
    ERR_FILE_TYPE,
    ERR_FILE_UNREADABLE,
    ERR_TOO_MANY_ROWS,
    ImportFileError,
)

MAX_ROWS = 20_000


def file_read(*, name: str, data: bytes) -> list[tuple[int, list]]:
    """(row number, cell values) for every row of a .csv or .xlsx file, header first."""
    kind = Path(name).suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise ImportFileError(ERR_FILE_TYPE)
    if len(data) > settings.REFAH_IMPORT_MAX_BYTES:
        raise ImportFileError(ERR_FILE_TOO_LARGE, size=len(data), limit=settings.REFAH_IMPORT_MAX_BYTES)
    if not data.strip():
        raise ImportFileError(ERR_FILE_EMPTY)
    rows = _csv_rows(data) if kind == ".csv" else _xlsx_rows(data)
    rows = [(number, [_cell(v) for v in values]) for number, values in rows]
    rows = [(number, values) for number, values in rows if any(v != "" for v in values)]
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(ERR_TOO_MANY_ROWS, limit=MAX_ROWS)
    if not rows:
        raise ImportFileError(ERR_FILE_EMPTY)
    return rows


def _csv_rows(data: bytes) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1254", errors="replace")  # what Turkish Excel writes for "CSV (MS-DOS)"
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as exc:
        raise ImportFileError(ERR_FILE_UNREADABLE, kind="CSV", detail=str(exc)) from exc


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    from openpyxl import load_workbook  # heavy; only needed for spreadsheets

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(ERR_FILE_UNREADABLE, kind="XLSX", detail=type(exc).__name__) from exc
    try:
        sheet = book.worksheets[0]
        return list(enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        book.close()


def _cell(value):
    """Cell to text (dates stay dates). Integral floats lose ".0"; others keep their shortest repr."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()
