"""Every audit action the code writes has a label in the catalogue (refah.audit.actions), in both languages.

The actions are collected from the source: the `action=` of every `audit_record(...)` or `_audit(...)` call,
a local variable's literal values, and the two f-strings that build an action from a known list.
"""

import ast
from pathlib import Path

from django.utils import translation

from refah.audit.actions import ACTION_LABELS, action_label
from refah.payments.enums import StockMoveKind

ROOT = Path(__file__).resolve().parents[2]
AUDIT_CALLS = {"audit_record", "_audit"}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _keyword(call: ast.Call, name: str):
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _literal_actions_of(function_name: str) -> set[str]:
    """The literal `action=` values of every call to `function_name` (e.g. case_transition)."""
    found = set()
    for _path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) == function_name:
                value = _keyword(node, "action")
                if isinstance(value, ast.Constant):
                    found.add(value.value)
    return found


def _assigned_strings(function: ast.AST, variable: str) -> set[str]:
    return {
        const.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == variable for t in node.targets)
        for const in ast.walk(node.value)
        if isinstance(const, ast.Constant) and isinstance(const.value, str)
    }


def _expanded(template: str) -> set[str]:
    """The actions an f-string can build; an f-string not listed here fails the test, so it gets a rule."""
    expansions = {
        "case_{action}": {f"case_{a}" for a in _literal_actions_of("case_transition")},
        "payments.stock_{kind}": {f"payments.stock_{k}" for k in StockMoveKind.values},
    }
    assert template in expansions, f"an audit action built as f'{template}': list what it can be in this test"
    return expansions[template]


def _actions_in(function: ast.AST, call: ast.Call, where: str) -> set[str]:
    value = _keyword(call, "action")
    if value is None and (any(kw.arg is None for kw in call.keywords) or _name(call) != "audit_record"):
        return set()  # a wrapper passing its own keywords on, or a helper of that name with its own signature
    if isinstance(value, ast.Constant):
        return {value.value}
    if isinstance(value, ast.Name):
        found = _assigned_strings(function, value.id)
        assert found, f"{where}: action={value.id} is not assigned a literal in the function"
        return found
    if isinstance(value, ast.JoinedStr):
        return _expanded(
            "".join(p.value if isinstance(p, ast.Constant) else "{" + ast.unparse(p.value) + "}" for p in value.values)
        )
    raise AssertionError(f"{where}: audit action {ast.unparse(value) if value else '(none)'} cannot be read")


def written_actions() -> dict[str, str]:
    """{action: where it is written} over the whole code (tests and migrations left out)."""
    actions = {}
    for path, tree in _sources():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and _name(call) in AUDIT_CALLS:
                    where = f"{path.relative_to(ROOT)}:{call.lineno}"
                    actions.update(dict.fromkeys(_actions_in(function, call, where), where))
    return actions


def test_every_written_action_has_a_label():
    actions = written_actions()
    assert {"aidcard_load", "item_decide", "case_decide", "vote_cast", "payments.stock_receipt"} <= actions.keys()
    missing = {action: where for action, where in actions.items() if action not in ACTION_LABELS}
    assert not missing, f"audit actions without a label in refah/audit/actions.py: {missing}"


def test_labels_are_translated_and_free_of_codes():
    with translation.override("tr"):
        turkish = {action: action_label(action) for action in ACTION_LABELS}
    with translation.override("en"):
        english = {action: action_label(action) for action in ACTION_LABELS}
    untranslated = [a for a in ACTION_LABELS if turkish[a] == english[a]]
    assert not untranslated, f"no Turkish label for {untranslated}"
    assert not [t for t in turkish.values() if "_" in t]
