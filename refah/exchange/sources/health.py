"""Ministry of Health: children's check-ups (0–6) and pregnancy follow-up (conditional health transfers)."""

from refah.exchange.client import Fact, Reader, Source
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
