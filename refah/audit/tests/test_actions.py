"""Every audit action the code writes is an `AuditAction` member (refah.audit.actions), labelled in both languages.

The actions are collected from the source: the `action=` of every `audit_record(...)`, `audit(...)`, `_audit(...)`,
`case_transition(...)` or `case_step(...)` call, a local variable's values, or a module's table of actions indexed by a
kind. A string (literal or f-string) fails: code names a member, so a misspelt action cannot reach the audit trail.
"""

import ast
from pathlib import Path

from django.utils import translation

from refah.audit.actions import AuditAction, action_label

ROOT = Path(__file__).resolve().parents[2]
AUDIT_CALLS = {"audit_record", "_audit", "audit", "case_transition", "case_step"}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _keyword(call: ast.Call, name: str):
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _members(node: ast.AST, where: str) -> set[str]:
    """The AuditAction members an expression can be (`AuditAction.X`, `AuditAction.X if … else AuditAction.Y`);
    anything else in it that could be an action — a string, another name — fails."""
    if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "AuditAction":
        assert node.attr in AuditAction.names, f"{where}: AuditAction.{node.attr} is not a member"
        return {AuditAction[node.attr].value}
    if isinstance(node, ast.IfExp):
        return _members(node.body, where) | _members(node.orelse, where)
    raise AssertionError(f"{where}: audit action {ast.unparse(node)} is not an AuditAction member")


def _assigned(scope: ast.AST, variable: str) -> list[ast.AST]:
    return [
        node.value
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == variable for t in node.targets)
    ]


def _actions_in(module: ast.Module, function: ast.AST, call: ast.Call, where: str) -> set[str]:
    value = _keyword(call, "action")
    if value is None and (any(kw.arg is None for kw in call.keywords) or _name(call) != "audit_record"):
        return set()  # a wrapper passing its own keywords on, or a helper of that name with its own signature
    if isinstance(value, ast.Name):
        if function.name in {"case_transition", "case_step"} and value.id == "action":
            return set()  # their own parameter, checked at every call of case_transition and case_step
        values = _assigned(function, value.id)
        assert values, f"{where}: action={value.id} is not assigned in the function"
        return set().union(*(_members(v, where) for v in values))
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name):
        tables = [v for v in _assigned(module, value.value.id) if isinstance(v, ast.Dict)]
        assert tables, f"{where}: {value.value.id} is not a table of actions in the module"
        return set().union(*(_members(v, where) for table in tables for v in table.values))
    assert value is not None, f"{where}: audit_record() without an action"
    return _members(value, where)


def written_actions() -> dict[str, str]:
    """{action: where it is written} over the whole code (tests and migrations left out)."""
    actions = {}
    for path, module in _sources():
        for function in ast.walk(module):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and _name(call) in AUDIT_CALLS:
                    where = f"{path.relative_to(ROOT)}:{call.lineno}"
                    actions.update(dict.fromkeys(_actions_in(module, function, call, where), where))
    return actions


def test_every_written_action_is_a_member():
    actions = written_actions()
    assert {"aidcard_load", "item_decide", "case_decide", "vote_cast", "stock_receipt"} <= actions.keys()
    assert set(actions) <= set(AuditAction.values)


def test_a_string_action_fails(tmp_path):
    """The collection refuses a literal, an f-string and a variable holding a string."""
    cases = [
        'audit_record(actor=a, action="household_register", obj=o)',
        'audit_record(actor=a, action=f"stock_{kind}", obj=o)',
        'action = "case_close"\n    case_transition(actor=a, application=o, target=t, action=action)',
    ]
    for code in cases:
        module = ast.parse(f"def f():\n    {code}\n")
        function = module.body[0]
        call = next(n for n in ast.walk(function) if isinstance(n, ast.Call))
        try:
            _actions_in(module, function, call, "example")
        except AssertionError:
            continue
        raise AssertionError(f"a string action was accepted: {code}")


def test_one_spelling():
    """snake case `<subject>_<verb>`, the member's name its value in capitals."""
    for member in AuditAction:
        assert member.value == member.value.lower() and "." not in member.value and " " not in member.value
        assert member.name == member.value.upper()


def test_labels_are_translated_and_free_of_codes():
    with translation.override("tr"):
        turkish = {action: action_label(action) for action in AuditAction.values}
    with translation.override("en"):
        english = {action: action_label(action) for action in AuditAction.values}
    untranslated = [a for a in AuditAction.values if turkish[a] == english[a]]
    assert not untranslated, f"no Turkish label for {untranslated}"
    assert not [t for t in turkish.values() if "_" in t]
    assert action_label("no_such_action") == "no_such_action"
