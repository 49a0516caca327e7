"""Reason codes → sentences in Turkish and English, with the compared values.

Only called for one household (or a sample): the arrays stay untouched at scale.
    per-capita income 12,500.00 TL ≤ 14,736.45 TL = 2/3 × net minimum wage (22,104.67 TL) ✓
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from refah.common.money import format_tl
from refah.eligibility.units import unit_label

if TYPE_CHECKING:
    from refah.eligibility.result import Condition, ProgramResult, Result

NEGATED = {"<": "≥", "<=": ">", ">": "≤", ">=": "<", "==": "≠", "!=": "="}
SHOWN = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}

WORDS = {
    "tr": {
        "yes": "evet",
        "no": "hayır",
        "member": "{n}. kişi",
        "eligible": "hak sahibi",
        "not_eligible": "hak sahibi değil",
        "not_in_force": "dönemde yürürlükte değil",
        "months": "ay",
        "days": "gün",
        "years": "yaş",
        "alternative_met": "seçeneklerden biri; başka bir seçenek karşılanıyor",
        "alternative_open": "seçeneklerden biri; biri yeterli",
    },
    "en": {
        "yes": "yes",
        "no": "no",
        "member": "member {n}",
        "eligible": "eligible",
        "not_eligible": "not eligible",
        "not_in_force": "not in force in the period",
        "months": "months",
        "days": "days",
        "years": "years",
        "alternative_met": "an alternative; another one is met",
        "alternative_open": "an alternative; one of them is enough",
    },
}


FREQUENCY = {
    "tr": {"monthly": "aylık", "one_off": "bir kez", "yearly": "yıllık"},
    "en": {"monthly": "monthly", "one_off": "once", "yearly": "yearly"},
}


def format_value(value: Any, kind: str, lang: str) -> str:
    """One compared value for people: money as TL, scores with one decimal, flags as yes/no."""
    if value is None:
        return ""
    if kind == "money":
        return format_tl(int(value), lang)
    if kind == "flag":
        return WORDS[lang]["yes" if bool(value) else "no"]
    if kind == "score":
        return f"{float(value):.1f}".replace(".", "," if lang == "tr" else ".")
    if kind == "percent":
        return f"%{int(value)}" if lang == "tr" else f"{int(value)} %"
    return f"{int(value):,}".replace(",", "." if lang == "tr" else ",")


def _at(values: Any, i: int) -> Any:
    return values[i] if isinstance(values, np.ndarray) and values.ndim else values


def sentence(condition: Condition, i: int, lang: str, passed: bool) -> str:
    """The condition at row i (a household or a person) as one sentence."""
    subject = condition.subject[lang]
    lhs = format_value(_at(condition.lhs, i), condition.kind, lang)
    if condition.op == "is":
        return f"{subject}: {lhs}"
    if condition.op == "info":
        rhs = _at(condition.rhs, i)
        tail = f" → {condition.note[lang]} {format_tl(int(rhs), lang)}" if rhs is not None and condition.note else ""
        return f"{subject}: {lhs}{tail}"
    op = SHOWN.get(condition.op, condition.op) if passed else NEGATED[condition.op]
    rhs = format_value(_at(condition.rhs, i), "money" if condition.kind == "money" else condition.kind, lang)
    note = f" = {condition.note[lang]}" if condition.note else ""
    return f"{subject} {lhs} {op} {rhs}{note}"


def explain_condition(condition: Condition, result: Result, i: int, lang: str) -> list[dict[str, Any]]:
    """Reason items of one condition for household row i: one item, or one per concerned member."""
    if condition.level == "household":
        if condition.quiet and not _at(condition.lhs, i):
            return []
        passed = bool(_at(condition.passed, i))
        return [{"code": condition.code, "passed": passed, "text": sentence(condition, i, lang, passed)}]
    rows = np.flatnonzero(result.batch.person_household == i)
    first = rows[0] if len(rows) else 0
    items = []
    for row in rows:
        if condition.applies is not None and not condition.applies[row]:
            continue
        passed = bool(_at(condition.passed, row))
        member = WORDS[lang]["member"].format(n=row - first + 1)
        items.append(
            {
                "code": condition.code,
                "passed": passed,
                "member": int(row - first + 1),
                "text": f"{member}: {sentence(condition, row, lang, passed)}",
            }
        )
    return items


def amount_text(program: ProgramResult, i: int, lang: str) -> str:
    """ "amount: 1.250,00 TL monthly" in the program's unit."""
    parts = []
    for frequency, values in program.amounts.items():
        value = int(values[i])
        if value:
            shown = (
                format_tl(value, lang)
                if program.unit == "TRY"
                else f"{format_value(value, 'count', lang)} {unit_label(program.unit, lang)}"
            )
            parts.append(f"{shown} {FREQUENCY[lang][frequency]}")
    label = {"tr": "tutar", "en": "amount"}[lang]
    return f"{label}: {', '.join(parts) or format_value(0, 'count', lang)}"


def explain_household(result: Result, i: int, lang: str = "tr") -> dict[str, list[dict[str, Any]]]:
    """Per program: the verdict and every reason item, as sentences in `lang`."""
    out: dict[str, list[dict[str, Any]]] = {}
    for code, program in result.programs.items():
        if program.not_in_force:
            out[code] = [{"code": f"{code}.not_in_force", "passed": False, "text": WORDS[lang]["not_in_force"]}]
            continue
        verdict = WORDS[lang]["eligible" if program.eligible[i] else "not_eligible"]
        items = [
            {
                "code": f"{code}.verdict",
                "passed": bool(program.eligible[i]),
                "text": f"{program.label[lang]}: {verdict}",
            }
        ]
        met = _alternatives_met(program, result, i)
        for condition in program.conditions:
            if condition.code.startswith("interactions.") and not program.eligible[i]:
                continue
            reasons = explain_condition(condition, result, i, lang)
            if condition.any_of:
                reasons = [alternative_item(item, met[condition.any_of], lang) for item in reasons]
            items.extend(reasons)
        if program.eligible[i]:
            items.append({"code": f"{code}.amount", "passed": True, "text": amount_text(program, i, lang)})
        out[code] = items
    return out


def _alternatives_met(program: ProgramResult, result: Result, i: int) -> dict[str, bool]:
    """Per group of alternative conditions (any_of): whether one passed for household row i. A condition's
    reason bit is clear when it passed or an alternative of its group did, so one clear bit is enough."""
    batch = result.batch
    bits = int(program.reason_bits(batch.person_household, len(program.eligible), batch)[i])
    met: dict[str, bool] = {}
    for k, condition in enumerate(program.conditions[:32]):
        if condition.any_of:
            met[condition.any_of] = met.get(condition.any_of, False) or not bits & (1 << k)
    return met


def alternative_item(item: dict[str, Any], group_met: bool, lang: str) -> dict[str, Any]:
    """A failed alternative says so, and whether another alternative made up for it (issue 12). Also used for
    stored determinations (eligibility.selectors.reasons_render)."""
    if item["passed"]:
        return item
    note = WORDS[lang]["alternative_met" if group_met else "alternative_open"]
    return {**item, "alternative": True, "text": f"{item['text']} ({note})"}
