"""Portable SQL pieces of the indicators' queries (PostgreSQL and SQLite): table names, local dates, year and month
of a date, date arithmetic, and one pass per year and per month."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.db import connection


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _tz_offset_minutes() -> int:
    now = dt.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return int(now.utcoffset().total_seconds() // 60)


def local_date(column: str) -> str:
    """SQL: the local calendar date of an aware timestamp column."""
    if connection.vendor == "postgresql":
        return f"(({column}) AT TIME ZONE '{settings.TIME_ZONE}')::date"
    return f"date({column}, '{_tz_offset_minutes():+d} minutes')"


def year_of(date_sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {date_sql}) AS integer)"
    return f"CAST(strftime('%%Y', {date_sql}) AS integer)"


def month_of(date_sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(MONTH FROM {date_sql}) AS integer)"
    return f"CAST(strftime('%%m', {date_sql}) AS integer)"


def plus_days(date_sql: str, days: int) -> str:
    if connection.vendor == "postgresql":
        return f"({date_sql} + {int(days)})"
    return f"date({date_sql}, '+{int(days)} days')"


def rows_of(sql: str, params: Iterable) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()
