"""GİB: business and tax records (a registered taxpayer's activity and yearly declared income)."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import boolean, integer, subject, text
from refah.exchange.enums import Source as Code


class Gib(Source):
    code = Code.GIB

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        if not record.boolean("taxpayer"):
            return [Fact(tc, "gib.business", value_kurus=0, value_text="")]
        activity = record.text("activity")
        return [Fact(tc, "gib.business", value_kurus=record.integer("yearly_income_kurus"), value_text=activity)]

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            if not boolean(r["taxpayer"]):
                facts.append(Fact(tc, "gib.business", 0, ""))
            else:
                activity = text(r["activity"])
                facts.append(Fact(tc, "gib.business", integer(r["yearly_income_kurus"]), activity))
