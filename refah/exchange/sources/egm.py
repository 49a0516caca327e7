"""EGM vehicle register: vehicles a person owns, with their values."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Columns, facts_of
from refah.exchange.enums import Source as Code


class Egm(Source):
    code = Code.EGM

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        facts = []
        for vehicle in record.items("vehicles"):
            text = f"{vehicle.text('plate')} {vehicle.text('make')} {vehicle.integer('model_year')}"
            facts.append(Fact(tc, "egm.vehicle", value_kurus=vehicle.integer("value_kurus"), value_text=text))
        return facts

    def read_columns(self, c: Columns) -> pl.DataFrame:
        v = c.items("vehicles")
        described = v.text("plate") + " " + v.text("make") + " " + v.integer("model_year").cast(pl.String)
        return facts_of(v.fact("egm.vehicle", value=v.integer("value_kurus"), text=described))
