"""The free places of private crèches: each crèche's quota is the share of its capacity the rulebook's dated
parameter `free_creche.quota_share` gives (3 % since 2023, Özel Kreş ve Gündüz Bakımevleri Yönetmeliği), rounded
up — a crèche of 40 places keeps 2 free (40 × 3 % = 1.2) —, and a place goes only to a child the free crèche rule
(eligibility/rules/free_creche.py) finds eligible: the household's stored determination of the month is eligible
and the child is under the rule's age limit."""

from __future__ import annotations

import datetime as dt

from refah.eligibility.models import Determination
from refah.eligibility.overlay import approved_values, overrides_on
from refah.eligibility.params import ParameterSet

PROGRAM = "free_creche"


def parameter(name: str, day: dt.date):
    """A rulebook parameter on `day`, approved database values included (eligibility.overlay)."""
    return ParameterSet(day, overrides_on(day, approved_values()))(name)


def quota(creche, day: dt.date) -> int:
    """The crèche's free places on `day`: ceil(capacity × quota share)."""
    share = parameter(f"{PROGRAM}.quota_share", day)
    return -(-creche.capacity * share.numerator // share.denominator)  # integer ceiling: no float rounding


def _age_months(person, day: dt.date) -> int:
    b = person.birth_date
    return (day.year - b.year) * 12 + day.month - b.month - (day.day < b.day)


def child_eligible(*, child, household, day: dt.date) -> bool:
    """The household's free crèche determination of the month is eligible and the child is young enough."""
    found = Determination.objects.filter(
        household=household, program=PROGRAM, period=day.replace(day=1), eligible=True
    ).exists()
    return found and _age_months(child, day) < parameter(f"{PROGRAM}.child_age_limit_months", day)
