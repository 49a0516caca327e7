"""SGK: insured status, registered monthly earnings, pensions."""

from refah.exchange.client import Fact, Reader, Source
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
