"""Writes of the sealed records: each checks that the actor is named in the record's unit (or holds the
administrator's naming permission), runs in one transaction and leaves a sealed audit row."""

from refah.shelters.services.alerts import alert_read
from refah.shelters.services.breakglass import break_glass_open
from refah.shelters.services.cases import case_close, case_risk_set, note_add, order_record, referral_record
from refah.shelters.services.intake import case_open, sealed_intake_handover
from refah.shelters.services.stays import places_taken, shelters_for, stay_end, stay_start
from refah.shelters.services.units import member_add, member_end, unit_address_set, unit_create

__all__ = [
    "alert_read",
    "break_glass_open",
    "case_close",
    "case_open",
    "case_risk_set",
    "member_add",
    "member_end",
    "note_add",
    "order_record",
    "places_taken",
    "referral_record",
    "sealed_intake_handover",
    "shelters_for",
    "stay_end",
    "stay_start",
    "unit_address_set",
    "unit_create",
]
