"""Property: whatever the counts per neighbourhood, the risk map's hierarchy (a province of districts of
neighbourhoods, suppressed together) shows no small count and no lone hidden entry in a group, and no hidden small
count is determined by the totals shown."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.reports.maps.counting import Counts
from refah.reports.maps.indicators import _suppressed
from refah.reports.suppression import Group, is_small

THRESHOLD = 5

district_sizes = st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=4)


@st.composite
def hierarchies(draw):
    sizes = draw(district_sizes)
    counts, groups = {("P",): Counts()}, []
    for d, size in enumerate(sizes):
        total = counts[("D", d)] = Counts()
        members = []
        for n in range(size):
            denominator = draw(st.integers(min_value=0, max_value=30))
            numerator = draw(st.integers(min_value=0, max_value=denominator))
            counts[("N", d, n)] = Counts(numerator, denominator)
            members.append(("N", d, n))
            for part in (total, counts[("P",)]):
                part.numerator += numerator
                part.denominator += denominator
        groups.append(Group(("D", d), tuple(members)))
    groups.append(Group(("P",), tuple(("D", d) for d in range(len(sizes)))))
    return counts, groups


def _determined(keys, groups, hidden) -> set:
    """The hidden keys that the groups' equations (with the shown entries known) pin down."""
    unknown = sorted(hidden, key=repr)
    if not unknown:
        return set()
    index = {k: i for i, k in enumerate(unknown)}
    rows = []
    for group in groups:
        row = np.zeros(len(unknown))
        if group.total in index:
            row[index[group.total]] = 1
        for member in group.members:
            if member in index:
                row[index[member]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    _u, singular, vt = np.linalg.svd(np.array(rows))
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    weights = np.abs(null).sum(axis=0) if null.size else np.zeros(len(unknown))
    return {unknown[i] for i in range(len(unknown)) if weights[i] < 1e-9}


@settings(max_examples=60, deadline=None)
@given(hierarchies())
def test_the_hierarchy_never_reveals_a_small_count(case):
    counts, groups = case
    hidden = _suppressed(counts, groups, threshold=THRESHOLD)
    for key, own in counts.items():
        if key not in hidden:
            assert not is_small(own.numerator, THRESHOLD) and not is_small(own.denominator, THRESHOLD), key
    for group in groups:
        assert sum(k in hidden for k in (group.total, *group.members)) != 1, group
    for key in _determined(counts, groups, hidden):
        own = counts[key]
        assert not is_small(own.numerator, THRESHOLD) and not is_small(own.denominator, THRESHOLD), key
