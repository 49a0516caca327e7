"""Small-cell suppression of aggregate tables: what any export, public page, booklet or API answer of counts obeys.

A count from 1 to `threshold − 1` is not shown (primary suppression: a person in a small cell could be recognised).
Hiding it alone is not enough when the table also shows the totals it adds up to: the hidden cell would be the
total minus the shown ones. So the table is described by its **groups** — a total and the cells that add up to it
(the districts of a province, the months of a year, the programs of a district) — and cells are hidden until

1. no group has exactly one hidden entry (its total counts as an entry): one subtraction never reveals a cell, and
2. no hidden small cell is determined by the groups' equations taken together (a hidden cell on a "bridge" between
   two otherwise hidden blocks can be solved from several subtractions): checked exactly, by linear algebra, over
   each connected set of hidden cells.

The cells hidden in addition (complementary suppression) are the smallest non-zero shown members of the group
concerned, so as little as possible is lost; zeros are shown (nobody is in them) and hidden only as a last resort.
Money or other measures of a cell (the amount paid to its households) follow its count: hidden when it is.

`suppress()` works on any keys and groups; `suppress_cube()` builds a table with every margin from records
(district × program × month, …) and returns its rows with the hidden cells as None. Threshold: the setting
REFAH_SUPPRESSION_THRESHOLD (default 5), never below 2. In `common` because the public ledger's totals (the audit
app's, far below the reports) obey it too; the reports app re-exports it as `refah.reports.suppression`.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError

ERR_THRESHOLD = _("The suppression threshold must be a whole number of at least 2.")

ALL = "*"  # the margin's value of a dimension in suppress_cube's keys: "all of them"


def default_threshold() -> int:
    return int(getattr(settings, "REFAH_SUPPRESSION_THRESHOLD", 5))


def check_threshold(threshold: int | None) -> int:
    value = default_threshold() if threshold is None else threshold
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise RefahError(ERR_THRESHOLD, field="threshold")
    return value


@dataclass(frozen=True)
class Group:
    """`total` = sum of `members` (all keys of the table)."""

    total: Hashable
    members: tuple[Hashable, ...]


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppress(counts: Mapping[Hashable, int], groups: Iterable[Group], *, threshold: int | None = None) -> set:
    """The keys of `counts` to hide: every small count, and enough others that none can be derived (module doc)."""
    threshold = check_threshold(threshold)
    groups = [g for g in groups if g.members]
    hidden = {key for key, count in counts.items() if is_small(count, threshold)}
    groups_of: dict[Hashable, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        for key in (group.total, *group.members):
            groups_of[key].append(index)
    while True:
        changed = _one_per_group(counts, groups, hidden)
        if not changed:
            changed = _determined(counts, groups, groups_of, hidden, threshold)
        if not changed:
            return hidden


def _hide_one_more(counts, group: Group, hidden: set) -> bool:
    """Hide the smallest shown non-zero member of `group` (a zero, then the total, if no such member); False if all
    of the group is hidden already."""
    shown = [key for key in group.members if key not in hidden]
    nonzero = [key for key in shown if counts[key] > 0]
    pool = nonzero or shown
    if pool:
        hidden.add(min(pool, key=lambda key: (counts[key], repr(key))))
        return True
    if group.total not in hidden:
        hidden.add(group.total)
        return True
    return False


def _one_per_group(counts, groups: Sequence[Group], hidden: set) -> bool:
    changed = False
    again = True
    while again:
        again = False
        for group in groups:
            entries = (group.total, *group.members)
            if sum(key in hidden for key in entries) == 1 and _hide_one_more(counts, group, hidden):
                again = changed = True
    return changed


def _determined(counts, groups: Sequence[Group], groups_of, hidden: set, threshold: int) -> bool:
    """Hide one more cell where the groups' equations determine a hidden small cell; True if any was hidden.
    (A hidden zero or large cell that the equations give away discloses nobody: zeros are shown anyway.)"""
    for component in _components(groups, groups_of, hidden):
        keys = sorted(component, key=repr)
        index = {key: i for i, key in enumerate(keys)}
        rows = []
        touching = sorted({g for key in keys for g in groups_of[key]})
        for g in touching:
            group = groups[g]
            row = np.zeros(len(keys))
            if group.total in index:
                row[index[group.total]] = 1.0
            for key in group.members:
                if key in index:
                    row[index[key]] -= 1.0
            if row.any():
                rows.append(row)
        if not rows:
            continue
        matrix = np.array(rows)
        # x_i is determined by A x = b iff e_i lies in A's row space, i.e. the null space has no weight on i.
        _, singular, vt = np.linalg.svd(matrix)
        rank = int((singular > 1e-9 * max(1.0, singular[0] if singular.size else 1.0)).sum())
        null = vt[rank:]
        weights = np.abs(null).sum(axis=0) if null.size else np.zeros(len(keys))
        determined = [keys[i] for i in range(len(keys)) if weights[i] < 1e-9 and is_small(counts[keys[i]], threshold)]
        if determined:
            own = sorted(groups_of[determined[0]], key=lambda g: len(groups[g].members))
            others = sorted(set(touching) - set(own), key=lambda g: len(groups[g].members))
            for g in [*own, *others]:
                if _hide_one_more(counts, groups[g], hidden):
                    return True
    return False


def _components(groups, groups_of, hidden: set) -> list[set]:
    """Hidden keys joined when they share a group."""
    parent = {key: key for key in hidden}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for group in groups:
        inside = [key for key in (group.total, *group.members) if key in hidden]
        for a, b in itertools.pairwise(inside):
            parent[find(a)] = find(b)
    found: dict = defaultdict(set)
    for key in hidden:
        found[find(key)].add(key)
    return list(found.values())


def cube_groups(keys: Iterable[tuple], dims: int) -> list[Group]:
    """The groups of a table keyed by `dims`-tuples with ALL margins: along each dimension, the cell with ALL there
    is the total of the cells with each value there and the same values elsewhere."""
    keys = set(keys)
    by_rest: dict[tuple, list[tuple]] = defaultdict(list)
    for key in keys:
        for d in range(dims):
            if key[d] != ALL:
                by_rest[(d, key[:d] + key[d + 1 :])].append(key)
    groups = []
    for (d, rest), members in by_rest.items():
        total = rest[:d] + (ALL,) + rest[d:]
        if total in keys:
            groups.append(Group(total, tuple(sorted(members, key=repr))))
    return groups


def suppress_cube(
    records: Iterable[Mapping],
    dims: Sequence[str],
    *,
    count: str = "count",
    measures: Sequence[str] = (),
    threshold: int | None = None,
) -> list[dict]:
    """A table of `records` (each: the dims' values, a count, the measures) with every margin added (ALL in a
    dimension), suppressed: its rows, each with the dims, `count` and the measures (None when hidden) and
    `suppressed`. Records with the same dims are added up; a measure's margins are sums like the counts' (a measure
    a record has not — None, e.g. the amount of a decision — adds nothing; a cell none of whose records has it keeps
    None)."""
    threshold = check_threshold(threshold)
    dims = list(dims)
    cells: dict[tuple, list] = defaultdict(lambda: [0] + [None] * len(measures))
    for record in records:
        base = tuple(record[d] for d in dims)
        values = [int(record[count]), *(record[m] for m in measures)]
        # every margin this record adds to: each subset of dims replaced by ALL
        for mask in itertools.product((False, True), repeat=len(dims)):
            key = tuple(ALL if m else v for v, m in zip(base, mask, strict=True))
            cell = cells[key]
            cell[0] += values[0]
            for i, value in enumerate(values[1:], start=1):
                if value is not None:
                    cell[i] = value if cell[i] is None else cell[i] + value
    counts = {key: cell[0] for key, cell in cells.items()}
    hidden = suppress(counts, cube_groups(cells, len(dims)), threshold=threshold)
    rows = []
    for key in sorted(cells, key=lambda k: tuple((v == ALL, str(v)) for v in k)):
        cell = cells[key]
        secret = key in hidden
        row = dict(zip(dims, key, strict=True))
        row[count] = None if secret else cell[0]
        for i, measure in enumerate(measures, start=1):
            row[measure] = None if secret else cell[i]
        row["suppressed"] = secret
        rows.append(row)
    return rows
