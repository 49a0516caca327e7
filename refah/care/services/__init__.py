"""Writes of the specialised services: each checks permission and jurisdiction, runs in one transaction and leaves
an audit record."""

from refah.care.services.children import (
    adoption_advance,
    adoption_create,
    creche_allocate,
    creche_end,
    decision_close,
    decision_record,
    foster_end,
    foster_family_approve,
    foster_place,
)
from refah.care.services.institutions import institution_create, institution_update
from refah.care.services.offers import offer_next
from refah.care.services.placements import placement_create, placement_discharge
from refah.care.services.waiting import offer_accept, offer_decline, waiting_add, waiting_withdraw

__all__ = [
    "adoption_advance",
    "adoption_create",
    "creche_allocate",
    "creche_end",
    "decision_close",
    "decision_record",
    "foster_end",
    "foster_family_approve",
    "foster_place",
    "institution_create",
    "institution_update",
    "offer_accept",
    "offer_decline",
    "offer_next",
    "placement_create",
    "placement_discharge",
    "waiting_add",
    "waiting_withdraw",
]
