"""EGM vehicle register: vehicles a person owns, with their values."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Careful, integer, subject, text
from refah.exchange.enums import Source as Code


class Egm(Source):
    code = Code.EGM

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        facts = []
        for vehicle in record.items("vehicles"):
            text = f"{vehicle.text('plate')} {vehicle.text('make')} {vehicle.integer('model_year')}"
            facts.append(Fact(tc, "egm.vehicle", value_kurus=vehicle.integer("value_kurus"), value_text=text))
        return facts

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            vehicles = r["vehicles"]
            if type(vehicles) is not list:
                raise Careful
            for v in vehicles:
                if type(v) is not dict:
                    raise Careful
                described = f"{text(v['plate'])} {text(v['make'])} {integer(v['model_year'])}"
                facts.append(Fact(tc, "egm.vehicle", integer(v["value_kurus"]), described))
