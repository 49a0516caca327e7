"""Small-cell suppression: no shown count below the threshold, and no hidden cell derivable from what is shown —
checked over random tables by an independent test of each hidden cell (is it fixed by the shown cells' equations?)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.common.errors import RefahError
from refah.reports.suppression import ALL, Group, cube_groups, suppress, suppress_cube


def derivable(counts: dict, groups: list[Group], hidden: set, threshold: int = 5) -> list:
    """Hidden small cells (1 to threshold − 1) whose value follows from the shown ones: e_i in the row space of the
    hidden part of the groups' equations (a rank test, independent of the module's own check)."""
    keys = sorted(hidden, key=repr)
    if not keys:
        return []
    index = {k: i for i, k in enumerate(keys)}
    rows = []
    for group in groups:
        row = np.zeros(len(keys))
        if group.total in index:
            row[index[group.total]] += 1
        for member in group.members:
            if member in index:
                row[index[member]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for key, i in index.items():
        unit = np.zeros(len(keys))
        unit[i] = 1
        if 0 < counts[key] < threshold and np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(key)
    return found


cube = st.integers(min_value=1, max_value=3).flatmap(
    lambda n: st.lists(
        st.tuples(*[st.integers(min_value=0, max_value=4) for _ in range(n)], st.integers(min_value=0, max_value=40)),
        min_size=1,
        max_size=40,
    ).map(lambda rows: (n, rows))
)


@settings(max_examples=150, deadline=None)
@given(cube, st.integers(min_value=2, max_value=10))
def test_no_small_cell_and_none_derivable(table, threshold):
    dims_n, rows = table
    dims = [f"d{i}" for i in range(dims_n)]
    records = [
        {**{d: v for d, v in zip(dims, row[:-1], strict=True)}, "count": row[-1], "amount": row[-1] * 7} for row in rows
    ]
    out = suppress_cube(records, dims, measures=["amount"], threshold=threshold)
    counts = {tuple(r[d] for d in dims): r["count"] for r in out}
    # the true table, to test against
    truth: dict = {}
    for r in records:
        for mask in np.ndindex(*(2,) * dims_n):
            key = tuple(ALL if m else r[d] for d, m in zip(dims, mask, strict=True))
            truth[key] = truth.get(key, 0) + r["count"]
    assert set(counts) == set(truth)
    for key, shown in counts.items():
        if shown is None:
            continue
        assert shown == truth[key]
        assert not 0 < shown < threshold, key
    hidden = {k for k, v in counts.items() if v is None}
    for r in out:
        assert (r["amount"] is None) == r["suppressed"] == (r["count"] is None)
    groups = cube_groups(truth, dims_n)
    for group in groups:
        entries = [group.total, *group.members]
        assert sum(e in hidden for e in entries) != 1, group
    assert derivable(truth, groups, hidden, threshold) == []


def test_two_small_cells_of_a_two_by_two_table_stay_hidden():
    # Two rows with one small cell each: each row hides its other cell too, and the four hidden cells are not
    # determined by the four margins (three independent equations, four unknowns).
    counts = {("a", 1): 2, ("a", 2): 30, ("b", 1): 30, ("b", 2): 3}
    records = [{"r": r, "c": c, "count": n} for (r, c), n in counts.items()]
    out = suppress_cube(records, ["r", "c"], threshold=5)
    hidden = {(row["r"], row["c"]) for row in out if row["suppressed"]}
    assert ("a", 1) in hidden and ("b", 2) in hidden
    truth = {**counts, **{(r, ALL): n for r, n in (("a", 32), ("b", 33))}}
    truth |= {(ALL, 1): 32, (ALL, 2): 33, (ALL, ALL): 65}
    assert derivable(truth, cube_groups(truth, 2), hidden) == []


def test_zeros_are_shown_and_large_tables_untouched():
    out = suppress_cube([{"d": "x", "count": 0}, {"d": "y", "count": 12}, {"d": "z", "count": 40}], ["d"])
    assert [r["count"] for r in out] == [0, 12, 40, 52]
    assert not any(r["suppressed"] for r in out)


def test_one_small_cell_takes_the_smallest_other_with_it():
    out = suppress_cube([{"d": k, "count": n} for k, n in {"x": 3, "y": 9, "z": 40}.items()], ["d"], threshold=5)
    assert {r["d"] for r in out if r["suppressed"]} == {"x", "y"}
    assert next(r for r in out if r["d"] == ALL)["count"] == 52


def test_groups_given_by_hand():
    counts = {"total": 20, "a": 1, "b": 19}
    assert suppress(counts, [Group("total", ("a", "b"))], threshold=5) == {"a", "b"}


@pytest.mark.parametrize("threshold", [0, 1, -3, 2.5, True])
def test_a_threshold_below_two_is_refused(threshold):
    with pytest.raises(RefahError) as err:
        suppress({"a": 1}, [], threshold=threshold)
    assert err.value.field == "threshold"


def test_a_measure_a_record_has_not_adds_nothing():
    records = [
        {"kind": "decision", "count": 7, "amount": None},
        {"kind": "payment", "count": 9, "amount": 900},
    ]
    rows = {r["kind"]: r for r in suppress_cube(records, ["kind"], measures=["amount"], threshold=5)}
    assert rows["decision"]["amount"] is None and rows["payment"]["amount"] == 900
    assert rows[ALL]["count"] == 16 and rows[ALL]["amount"] == 900
