"""The published priority of the waiting lists: points and the reason for each, in Turkish and English.

Shown to staff on the priority page and in docs/care.md; every entry shows its points and why. Ties are broken by
the days waiting (the earlier listed first), then by the time of listing. The points weigh the need for care the
way the directorate's admission committees do (Huzurevleri Yönetmeliği's admission conditions: care need, no one
to care, no means): care dependency and living alone count most.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from refah.care.enums import Population
from refah.care.kinds import KINDS
from refah.eligibility.models import Determination
from refah.registry.enums import Dependency
from refah.registry.models import Membership

# The Law 2022 pensions test income per person of the person and spouse against 1/3 of the net minimum wage; an
# eligible determination of either program is the rules' finding that the income is below that threshold.
LAW_2022_PROGRAMS = ("old_age_pension", "disability_pension")


@dataclass(frozen=True)
class Rule:
    code: str
    points: int
    tr: str
    en: str


RULES: tuple[Rule, ...] = (
    Rule("lives_alone", 30, "Yalnız yaşıyor (hanede başka üye yok)", "Lives alone (no other household member)"),
    Rule("fully_dependent", 30, "Tam bağımlı: günlük yaşamda sürekli bakıma muhtaç", "Fully dependent on care"),
    Rule("partly_dependent", 15, "Kısmen bağımlı", "Partly dependent on care"),
    Rule("severe_disability", 20, "Engel oranı %70 veya üzeri", "Disability rate of 70 % or more"),
    Rule("disability", 10, "Engel oranı %40–69", "Disability rate of 40–69 %"),
    Rule(
        "no_carer",
        20,
        "Hanede bakım verebilecek 18–64 yaş arası üye yok",
        "No household member aged 18–64 able to give care",
    ),
    Rule(
        "low_income",
        15,
        "Gelir 2022 sayılı Kanun eşiğinin altında (kural motorunun belirlemesi)",
        "Income below the Law 2022 threshold (the rules' determination)",
    ),
    Rule("age_80", 10, "80 yaş ve üzeri (yaşlı hizmetleri)", "Aged 80 or over (elderly services)"),
    Rule("age_75", 5, "75–79 yaş (yaşlı hizmetleri)", "Aged 75–79 (elderly services)"),
)
BY_CODE = {rule.code: rule for rule in RULES}


@dataclass(frozen=True)
class Scored:
    entry: object
    points: int
    reasons: tuple[Rule, ...]
    days_waiting: int


def _codes(person, others: list, day: dt.date, low_income: bool, population: str) -> list[str]:
    codes = []
    if not others:
        codes.append("lives_alone")
    codes += {Dependency.FULL: ["fully_dependent"], Dependency.PARTIAL: ["partly_dependent"]}.get(person.dependency, [])
    if person.disability_percent >= 70:
        codes.append("severe_disability")
    elif person.disability_percent >= 40:
        codes.append("disability")
    carers = [p for p in others if 18 <= p.age_on(day) <= 64 and p.dependency != Dependency.FULL]
    if others and not carers:
        codes.append("no_carer")
    if low_income:
        codes.append("low_income")
    if population == Population.ELDERLY:
        age = person.age_on(day)
        codes += ["age_80"] if age >= 80 else ["age_75"] if age >= 75 else []
    return codes


def score_entries(entries, day: dt.date) -> list[Scored]:
    """The entries with their points and reasons, highest first (ties: the longest waiting first)."""
    entries = list(entries)
    households = {e.household_id for e in entries}
    members = defaultdict(list)
    for m in Membership.objects.current().filter(household_id__in=households).select_related("person"):
        members[m.household_id].append(m.person)
    low = _low_income(households)
    scored = []
    for e in entries:
        others = [p for p in members[e.household_id] if p.pk != e.person_id]
        codes = _codes(e.person, others, day, e.household_id in low, KINDS[e.kind].population)
        reasons = tuple(BY_CODE[c] for c in codes)
        scored.append(Scored(e, sum(r.points for r in reasons), reasons, (day - e.listed_on).days))
    scored.sort(key=lambda s: (-s.points, s.entry.listed_on, s.entry.created_at))
    return scored


def _low_income(households: set) -> set:
    """Households whose latest determination of a Law 2022 pension is eligible (one query)."""
    rows = Determination.objects.filter(household_id__in=households, program__in=LAW_2022_PROGRAMS)
    latest: dict = {}
    for household_id, period, eligible in rows.values_list("household_id", "period", "eligible"):
        last = latest.get(household_id)
        if last is None or period > last[0]:
            latest[household_id] = (period, eligible)
        elif period == last[0]:
            latest[household_id] = (period, last[1] or eligible)
    return {household_id for household_id, (_period, eligible) in latest.items() if eligible}


def reason_text(rule: Rule, lang: str) -> str:
    return rule.tr if lang == "tr" else rule.en
