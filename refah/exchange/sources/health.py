"""Ministry of Health: children's check-ups (0–6) and pregnancy follow-up (conditional health transfers)."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Columns, facts_of, where
from refah.exchange.enums import Source as Code


class Health(Source):
    code = Code.HEALTH

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        facts = []
        up_to_date = record.boolean("checkups_up_to_date", optional=True)
        if up_to_date is not None:
            facts.append(
                Fact(
                    tc,
                    "health.checkups",
                    value_kurus=record.integer("checkups_done"),
                    value_text="yes" if up_to_date else "no",
                )
            )
        if record.boolean("pregnant"):
            facts.append(Fact(tc, "health.pregnancy", value_kurus=record.integer("pregnancy_visits"), value_text="yes"))
        return facts

    def read_columns(self, c: Columns) -> pl.DataFrame:
        up_to_date, pregnant = c.boolean("checkups_up_to_date", optional=True), c.boolean("pregnant")
        return facts_of(
            c.fact(
                "health.checkups",
                value=c.integer("checkups_done"),
                text=where(up_to_date, "yes", "no"),
                when=up_to_date.is_not_null(),
            ),
            c.fact("health.pregnancy", value=c.integer("pregnancy_visits"), text="yes", when=pregnant),
        )
