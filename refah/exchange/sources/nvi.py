"""NVİ (KPS/MERNİS): identity, family register, ADNKS address."""

import polars as pl

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Columns, facts_of
from refah.exchange.enums import Source as Code

MARITAL = ("single", "married", "divorced", "widowed")


class Nvi(Source):
    code = Code.NVI

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        name = f"{record.text('first_name')} {record.text('last_name')}"
        birth = record.date("birth_date")
        address = Reader(record.record.get("address"), f"{record.path}.address" if record.path else "address")
        facts = [
            Fact(tc, "nvi.name", value_text=name),
            Fact(tc, "nvi.birth_date", value_text=birth.isoformat()),
            Fact(tc, "nvi.sex", value_text=record.text("sex", choices=("F", "M"))),
            Fact(tc, "nvi.father_name", value_text=record.text("father_name")),
            Fact(tc, "nvi.mother_name", value_text=record.text("mother_name")),
            Fact(tc, "nvi.marital_status", value_text=record.text("marital_status", choices=MARITAL)),
            Fact(tc, "nvi.family_register", value_text=record.text("family_register")),
            Fact(tc, "nvi.address", value_text=f"{address.text('neighbourhood')}, {address.text('district')}"),
        ]
        deceased = record.date("deceased_on", optional=True)
        if deceased:
            facts.append(Fact(tc, "nvi.deceased_on", value_text=deceased.isoformat()))
        return facts

    def read_columns(self, c: Columns) -> pl.DataFrame:
        address, deceased = c.record("address"), c.date("deceased_on", optional=True)
        return facts_of(
            c.fact("nvi.name", text=c.text("first_name") + " " + c.text("last_name")),
            c.fact("nvi.birth_date", text=c.date("birth_date")),
            c.fact("nvi.sex", text=c.text("sex", choices=("F", "M"))),
            c.fact("nvi.father_name", text=c.text("father_name")),
            c.fact("nvi.mother_name", text=c.text("mother_name")),
            c.fact("nvi.marital_status", text=c.text("marital_status", choices=MARITAL)),
            c.fact("nvi.family_register", text=c.text("family_register")),
            c.fact("nvi.address", text=address.text("neighbourhood") + ", " + address.text("district")),
            c.fact("nvi.deceased_on", text=deceased.fill_null(""), when=deceased.is_not_null()),
        )
