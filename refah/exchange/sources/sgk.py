"""SGK: insured status, registered monthly earnings, pensions."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Columns, facts_of
from refah.exchange.enums import Source as Code

STATUS = ("none", "active", "pensioner")


class Sgk(Source):
    code = Code.SGK

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        facts = [
            Fact(tc, "sgk.status", value_text=record.text("status", choices=STATUS)),
            Fact(
                tc,
                "sgk.earnings",
                value_kurus=record.integer("monthly_earnings_kurus"),
                value_text=record.text("employer", optional=True),
            ),
            Fact(tc, "sgk.pension", value_kurus=record.integer("pension_kurus")),
        ]
        return facts

    def read_columns(self, c: Columns) -> pl.DataFrame:
        return facts_of(
            c.fact("sgk.status", text=c.text("status", choices=STATUS)),
            c.fact(
                "sgk.earnings",
                value=c.integer("monthly_earnings_kurus"),
                text=c.text("employer", optional=True),
            ),
            c.fact("sgk.pension", value=c.integer("pension_kurus")),
        )
