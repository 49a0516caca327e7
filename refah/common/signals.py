"""Signals between apps that must not import each other.

`household_changed` is sent by the registry's write services (sender=None, household_id=<uuid>) after
a change to a household, its members, incomes, assets or attendance; eligibility re-evaluates that
household when the transaction commits. The registry never imports eligibility.
"""

from django.dispatch import Signal

household_changed = Signal()
