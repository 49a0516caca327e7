"""TKGM land registry: parcels (land, real estate) a person owns a share of, with their values."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Careful, Columns, facts_of
from refah.exchange.enums import Source as Code

KINDS = ("land", "real_estate")


class Tkgm(Source):
    code = Code.TKGM

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        facts = []
        for parcel in record.items("parcels"):
            kind = parcel.text("kind", choices=KINDS)
            share = parcel.integer("share_percent")
            value = parcel.integer("value_kurus") * min(share, 100) // 100
            text = f"{parcel.text('parcel_id')} {parcel.text('district')}"
            facts.append(Fact(tc, f"tapu.{kind}", value_kurus=value, value_text=text))
        return facts

    def read_columns(self, c: Columns) -> pl.DataFrame:
        parcels = c.items("parcels")
        kind, share, value = (
            parcels.text("kind", choices=KINDS),
            parcels.integer("share_percent"),
            parcels.integer("value_kurus"),
        )
        if (value > 2**56).any():  # the share below stays within 64 bits
            raise Careful
        return facts_of(
            parcels.fact(
                "tapu." + kind,
                value=value * share.clip(upper_bound=100) // 100,
                text=parcels.text("parcel_id") + " " + parcels.text("district"),
            )
        )
