"""Writes of the social services' shared records: each checks permission and jurisdiction, runs in one
transaction and leaves an audit record."""

from refah.casework.services.referrals import referral_create

__all__ = ["referral_create"]
