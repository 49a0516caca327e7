"""TKGM land registry: parcels (land, real estate) a person owns a share of, with their values."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Careful, choice, integer, subject, text
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

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            parcels = r["parcels"]
            if type(parcels) is not list:
                raise Careful
            for parcel in parcels:
                if type(parcel) is not dict:
                    raise Careful
                kind = choice(parcel["kind"], KINDS)
                share = integer(parcel["share_percent"])
                value = integer(parcel["value_kurus"]) * min(share, 100) // 100
                described = f"{text(parcel['parcel_id'])} {text(parcel['district'])}"
                facts.append(Fact(tc, f"tapu.{kind}", value, described))
