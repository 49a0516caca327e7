"""The screener's questions: every input a rule may read, its label, the values it may take, and when a
member is not asked at all (a two-year-old has no job, a man is not pregnant).

The screener evaluates a household whose answers are partial: each unanswered input is tried at its
candidate values (screener.py), so a program is "likely" or "unlikely" only when no answer could
change that, and "unknown" otherwise, naming what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from refah.registry import enums
from refah.registry.facts import FACTS, Entity, Kind, Reading, facts_of

HIGH_AMOUNT = "1000000.00"  # TL: above any threshold, so "much income" or "many assets" is tried too
Concerns = Callable[[int, dict], bool]  # (age, the member's answers) → is the member asked
_ENROLLED = ("primary", "lower_secondary", "upper_secondary")


@dataclass(frozen=True)
class Question:
    """One input: `key` as the API names it, the engine `columns` it fills, the `candidates` tried when it is
    not answered, and for a member question whether it concerns that member and the value when it does not."""

    key: str
    label: Any
    candidates: tuple
    columns: tuple[str, ...]
    member: bool = False
    concerns: Callable[[int, dict], bool] | None = None
    implied: Any = None  # the value for a member the question does not concern (None: left unanswered)


def _adult(age: int, member: dict) -> bool:
    return age >= 15


def _school_age(age: int, member: dict) -> bool:
    return 3 <= age <= 25


def _pupil(age: int, member: dict) -> bool:
    # whoever may be asked the school (or was answered a school grade) may be asked the absences
    return _school_age(age, member) and member.get("school_level") in (None, *_ENROLLED)


def _young_child(age: int, member: dict) -> bool:
    return age < 7


def _may_be_pregnant(age: int, member: dict) -> bool:
    return member.get("sex") != "M" and 12 <= age <= 55


def _minor(age: int, member: dict) -> bool:
    return age < 18


_BOOL = (False, True)


def _ask(
    name: str, concerns: Callable[[int, dict], bool] | None = None, implied: Any = None, candidates=()
) -> Question:
    """The question filling a declared fact (refah.registry.facts): its key, label and column come from the
    declaration; its candidates (by default every code, no / yes, none / much money), whom it concerns and
    the value implied for the others are the screener's."""
    fact = FACTS[name]
    if not candidates:
        defaults = {Kind.BOOL: _BOOL, Kind.NULLABLE_BOOL: _BOOL, Kind.MONEY: ("0", HIGH_AMOUNT)}
        candidates = tuple(fact.codes.values) if fact.codes is not None else defaults[fact.kind]
    member = fact.entity == Entity.PERSON
    return Question(fact.screener_key, fact.label, candidates, (fact.name,), member, concerns, implied)


# In the order the screener asks (and lists what is missing).
MEMBER_QUESTIONS = (
    _ask("sex"),
    _ask("employment_status", _adult, "child"),
    _ask("marital_status", _adult, "single"),
    _ask("social_security", _adult, "none"),
    _ask("income", _adult, "0"),
    _ask("school_level", _school_age, "none"),
    _ask("absence_days", _pupil, candidates=(0, 31)),
    _ask("disability_percent", candidates=(0, 40, 50, 70, 100)),
    _ask("dependency"),
    _ask("chronic_illness"),
    _ask("pregnant", _may_be_pregnant, False),
    _ask("sed_risk", _minor, False),
    _ask("in_state_care"),
    _ask("orphan"),
    _ask("spouse_deceased", _adult, False),
    _ask("child_checkups_done", _young_child, candidates=(True, False)),
)

_ASSETS_HIGH = tuple({"kind": kind, "value": "100000000.00"} for kind in enums.AssetKind.values)
HOUSEHOLD_QUESTIONS = (
    _ask("province_plate", candidates=tuple(range(1, 82))),
    _ask("is_rural"),
    _ask("dwelling_type"),
    _ask("tenure"),
    _ask("monthly_rent"),
    _ask("heating"),
    _ask("rooms", candidates=(1, 12)),
    # one question for every asset fact: the screener asks for a list of assets
    Question(
        "assets",
        _("Assets (vehicle, property, land, livestock)"),
        ((), _ASSETS_HIGH),
        tuple(fact.name for fact in facts_of(Entity.HOUSEHOLD, reading=Reading.ASSET_SUM)),
    ),
)
QUESTIONS = {question.key: question for question in (*MEMBER_QUESTIONS, *HOUSEHOLD_QUESTIONS)}
# Engine column → the question that fills it (the engine's MissingInputError names columns).
BY_COLUMN = {column: question for question in QUESTIONS.values() for column in question.columns}


def age_on(birth_date: Any, day: dt.date) -> int:
    """Completed years on `day` (the screener's month), from an ISO date or a date."""
    born = birth_date if isinstance(birth_date, dt.date) else dt.date.fromisoformat(str(birth_date))
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def with_implied(household: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """The household with the answers that follow from age and sex filled in where not given."""
    members = []
    for member in household.get("members", []):
        member = dict(member)
        age = age_on(member["birth_date"], day)
        for question in MEMBER_QUESTIONS:
            concerned = question.concerns is None or question.concerns(age, member)
            if member.get(question.key) is None and not concerned and question.implied is not None:
                member[question.key] = question.implied
        members.append(member)
    return {**household, "members": members}


def unanswered(household: dict[str, Any], day: dt.date) -> dict[str, list[int]]:
    """Question key → the members (0-based) who still lack it; household questions map to []."""
    out: dict[str, list[int]] = {}
    for question in HOUSEHOLD_QUESTIONS:
        if household.get(question.key) is None:
            out[question.key] = []
    for question in MEMBER_QUESTIONS:
        lacking = [
            i
            for i, member in enumerate(household["members"])
            if member.get(question.key) is None
            and (question.concerns is None or question.concerns(age_on(member["birth_date"], day), member))
        ]
        if lacking:
            out[question.key] = lacking
    return out
