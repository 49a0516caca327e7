"""İŞKUR: registration as a job seeker, unemployment benefit."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.enums import Source as Code


class Iskur(Source):
    code = Code.ISKUR

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        registered = record.boolean("registered")
        since = record.date("registered_on", optional=True)
        return [
            Fact(tc, "iskur.registered", value_text=since.isoformat() if registered and since else ""),
            Fact(tc, "iskur.benefit", value_kurus=record.integer("benefit_kurus")),
        ]
