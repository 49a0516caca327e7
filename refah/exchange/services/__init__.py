"""Writes of the exchange: refresh a household from the institutions, resolve a disagreement, bulk refresh."""

from refah.exchange.services.bulk import bulk_refresh
from refah.exchange.services.discrepancies import discrepancy_resolve
from refah.exchange.services.refresh import checks_retry, household_refresh

__all__ = ["bulk_refresh", "checks_retry", "discrepancy_resolve", "household_refresh"]
