"""ASDEP's reads (permission and jurisdiction checked here)."""

from refah.asdep.selectors.proposals import proposal_frame, proposal_list, proposals_by_household, proposals_logged
from refah.asdep.selectors.records import (
    access_round_by_id,
    access_visit_by_id,
    household_risk_profile,
    my_visits,
    plannable_offices,
    round_list,
    round_visits,
    visit_list,
    visit_read,
    visits_logged,
)

__all__ = [
    "access_round_by_id",
    "access_visit_by_id",
    "household_risk_profile",
    "my_visits",
    "plannable_offices",
    "proposal_frame",
    "proposal_list",
    "proposals_by_household",
    "proposals_logged",
    "round_list",
    "round_visits",
    "visit_list",
    "visit_read",
    "visits_logged",
]
