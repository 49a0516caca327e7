"""Outreach and anomalies in the demo: three households of one Merkez neighbourhood, with different surnames, are
recorded (through the registry's service, audited) as living at one address — the "many unrelated households at
one address" pattern — and the anomaly run is made once, so the inspector finds flags with their evidence. The
outreach list needs nothing more: the month's determinations and the scenario's applications make it."""

from __future__ import annotations

from refah.demo.cast import Cast
from refah.registry.enums import Role
from refah.registry.models import Membership
from refah.registry.services import household_update
from refah.targeting.anomalies.models import AnomalyFlag
from refah.targeting.anomalies.services import anomalies_find

SHARED_ADDRESS = "Şehit Cengiz Topel Cd. No 14 İç Kapı 1-3"


def _three_households(district_id: int) -> list:
    """Three households of one neighbourhood whose reference persons have three different surnames."""
    heads = (
        Membership.objects.filter(role=Role.REFERENCE, left_on__isnull=True, household__district_id=district_id)
        .select_related("household", "person")
        .order_by("household__neighbourhood_id", "household__reference_code")
    )
    by_neighbourhood: dict = {}
    for m in heads[:2000]:
        chosen = by_neighbourhood.setdefault(m.household.neighbourhood_id, {})
        chosen.setdefault(m.person.last_name, m.household)
        if len(chosen) == 3:
            return list(chosen.values())
    return []


def outreach_scenario(cast: Cast) -> dict[str, int]:
    counts: dict[str, int] = {}
    if not AnomalyFlag.objects.filter(kind="shared_address").exists():
        moved = _three_households(cast.merkez.district_id)
        for household in moved:
            household_update(actor=cast["caseworker"], household=household, data={"address_line": SHARED_ADDRESS})
        counts["households recorded at one address (unrelated)"] = len(moved)
    counts["anomaly flags raised"] = anomalies_find()
    return counts
