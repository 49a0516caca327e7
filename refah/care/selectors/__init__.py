"""Reads of the specialised services (permission and jurisdiction checked here)."""

from refah.care.selectors._common import listed_logged, one_logged
from refah.care.selectors.children import (
    ChildRecord,
    CrecheQuota,
    access_adoption_by_id,
    access_allocation_by_id,
    access_decision_by_id,
    access_foster_family_by_id,
    access_foster_placement_by_id,
    adoption_list,
    allocation_list,
    child_record,
    creche_quotas,
    decision_list,
    foster_family_list,
    foster_placement_list,
)
from refah.care.selectors.institutions import (
    access_institution_by_id,
    access_placement_by_id,
    institution_list,
    placement_list,
    residents,
    with_room,
)
from refah.care.selectors.waiting import access_entry_by_id, entry_list, offers_open, waiting_scored

__all__ = [
    "ChildRecord",
    "CrecheQuota",
    "access_adoption_by_id",
    "access_allocation_by_id",
    "access_decision_by_id",
    "access_entry_by_id",
    "access_foster_family_by_id",
    "access_foster_placement_by_id",
    "access_institution_by_id",
    "access_placement_by_id",
    "adoption_list",
    "allocation_list",
    "child_record",
    "creche_quotas",
    "decision_list",
    "entry_list",
    "foster_family_list",
    "foster_placement_list",
    "institution_list",
    "listed_logged",
    "offers_open",
    "one_logged",
    "placement_list",
    "residents",
    "waiting_scored",
    "with_room",
]
