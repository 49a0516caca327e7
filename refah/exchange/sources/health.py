"""Ministry of Health: children's check-ups (0–6) and pregnancy follow-up (conditional health transfers)."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import boolean, integer, subject
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

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            up_to_date = boolean(r["checkups_up_to_date"], optional=True)
            if up_to_date is not None:
                facts.append(Fact(tc, "health.checkups", integer(r["checkups_done"]), "yes" if up_to_date else "no"))
            if boolean(r["pregnant"]):
                facts.append(Fact(tc, "health.pregnancy", integer(r["pregnancy_visits"]), "yes"))
