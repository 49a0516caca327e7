"""Collect the policy staff's YAML cases: tests/rules/<program>/*.yaml, one test item per case.

A file holds `cases` and may hold `household_defaults` / `member_defaults`: fields written once and
copied into every case of the file (a convenience of the test file, never of the engine).

    household_defaults: {il: 76, ilce: TUR076002, ...}
    member_defaults: {disability_percent: 0, dependency: none, ...}
    cases:
      - name: per-capita income 400 TL is in the first band
        period: 2023-07
        # 1,600 / 4 = 400 ≤ 450 → 1,250 TL; two children → add-on 350 TL; 1,250 + 350 = 1,600
        members: [{role: reference, birth_date: 1980-01-01, ...}, ...]
        parameters: {family_support.last_band_amount: "900"}   # optional overrides
        dated_parameters:                                      # optional dated values, as the policy office
          other_aid.counts_as_income: {2025-07-01: true}       # approves them (overlay.overrides_on)
        output:
          family_support: {eligible: true, monthly: 1600.00}
          work_capable: {eligible: true, members: [1, 2]}        # the persons it is for, by member number
          need_score: 64.1                                      # optional, ± 0.05
        error: MissingInputError                                # instead of output
"""

from pathlib import Path
from typing import Any

import pytest

from refah.common.money import tl_to_kurus
from refah.eligibility import errors
from refah.eligibility.engine import evaluate
from refah.eligibility.params import load_yaml

RULES_DIR = Path(__file__).parent / "rules"
FREQUENCIES = ("monthly", "one_off", "yearly")


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.parent == RULES_DIR:
        return YamlCaseFile.from_parent(parent, path=file_path)
    return None


class YamlCaseFile(pytest.File):
    def collect(self):
        data = load_yaml(self.path)
        for case in data["cases"]:
            yield YamlCase.from_parent(self, name=case["name"], case=case, data=data)


class YamlCase(pytest.Item):
    def __init__(self, *, case: dict[str, Any], data: dict[str, Any], **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case
        self.program = self.path.parent.name
        household = {**data.get("household_defaults", {}), **case.get("household", {})}
        household["members"] = [{**data.get("member_defaults", {}), **m} for m in case["members"]]
        self.household = household

    def runtest(self) -> None:
        case = self.case
        programs = [code for code in case.get("output", {self.program: None}) if code != "need_score"]
        if "need_score" in case.get("output", {}):
            programs.append("need_score")
        overrides = {**_dated(case), **(case.get("parameters") or {})}
        run = lambda: evaluate(self.household, str(case["period"]), programs, overrides)  # noqa: E731
        if "error" in case:
            with pytest.raises(getattr(errors, case["error"])):
                run()
            return
        result = run()
        summary = result.summary(0)
        for code, expected in case["output"].items():
            if code == "need_score":
                assert summary["need_score"] == pytest.approx(float(expected), abs=0.05), summary["need_score"]
                continue
            if "members" in expected:
                chosen = result.programs[code].beneficiaries
                got = [i + 1 for i in range(len(chosen)) if chosen[i]]
                assert got == expected["members"], f"{code}: members {got} != {expected['members']}"
                expected = {key: value for key, value in expected.items() if key != "members"}
            check(code, summary[code], expected)

    def reportinfo(self):
        return self.path, 0, f"{self.program}: {self.name}"


def _dated(case: dict[str, Any]) -> dict[str, Any]:
    """The case's dated parameter values in force on its period, as the approved overlay resolves them."""
    if not case.get("dated_parameters"):
        return {}
    from refah.eligibility.engine import parse_period
    from refah.eligibility.overlay import overrides_on

    approved = {
        name: sorted((start, raw) for start, raw in values.items()) for name, values in case["dated_parameters"].items()
    }
    return overrides_on(parse_period(str(case["period"])), approved)


def check(code: str, got: dict[str, Any], expected: dict[str, Any]) -> None:
    """Compare one program's summary with the case's expected eligibility and amounts (TL for TRY)."""
    for key, value in expected.items():
        if key == "eligible":
            assert got["eligible"] is value, f"{code}: eligible {got['eligible']} != {value}; {got}"
        elif key == "not_in_force":
            assert bool(got["not_in_force"]) is value, f"{code}: not_in_force {got['not_in_force']}"
        elif key in FREQUENCIES:
            want = tl_to_kurus(value) if got["unit"] == "TRY" else int(value)
            assert got["amounts"][key] == want, f"{code}: {key} {got['amounts'][key]} != {want} ({got['unit']})"
        else:
            raise AssertionError(f"Unknown expectation {key!r} in case for {code}")
