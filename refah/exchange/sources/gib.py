"""GİB: business and tax records (a registered taxpayer's activity and yearly declared income)."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Columns, facts_of, where
from refah.exchange.enums import Source as Code


class Gib(Source):
    code = Code.GIB

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        if not record.boolean("taxpayer"):
            return [Fact(tc, "gib.business", value_kurus=0, value_text="")]
        activity = record.text("activity")
        return [Fact(tc, "gib.business", value_kurus=record.integer("yearly_income_kurus"), value_text=activity)]

    def read_columns(self, c: Columns) -> pl.DataFrame:
        taxpayer = c.boolean("taxpayer")
        income, activity = c.integer("yearly_income_kurus"), c.text("activity", optional=~taxpayer)
        return facts_of(c.fact("gib.business", value=where(taxpayer, income, 0), text=where(taxpayer, activity, "")))
