"""Who can work, as the rulebook says (eligibility's `work_capable` assessment) for one member of a household."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from refah.common.i18n import active_language
from refah.eligibility.engine import evaluate
from refah.eligibility.overlay import approved_values, overrides_on
from refah.eligibility.selectors import household_reading
from refah.registry.models import Household, Person

ASSESSMENT = "work_capable"


@dataclass(frozen=True)
class Capability:
    capable: bool
    reasons: list[dict] = field(default_factory=list)  # the member's reason items: {code, passed, text}

    @property
    def failed(self) -> list[str]:
        """The failed conditions' sentences, without the member's number ("age 62 > 55")."""
        return [item["text"].split(": ", 1)[-1] for item in self.reasons if not item["passed"]]


def work_capability(*, household: Household, person: Person, day: dt.date, lang: str | None = None) -> Capability:
    """Whether `person`, a member of `household` on `day`, can work, with the rule's reasons about them in `lang`
    (the active language by default). Not a member on that day: not capable, no reasons."""
    reading = household_reading(household=household, day=day)
    if reading is None or person.pk.hex not in reading[1]:
        return Capability(False)
    data, person_ids = reading
    result = evaluate(data, day, [ASSESSMENT], overrides_on(day, approved_values()))
    row = person_ids.index(person.pk.hex)
    member = row + 1
    items = [item for item in result.explain(0, lang or active_language())[ASSESSMENT] if item.get("member") == member]
    capable = bool(result.programs[ASSESSMENT].beneficiaries[row])
    return Capability(capable, items)
