"""İŞKUR: registration as a job seeker, unemployment benefit."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Columns, facts_of, where
from refah.exchange.enums import Source as Code


class Iskur(Source):
    code = Code.ISKUR

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        registered = record.boolean("registered")
        since = record.date("registered_on", optional=True)
        return [
            Fact(tc, "iskur.registered", value_text=since.isoformat() if registered and since else ""),
            Fact(tc, "iskur.benefit", value_kurus=record.integer("benefit_kurus")),
        ]

    def read_columns(self, c: Columns) -> pl.DataFrame:
        registered, since = c.boolean("registered"), c.date("registered_on", optional=True)
        return facts_of(
            c.fact("iskur.registered", text=where(registered & since.is_not_null(), since, "")),
            c.fact("iskur.benefit", value=c.integer("benefit_kurus")),
        )
