"""MEB e-Okul: enrolment and monthly absence days (conditional education transfers)."""

import datetime as dt

import polars as pl

from refah.exchange import errors
from refah.exchange.client import Fact, MalformedAnswer, Reader, Source
from refah.exchange.client.answers import Columns, facts_of, month_valid
from refah.exchange.enums import Source as Code

LEVELS = ("none", "preschool", "primary", "lower_secondary", "upper_secondary")


class Meb(Source):
    code = Code.MEB

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        level = record.text("level", choices=LEVELS)
        facts = [Fact(tc, "meb.enrolment", value_kurus=None, value_text=level)]
        for month in record.items("absences"):
            text = month.text("month")
            try:
                dt.date.fromisoformat(f"{text}-01")
            except ValueError:
                raise MalformedAnswer(f"{month.path}.month", errors.REASON_NOT_DATE) from None
            facts.append(Fact(tc, "meb.absence", value_kurus=month.integer("days"), value_text=text))
        return facts

    def read_columns(self, c: Columns) -> pl.DataFrame:
        absences = c.items("absences")
        months = absences.text("month")
        month_valid(months)
        return facts_of(
            c.fact("meb.enrolment", text=c.text("level", choices=LEVELS)),
            absences.fact("meb.absence", value=absences.integer("days"), text=months),
        )
