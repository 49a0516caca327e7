"""Signals between apps that must not import each other.

`household_changed` is sent by the registry's write services (sender=None, household_id=<uuid>) after
a change to a household, its members, incomes, assets or attendance; eligibility re-evaluates that
household when the transaction commits. The registry never imports eligibility.

`households_changed` (sender=None, household_ids=<iterable of uuids>) is sent by apps that change what the
rules read about many households at once without going through the registry's services — other givers' aid
records (refah.aidrecords) — so eligibility re-evaluates them after the commit: a few at once, many in the
background (refah.eligibility.tasks).
"""

from django.dispatch import Signal

household_changed = Signal()
households_changed = Signal()
