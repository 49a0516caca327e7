"""NVİ (KPS/MERNİS): identity, family register, ADNKS address."""

from refah.exchange.client import Fact, Reader, Source
from refah.exchange.client.answers import Careful, choice, day, subject, text
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

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        add = facts.append
        for r in records:
            tc = subject(r, asked)
            name = f"{text(r['first_name'])} {text(r['last_name'])}"
            birth = day(r["birth_date"])
            address = r["address"]
            if type(address) is not dict:
                raise Careful
            add(Fact(tc, "nvi.name", None, name))
            add(Fact(tc, "nvi.birth_date", None, birth.isoformat()))
            add(Fact(tc, "nvi.sex", None, choice(r["sex"], ("F", "M"))))
            add(Fact(tc, "nvi.father_name", None, text(r["father_name"])))
            add(Fact(tc, "nvi.mother_name", None, text(r["mother_name"])))
            add(Fact(tc, "nvi.marital_status", None, choice(r["marital_status"], MARITAL)))
            add(Fact(tc, "nvi.family_register", None, text(r["family_register"])))
            add(Fact(tc, "nvi.address", None, f"{text(address['neighbourhood'])}, {text(address['district'])}"))
            deceased = day(r["deceased_on"], optional=True)
            if deceased:
                add(Fact(tc, "nvi.deceased_on", None, deceased.isoformat()))
