"""Reads of the sealed records: visible only to the staff named in their unit (docs/shelters.md)."""

from refah.shelters.selectors.access import (
    access_alert_by_id,
    access_case_by_id,
    access_stay_by_id,
    access_unit_by_id,
    may_read_case,
    sealed_read,
)
from refah.shelters.selectors.lists import (
    MyUnit,
    ShelterPlaces,
    alert_list,
    case_list,
    my_units,
    sealed_audit,
    shelter_places,
    shelter_stays,
    unit_members,
    units_to_name,
)
from refah.shelters.selectors.naming import glass_broken, is_named, named_unit_ids, supervised_unit_ids, unit_role

__all__ = [
    "MyUnit",
    "ShelterPlaces",
    "access_alert_by_id",
    "access_case_by_id",
    "access_stay_by_id",
    "access_unit_by_id",
    "alert_list",
    "case_list",
    "glass_broken",
    "is_named",
    "may_read_case",
    "my_units",
    "named_unit_ids",
    "sealed_audit",
    "sealed_read",
    "shelter_places",
    "shelter_stays",
    "supervised_unit_ids",
    "unit_members",
    "unit_role",
    "units_to_name",
]
