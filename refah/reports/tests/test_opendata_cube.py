"""The open data's cube over random worlds: no published count from 1 to threshold − 1, every shown figure true, and
no hidden small cell derivable from everything published — the whole table, and any slices put together (a
province's file with a district's, a year's) — by an independent rank test over the equations a reader knows."""

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.reports.opendata.cube import Relation, suppressed_cube
from refah.reports.suppression import ALL

PROVINCES = {"TUR001": ["TUR001001", "TUR001002", "TUR001003"], "TUR076": ["TUR076001", "TUR076002"]}
DISTRICTS = [(p, d) for p, ds in PROVINCES.items() for d in ds]
MONTHS = [("2024", "2024-11"), ("2024", "2024-12"), ("2025", "2025-01")]
PROGRAMS = ["income_support", "heating_aid", "widow_aid"]


def ancestors(path):
    out = [path]
    for level in range(len(path) - 1, -1, -1):
        out.append(path[:level] + (ALL,) * (len(path) - level))
    return out


def truth_of(records, dims, measures):
    """Every cell of the cube with every margin, counted here on its own."""
    truth = {}
    for r in records:
        combos = [()]
        for d in dims:
            combos = [(*c, a) for c in combos for a in ancestors(r[d])]
        for key in combos:
            for m in measures:
                truth[(m, *key)] = truth.get((m, *key), 0) + r[m]
    return truth


def equations(truth, dims, measures, relations):
    """(total, members) of every sum a reader knows: parent = children along each dimension; a relation's total
    = its parts. Built from the keys alone."""
    cells = {k[1:] for k in truth}
    children: dict = {}
    for key in cells:
        for d, path in enumerate(key):
            up = parent(path)
            if up is not None:
                children.setdefault((d, key[:d] + (up,) + key[d + 1 :]), []).append(key)
    eqs = []
    for (_, total), members in children.items():
        for m in measures:
            eqs.append(((m, *total), [(m, *c) for c in members]))
    for key in cells:
        for rel in relations:
            eqs.append(((rel.total, *key), [(p, *key) for p in rel.parts]))
    return eqs


def parent(path):
    known = [i for i, v in enumerate(path) if v != ALL]
    if not known:
        return None
    last = known[-1]
    return path[:last] + (ALL,) * (len(path) - last)


def derivable_small(truth, published: dict, eqs, threshold):
    """Unpublished cells with a small true count that the published cells and the equations determine."""
    unknown = sorted((k for k in truth if published.get(k) is None), key=repr)
    if not unknown:
        return []
    index = {k: i for i, k in enumerate(unknown)}
    rows = []
    for total, members in eqs:
        row = np.zeros(len(unknown))
        if total in index:
            row[index[total]] += 1
        for m in members:
            if m in index:
                row[index[m]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    # x_i is fixed by the equations iff the unit vector e_i is in the row space, i.e. every null-space vector
    # (from a QR-free route: the SVD's right singular vectors past the rank) is 0 at i.
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9 * max(1.0, singular[0])).sum())
    null = vt[rank:]
    return [
        key
        for key, i in index.items()
        if 0 < truth[key] < threshold and (null.size == 0 or np.abs(null[:, i]).max() < 1e-9)
    ]


def published_cells(rows, dims, measures, keep=lambda row: True):
    out = {}
    for row in rows:
        if keep(row):
            for m in measures:
                out[(m, *(row[d] for d in dims))] = row[m]
    return out


aid_world = st.lists(
    st.tuples(st.sampled_from(DISTRICTS), st.sampled_from(PROGRAMS), st.sampled_from(MONTHS), st.integers(0, 30)),
    min_size=1,
    max_size=12,
    unique_by=lambda t: t[:3],
)


@settings(max_examples=12, deadline=None)
@given(aid_world, st.integers(3, 6))
def test_aid_cube_shows_no_small_count_and_hides_none_derivably(world, threshold):
    dims = ["area", "program", "period"]
    records = [
        {"area": a, "program": (p,), "period": m, "households": n, "amount_try": n * 150_000} for a, p, m, n in world
    ]
    rows = suppressed_cube(
        records, dims, counts=["households"], money={"amount_try": "households"}, threshold=threshold
    )
    truth = truth_of(records, dims, ["households"])
    published = published_cells(rows, dims, ["households"])
    assert set(published) == set(truth)
    for key, shown in published.items():
        if shown is not None:
            assert shown == truth[key] and not 0 < shown < threshold
    for row in rows:
        assert (row["amount_try"] is None) == (row["households"] is None) == row["suppressed"]["amount_try"]
        if row["households"] is not None:
            assert row["amount_try"] == row["households"] * 150_000
    eqs = equations(truth, dims, ["households"], [])
    assert derivable_small(truth, published, eqs, threshold) == []
    # two slices together: a province's file and a year's file (any subset of the one table)
    province = next(iter(PROVINCES))
    both = published_cells(rows, dims, ["households"], lambda r: r["area"][0] == province or r["period"][0] == "2024")
    assert derivable_small(truth, both, eqs, threshold) == []


app_world = st.lists(
    st.tuples(
        st.sampled_from(DISTRICTS),
        st.sampled_from(MONTHS),
        st.integers(0, 20),  # received
        st.integers(0, 12),  # approved
        st.integers(0, 12),  # refused
        st.integers(0, 12),  # late, capped below by decided
    ),
    min_size=1,
    max_size=10,
    unique_by=lambda t: t[:2],
)


@settings(max_examples=10, deadline=None)
@given(app_world)
def test_measures_that_add_up_are_suppressed_together(world):
    dims = ["area", "period"]
    measures = ["received", "decided", "approved", "refused", "within", "late"]
    relations = [Relation("decided", ("approved", "refused")), Relation("decided", ("within", "late"))]
    records = []
    for area, month, received, approved, refused, late in world:
        decided = approved + refused
        late = min(late, decided)
        records.append(
            {"area": area, "period": month, "received": received, "decided": decided, "approved": approved}
            | {"refused": refused, "within": decided - late, "late": late}
        )
    rows = suppressed_cube(records, dims, counts=measures, relations=relations, threshold=5)
    truth = truth_of(records, dims, measures)
    published = published_cells(rows, dims, measures)
    for key, shown in published.items():
        assert shown is None or (shown == truth[key] and not 0 < shown < 5), key
    eqs = equations(truth, dims, measures, relations)
    assert derivable_small(truth, published, eqs, 5) == []


def test_a_small_district_hides_a_sibling_and_the_province_total_stays():
    records = [
        {"area": ("TUR076", "TUR076001"), "households": 3, "amount_try": Decimal(0)},
        {"area": ("TUR076", "TUR076002"), "households": 40, "amount_try": Decimal(0)},
        {"area": ("TUR076", "TUR076003"), "households": 12, "amount_try": Decimal(0)},
    ]
    rows = suppressed_cube(records, ["area"], counts=["households"], threshold=5)
    shown = {row["area"]: row["households"] for row in rows}
    assert shown[("TUR076", "TUR076001")] is None and shown[("TUR076", "TUR076003")] is None
    assert shown[("TUR076", ALL)] == 55 and shown[(ALL, ALL)] == 55 and shown[("TUR076", "TUR076002")] == 40
