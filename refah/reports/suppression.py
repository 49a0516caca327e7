"""Small-cell suppression: the one rule every count shown outside the records' own screens obeys. It lives in
`refah/common/suppression.py` (the public ledger's totals, in the audit app, obey it too); the reports' parts import
it from here."""

from refah.common.suppression import (
    ALL,
    Group,
    check_threshold,
    cube_groups,
    default_threshold,
    is_small,
    suppress,
    suppress_cube,
)

__all__ = [
    "ALL",
    "Group",
    "check_threshold",
    "cube_groups",
    "default_threshold",
    "is_small",
    "suppress",
    "suppress_cube",
]
