"""İŞKUR: registration as a job seeker, unemployment benefit."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import boolean, day, integer, subject
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

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            registered = boolean(r["registered"])
            since = day(r["registered_on"], optional=True)
            facts.append(Fact(tc, "iskur.registered", None, since.isoformat() if registered and since else ""))
            facts.append(Fact(tc, "iskur.benefit", integer(r["benefit_kurus"]), ""))
