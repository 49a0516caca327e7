"""Approved parameter values from the database, layered over the YAML time series.

E's ParameterSet takes flat overrides for the one day it evaluates (`{"home_care.income_ratio": "3/4"}`),
so the dated overlay is resolved here, per period: a database value applies on a day when it is the
latest approved value started by then and it is not older than the YAML value in force that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from refah.common.i18n import active_language
from refah.eligibility.models import ApprovalStatus, ParameterValue
from refah.eligibility.params import Parameter, load_parameters


@dataclass(frozen=True)
class HistoryEntry:
    """One dated value of a parameter, from the YAML file or the database overlay."""

    start: dt.date
    value: Any
    reference: str
    origin: str  # "yaml" | "database"
    status: str  # ApprovalStatus for database values; "approved" for YAML
    assumed: bool = False
    record: ParameterValue | None = None


def approved_values() -> dict[str, list[tuple[dt.date, Any]]]:
    """{parameter: [(start, raw value), …] oldest first} of every approved database value."""
    out: dict[str, list[tuple[dt.date, Any]]] = {}
    rows = ParameterValue.objects.filter(status=ApprovalStatus.APPROVED).order_by("parameter", "start")
    for name, start, value in rows.values_list("parameter", "start", "value"):
        out.setdefault(name, []).append((start, value))
    return out


def _restore_keys(raw: Any) -> Any:
    """JSON keeps mapping keys as strings; YAML parameter tables are keyed by whole numbers."""
    if isinstance(raw, dict):
        return {int(key) if str(key).lstrip("-").isdigit() else key: _restore_keys(value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [_restore_keys(value) for value in raw]
    return raw


def _yaml_start(parameter: Parameter, day: dt.date) -> dt.date | None:
    starts = [entry.start for entry in parameter.values if entry.start <= day]
    return starts[-1] if starts else None


def overrides_on(day: dt.date, approved: dict[str, list[tuple[dt.date, Any]]] | None = None) -> dict[str, Any]:
    """The approved database values in force on `day`, as ParameterSet overrides."""
    approved = approved_values() if approved is None else approved
    parameters = load_parameters()
    overrides = {}
    for name, values in approved.items():
        in_force = [(start, raw) for start, raw in values if start <= day]
        if not in_force or name not in parameters:
            continue
        start, raw = in_force[-1]
        yaml_start = _yaml_start(parameters[name], day)
        if yaml_start is None or start >= yaml_start:
            overrides[name] = _restore_keys(raw)
    return overrides


def parameter_history(name: str) -> list[HistoryEntry]:
    """Every dated value of a parameter, YAML and database (proposed, approved, rejected), oldest first; a YAML
    value's public source in the active language."""
    parameter = load_parameters()[name]
    lang = active_language()
    entries = [
        HistoryEntry(entry.start, entry.raw, entry.reference[lang], "yaml", ApprovalStatus.APPROVED, entry.assumed)
        for entry in parameter.values
    ]
    for record in ParameterValue.objects.filter(parameter=name).select_related("proposed_by", "decided_by"):
        entries.append(
            HistoryEntry(record.start, record.value, record.reference, "database", record.status, False, record)
        )
    return sorted(entries, key=lambda entry: (entry.start, entry.origin == "database"))


def latest_start(name: str) -> dt.date:
    """The start of the newest value in force or scheduled (YAML or approved database value)."""
    starts = [entry.start for entry in load_parameters()[name].values]
    starts += ParameterValue.objects.filter(parameter=name, status=ApprovalStatus.APPROVED).values_list(
        "start", flat=True
    )
    return max(starts)
