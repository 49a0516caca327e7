"""Which synthetic households apply, drawn by seed from the month's determinations of the office's district."""

import random
from collections import defaultdict

from refah.eligibility.models import Determination
from refah.registry.enums import Role as MemberRole
from refah.registry.models import Household, Person, membership_current_q

# The programmes people apply for at the counter, most common first; none needs a document the
# synthetic registry cannot provide (see refah/cases/documents.py).
PROGRAMS = ["family_support", "social_market", "heating_aid", "income_support", "old_age_pension", "cct_health"]
WEIGHTS = [6, 4, 3, 2, 1, 1]


class Pools:
    """Households of a district split by programme and eligibility; each household is handed out once."""

    def __init__(self, *, district_id, period, seed: int, extra: list[str] = ()):
        self.rng = random.Random(seed)
        self.eligible: dict[str, list] = defaultdict(list)
        self.ineligible: dict[str, list] = defaultdict(list)
        wanted = [*PROGRAMS, *extra]  # extra: the approved custom programmes' codes
        rows = (
            Determination.objects.filter(household__district_id=district_id, period=period, program__in=wanted)
            .order_by("household__reference_code", "program")
            .values_list("household_id", "program", "eligible")
        )
        for household_id, program, eligible in rows:
            (self.eligible if eligible else self.ineligible)[program].append(household_id)
        for pool in (*self.eligible.values(), *self.ineligible.values()):
            self.rng.shuffle(pool)
        self.used: set = set()

    def program(self) -> str:
        return self.rng.choices(PROGRAMS, weights=WEIGHTS)[0]

    def take(self, program: str, *, eligible: bool | None) -> tuple[Household, str] | None:
        """A fresh household for the programme (eligible, ineligible or either); falls back to other programmes."""
        order = [program] + [p for p in PROGRAMS if p != program]
        for code in order:
            for found in self._candidates(code, eligible):
                if found not in self.used:
                    self.used.add(found)
                    return Household.objects.get(pk=found), code
        return None

    def take_only(self, program: str) -> Household | None:
        """A fresh household eligible for exactly this programme, or None (no fallback)."""
        for found in self.eligible[program]:
            if found not in self.used:
                self.used.add(found)
                return Household.objects.get(pk=found)
        return None

    def _candidates(self, program: str, eligible: bool | None) -> list:
        if eligible is None:
            return self.eligible[program] + self.ineligible[program]
        return (self.eligible if eligible else self.ineligible)[program]


def members(household: Household) -> list[Person]:
    """Current members, reference person first (they all give consent at the counter)."""
    people = Person.objects.filter(membership_current_q("memberships__"), memberships__household=household)
    return sorted(people.distinct(), key=lambda p: (not p.memberships.filter(role=MemberRole.REFERENCE).exists(), p.pk))


def reference(household: Household) -> Person:
    return Person.objects.filter(
        membership_current_q("memberships__"), memberships__household=household, memberships__role=MemberRole.REFERENCE
    ).first()
