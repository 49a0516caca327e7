"""SGK: insured status, registered monthly earnings, pensions."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import choice, integer, subject, text
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

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            employer = r["employer"]
            facts.append(Fact(tc, "sgk.status", None, choice(r["status"], STATUS)))
            facts.append(
                Fact(
                    tc, "sgk.earnings", integer(r["monthly_earnings_kurus"]), "" if employer is None else text(employer)
                )
            )
            facts.append(Fact(tc, "sgk.pension", integer(r["pension_kurus"]), ""))
