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

HIGH_AMOUNT = "1000000.00"  # TL: above any threshold, so "much income" or "many assets" is tried too
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


def _codes(choices: type) -> tuple:
    return tuple(choices.values)


_BOOL = (False, True)

MEMBER_QUESTIONS = (
    Question("sex", _("Sex"), ("F", "M"), ("sex",), member=True),
    Question(
        "employment_status",
        _("Employment"),
        _codes(enums.EmploymentStatus),
        ("employment_status",),
        True,
        _adult,
        "child",
    ),
    Question(
        "marital_status", _("Marital status"), _codes(enums.MaritalStatus), ("marital_status",), True, _adult, "single"
    ),
    Question(
        "social_security",
        _("Social security"),
        _codes(enums.SocialSecurity),
        ("social_security",),
        True,
        _adult,
        "none",
    ),
    Question("monthly_income", _("Monthly income (TL)"), ("0", HIGH_AMOUNT), ("income",), True, _adult, "0"),
    Question("school_level", _("School"), _codes(enums.SchoolLevel), ("school_level",), True, _school_age, "none"),
    Question("absence_days", _("Absence days last month"), (0, 31), ("absence_days",), True, _pupil),
    Question("disability_percent", _("Disability %"), (0, 40, 50, 70, 100), ("disability_percent",), member=True),
    Question("dependency", _("Care dependency"), _codes(enums.Dependency), ("dependency",), member=True),
    Question("chronic_illness", _("Chronic illness"), _BOOL, ("chronic_illness",), member=True),
    Question("pregnant", _("Pregnant"), _BOOL, ("pregnant",), True, _may_be_pregnant, False),
    Question("sed_risk", _("Child at risk of entering care"), _BOOL, ("sed_risk",), True, _minor, False),
    Question("in_state_care", _("In state care"), _BOOL, ("in_state_care",), member=True),
    Question("orphan", _("Orphan"), _BOOL, ("orphan",), member=True),
    Question("spouse_deceased", _("Widow(er)"), _BOOL, ("spouse_deceased",), True, _adult, False),
    Question(
        "child_checkups_done",
        _("Health check-ups up to date (0–6)"),
        (True, False),
        ("child_checkups_done",),
        True,
        _young_child,
    ),
)

_ASSETS_HIGH = tuple({"kind": kind, "value": "100000000.00"} for kind in enums.AssetKind.values)
HOUSEHOLD_QUESTIONS = (
    Question("il", _("Province"), tuple(range(1, 82)), ("province_plate",)),
    Question("rural", _("Village (rural)"), _BOOL, ("is_rural",)),
    Question("dwelling_type", _("Dwelling"), _codes(enums.DwellingType), ("dwelling_type",)),
    Question("tenure", _("Tenure"), _codes(enums.Tenure), ("tenure",)),
    Question("monthly_rent", _("Monthly rent (TL)"), ("0", HIGH_AMOUNT), ("monthly_rent",)),
    Question("heating", _("Heating"), _codes(enums.Heating), ("heating",)),
    Question("rooms", _("Rooms"), (1, 12), ("rooms",)),
    Question(
        "assets",
        _("Assets (vehicle, property, land, livestock)"),
        ((), _ASSETS_HIGH),
        tuple(f"asset_{kind}" for kind in enums.AssetKind.values),
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
