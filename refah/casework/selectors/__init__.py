"""Reads of the social services' shared records (permission and jurisdiction checked here)."""

from refah.casework.selectors.referrals import (
    access_referral_by_id,
    access_service_by_id,
    household_referrals,
    referral_list,
    service_for_household,
    service_list,
)

__all__ = [
    "access_referral_by_id",
    "access_service_by_id",
    "household_referrals",
    "referral_list",
    "service_for_household",
    "service_list",
]
