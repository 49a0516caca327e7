"""What the registry tells the apps above it (which it may not import): two persons merged, a merge undone.

Both are sent inside the merge's (or the undo's) transaction, after the registry's own rows are written, with
`merge` (a PersonMerge: keep, drop, reason, review_id, link_id) and `actor`. A receiver that changes rows of its
own returns `{app_label: JSON}` describing exactly what it changed; the registry stores it in `merge.effects`,
and person_unmerged hands the receiver the same JSON back (`merge.effects[app_label]`) so it can restore exactly
that. A receiver that raises aborts the merge or the undo as a whole. Who uses them: docs/registry-merges.md.
"""

from django.dispatch import Signal

person_merged = Signal()  # merge, actor
person_unmerged = Signal()  # merge, actor (merge.undone_at already set)
