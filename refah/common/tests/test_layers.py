"""The layer order of the apps: an app imports only apps below it, so each layer can be read, tested and changed
without the ones above (issue 13). The test reads the source (ast), not the running imports: an import inside a
function counts as much as one at the top, since it is the same dependency taken later."""

import ast
import re
from pathlib import Path

from django.apps import apps

REFAH = Path(__file__).resolve().parents[2]

# Bottom to top. An app may import the apps before it in this list and none after it; `demo` (the demo users and
# scenario) is the top and may import every app. A new app takes the place just above the apps it needs; when a
# lower app seems to need a higher one, the code belongs to the higher app (e.g. the access log's review, which
# finds people and jurisdictions, lives in the registry, while the audit core every app writes to stays below).
# docs/architecture.md cites this constant.
LAYERS = (
    "common",
    "audit",
    "geo",
    "accounts",
    "registry",
    "synth",
    "linkage",
    "exchange",
    "aidrecords",
    "eligibility",
    "notifications",
    "cases",
    "committees",
    "employment",
    "casework",
    "shelters",
    "care",
    "entitlements",
    "asdep",
    "aidcard",
    "payments",
    "targeting",
    "reports",
    "portal",
    "demo",
)
# Tests may import anything (a test builds its world from the apps above); migrations are frozen history.
SKIPPED_DIRS = {"tests", "migrations"}


def app_modules(app: str):
    """Every source module of an app, tests and migrations left out."""
    root = REFAH / app
    for path in sorted(root.rglob("*.py")):
        if not SKIPPED_DIRS & set(path.relative_to(root).parts[:-1]):
            yield path


def imported_modules(path: Path, tree: ast.Module):
    """(line, dotted module) for every import in the file, at any depth (functions, TYPE_CHECKING blocks alike: a
    type seen only by the checker still ties this app to the other's names). `from refah import x` yields refah.x."""
    package = ".".join(path.relative_to(REFAH.parent).parts[:-1])  # what `.` means in this file
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module == "refah":
                for alias in node.names:
                    yield node.lineno, f"refah.{alias.name}"
            else:
                yield node.lineno, module


def upward_imports() -> list[str]:
    found = []
    for level, app in enumerate(LAYERS):
        allowed = set(LAYERS[: level + 1])
        for path in app_modules(app):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for line, module in imported_modules(path, tree):
                parts = module.split(".")
                if parts[0] != "refah" or len(parts) < 2:
                    continue
                other = parts[1]
                if other not in allowed:
                    where = f"{path.relative_to(REFAH.parent)}:{line}"
                    why = "above it" if other in LAYERS else "not in LAYERS"
                    found.append(f"{where} ({app}) imports {module}: {other} is {why}")
    return found


def test_every_refah_app_has_its_place_in_the_layers():
    # by top package: refah.targeting.anomalies (label targeting_anomalies) is a Django app inside targeting
    installed = {config.name.split(".")[1] for config in apps.get_app_configs() if config.name.startswith("refah.")}
    assert sorted(installed) == sorted(LAYERS), "an app of refah is missing from LAYERS (or LAYERS names a ghost)"


def test_no_app_imports_an_app_above_it():
    found = upward_imports()
    assert not found, "imports of a higher app:\n" + "\n".join(found)


def test_the_check_sees_imports_at_any_depth_and_relative_ones():
    """The parser itself: a relative import and one inside a function are found and resolved."""
    source = "from . import selectors\n\ndef f():\n    from refah.cases.models import Application\n"
    path = REFAH / "audit" / "example.py"  # never written: only its name places the relative import
    found = sorted(imported_modules(path, ast.parse(source)))
    assert found == [(1, "refah.audit"), (4, "refah.cases.models")]


def test_the_walk_reads_the_apps_code_and_leaves_tests_out():
    """Not a check that passes by reading nothing: the demo's own modules are read, its imports of the top apps
    seen, and no test module is among those read."""
    demo = [path.relative_to(REFAH).as_posix() for path in app_modules("demo")]
    assert "demo/money.py" in demo and "demo/management/commands/demo_scenario.py" in demo
    assert not [path for path in demo if "/tests/" in path]
    money = REFAH / "demo" / "money.py"
    imported = {module for _, module in imported_modules(money, ast.parse(money.read_text(encoding="utf-8")))}
    assert {"refah.payments.models", "refah.aidcard.models"} <= imported


# Templates depend on apps too: `{% load program_format %}` ties a page to the app whose template library it is.
LOAD_TAG = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
DJANGO_LIBRARIES = {"i18n", "static", "l10n", "tz", "cache"}


def template_libraries() -> dict[str, str]:
    """{library name: app} of every refah template library (refah/<app>/templatetags/<library>.py)."""
    return {path.stem: path.parts[-3] for path in REFAH.glob("*/templatetags/*.py") if path.stem != "__init__"}


def upward_template_loads() -> list[str]:
    owners, found = template_libraries(), []
    for level, app in enumerate(LAYERS):
        allowed = set(LAYERS[: level + 1])
        for path in sorted((REFAH / app / "templates").rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            for match in LOAD_TAG.finditer(text):
                for library in match.group(1).split():
                    if library in DJANGO_LIBRARIES or library == "from":
                        continue
                    owner = owners.get(library)
                    if owner not in allowed:
                        line = text.count("\n", 0, match.start()) + 1
                        where = f"{path.relative_to(REFAH.parent)}:{line}"
                        found.append(f"{where} ({app}) loads {library}: {owner or 'no refah app'} is not below it")
    return found


def test_no_template_loads_a_library_of_an_app_above_it():
    found = upward_template_loads()
    assert not found, "template libraries of a higher app:\n" + "\n".join(found)


def test_the_template_walk_knows_the_libraries_and_reads_the_pages():
    owners = template_libraries()
    assert owners["program_format"] == "eligibility" and owners["refah_format"] == "common"
    # A page of a low app that loaded a high app's library would be reported: the walk reads cases' case page.
    assert any(
        "program_format" in match.group(1)
        for match in LOAD_TAG.finditer(
            (REFAH / "cases" / "templates" / "cases" / "case_detail.html").read_text(encoding="utf-8")
        )
    )


# "A module past ~400 lines becomes a package split by subject, with a public __init__" (docs/architecture.md, how
# to add an app). The margin over 400 lets a module take a few lines before it must be split; not a licence to grow.
MODULE_LINES_MAX = 450


def test_no_module_is_past_the_size_where_it_becomes_a_package():
    long = [
        f"{path.relative_to(REFAH.parent)}: {lines} lines"
        for app in LAYERS
        for path in app_modules(app)
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES_MAX
    ]
    assert not long, "split these by subject into a package:\n" + "\n".join(long)
