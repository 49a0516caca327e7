"""Screens of the specialised services: institutions with their occupancy, an institution's residents and waiting
list with the actions, the waiting lists by kind with their points, a waiting entry and its offer, the published
priority; children: protection decisions, a child's record, foster families, the crèche quotas, adoption records.

Thin: parse a form, call one service or selector, render; the `screen` decorator turns "not found" and "not
allowed" into their pages.
"""

from refah.care.views.children import (
    _child_post,
    adoption,
    child,
    children,
    creche,
    creche_end,
    decision_add,
    decision_close,
    foster_end,
    foster_family,
    foster_family_add,
)
from refah.care.views.institutions import (
    _entry_post,
    discharge,
    entry,
    home,
    institution,
    institution_add,
    institution_edit,
    place,
    priority,
    waiting,
    waiting_add,
)

__all__ = [
    "_child_post",
    "_entry_post",
    "household_from_code",
    "adoption",
    "child",
    "children",
    "creche",
    "creche_end",
    "decision_add",
    "decision_close",
    "discharge",
    "entry",
    "foster_end",
    "foster_family",
    "foster_family_add",
    "home",
    "institution",
    "institution_add",
    "institution_edit",
    "place",
    "priority",
    "waiting",
    "waiting_add",
]
