"""One suppressed cube per dataset: every margin of every dimension (district → province → Türkiye, month → year →
all years, program → all programs), every count measure, suppressed together by `suppression.suppress()`.

A cell's key is (measure, *dimension values); a dimension's value is a path from its top, so a district is
("TR76", "TR7601"), its province ("TR76", ALL) and the country (ALL, ALL). The groups whose equations a reader could
use are all of them at once: along each dimension, a parent equals the sum of its children (with the other
dimensions fixed, at any level), and within a cell, a measure equals the sum of its parts where the dataset says so
(decided = approved + refused). A money measure follows its count: hidden exactly when the count is. Every file,
page or API answer is a slice of these rows, so whatever anybody puts together from several downloads is part of
one table in which no hidden small cell can be derived (suppression.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from refah.reports.suppression import ALL, Group, check_threshold, suppress


@dataclass(frozen=True)
class Relation:
    """`total` = sum of `parts`, in every cell (count measures of one dataset)."""

    total: str
    parts: tuple[str, ...]


def _ancestors(path: tuple) -> list[tuple]:
    """The path itself and each of its ancestors up to all-ALL: ("TR76", "TR7601") → itself, (TR76, *), (*, *)."""
    out = [path]
    for level in range(len(path) - 1, -1, -1):
        out.append(path[:level] + (ALL,) * (len(path) - level))
    return out


def _parent(path: tuple) -> tuple | None:
    """The path one level up, or None at the top (all ALL)."""
    known = [i for i, v in enumerate(path) if v != ALL]
    if not known:
        return None
    last = known[-1]
    return path[:last] + (ALL,) * (len(path) - last)


def suppressed_cube(
    records: Iterable[Mapping],
    dims: Sequence[str],
    *,
    counts: Sequence[str],
    money: Mapping[str, str] | None = None,
    relations: Sequence[Relation] = (),
    threshold: int | None = None,
) -> list[dict]:
    """The cube of `records` (each: a path tuple per dim, an int per count measure, a Decimal per money measure)
    with all margins, suppressed. Rows: {dim: path, measure: value or None, "suppressed": {measure: bool}}."""
    threshold = check_threshold(threshold)
    money = dict(money or {})  # money measure -> the count measure it follows
    cells: dict[tuple, dict[str, object]] = defaultdict(lambda: dict.fromkeys([*counts, *money], 0))
    for record in records:
        paths = [tuple(record[d]) for d in dims]
        combos = [()]
        for path in paths:
            combos = [(*c, a) for c in combos for a in _ancestors(path)]
        for key in combos:
            cell = cells[key]
            for m in counts:
                cell[m] += int(record.get(m, 0) or 0)
            for m in money:
                cell[m] += record.get(m, 0) or 0
    values = {(m, *key): int(cell[m]) for key, cell in cells.items() for m in counts}
    groups = list(_groups(cells, len(dims), counts, relations))
    hidden = suppress(values, groups, threshold=threshold)
    rows = []
    for key in sorted(cells, key=lambda k: tuple(tuple((v == ALL, str(v)) for v in path) for path in k)):
        cell = cells[key]
        row: dict = dict(zip(dims, key, strict=True))
        flags = {}
        for m in counts:
            flags[m] = (m, *key) in hidden
            row[m] = None if flags[m] else int(cell[m])
        for m, follows in money.items():
            flags[m] = flags[follows]
            row[m] = None if flags[m] else cell[m]
        row["suppressed"] = flags
        rows.append(row)
    return rows


def _groups(cells, ndims: int, counts: Sequence[str], relations: Sequence[Relation]):
    members: dict[tuple, list[tuple]] = defaultdict(list)
    for key in cells:
        for d in range(ndims):
            parent = _parent(key[d])
            if parent is not None:
                members[(d, key[:d] + (parent,) + key[d + 1 :])].append(key)
    for (_, total), keys in members.items():
        if total in cells:
            for m in counts:
                yield Group((m, *total), tuple((m, *k) for k in sorted(keys, key=repr)))
    for key in cells:
        for relation in relations:
            yield Group((relation.total, *key), tuple((p, *key) for p in relation.parts))
