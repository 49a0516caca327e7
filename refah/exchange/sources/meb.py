"""MEB e-Okul: enrolment and monthly absence days (conditional education transfers)."""

import datetime as dt

from refah.exchange import errors
from refah.exchange.client import Fact, MalformedAnswer, Reader, Source
from refah.exchange.client.answers import Careful, choice, integer, subject, text
from refah.exchange.enums import Source as Code

LEVELS = ("none", "preschool", "primary", "lower_secondary", "upper_secondary")


class Meb(Source):
    code = Code.MEB

    def parse(self, tc: str, record: Reader) -> list[Fact]:
        level = record.text("level", choices=LEVELS)
        facts = [Fact(tc, "meb.enrolment", value_kurus=None, value_text=level)]
        for month in record.items("absences"):
            text = month.text("month")
            try:
                dt.date.fromisoformat(f"{text}-01")
            except ValueError:
                raise MalformedAnswer(f"{month.path}.month", errors.REASON_NOT_DATE) from None
            facts.append(Fact(tc, "meb.absence", value_kurus=month.integer("days"), value_text=text))
        return facts

    def parse_fast(self, records: list, asked: set[str], facts: list[Fact]) -> None:
        for r in records:
            tc = subject(r, asked)
            facts.append(Fact(tc, "meb.enrolment", None, choice(r["level"], LEVELS)))
            absences = r["absences"]
            if type(absences) is not list:
                raise Careful
            for month in absences:
                if type(month) is not dict:
                    raise Careful
                text_ = text(month["month"])
                dt.date.fromisoformat(f"{text_}-01")
                facts.append(Fact(tc, "meb.absence", integer(month["days"]), text_))
