"""Writes of the employment app (docs/employment.md)."""

from refah.employment.services.objections import sanction_object
from refah.employment.services.offers import answer_record, offer_record, refusal_decide
from refah.employment.services.placements import placement_end, placement_record
from refah.employment.services.referrals import referral_close, referral_create, referral_register
from refah.employment.services.sync import iskur_sync

__all__ = [
    "answer_record",
    "iskur_sync",
    "offer_record",
    "placement_end",
    "placement_record",
    "referral_close",
    "referral_create",
    "referral_register",
    "refusal_decide",
    "sanction_object",
]
