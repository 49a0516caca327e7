"""Institutions' data under /api/v1/exchange/: a household's registered facts, checks and disagreements, and the
refresh. The household is found through the registry's jurisdiction-scoped access (another district's is "not
found"); the refresh is one service call; errors are rendered by the handlers in config/api.py."""

import datetime as dt
import uuid

from ninja import Field, Router, Schema

from refah.audit.enums import AccessChannel
from refah.exchange import selectors, services
from refah.exchange.enums import CallPurpose
from refah.exchange.sources import ALL
from refah.registry.models import Household
from refah.registry.schemas import ERRORS, WRITE_ERRORS

router = Router(tags=["exchange"])


class FactOut(Schema):
    person_id: uuid.UUID | None
    source: str
    fact: str
    value_kurus: int | None
    value_text: str
    as_of: dt.date
    disagrees: bool


class CheckOut(Schema):
    source: str
    status: str
    checked_at: dt.datetime | None
    attempts: int
    next_retry_at: dt.datetime | None
    last_error: str


class DiscrepancyOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID | None
    source: str
    fact: str
    declared_value: str
    registered_value: str
    found_at: dt.datetime


class DiscrepancyResolveIn(Schema):
    note: str = Field(..., min_length=1, max_length=300, description="why the disagreement is resolved")


class DiscrepancyResolvedOut(DiscrepancyOut):
    status: str
    resolved_at: dt.datetime | None
    resolution_note: str


class HouseholdSourcesOut(Schema):
    household_id: uuid.UUID
    checks: list[CheckOut]
    facts: list[FactOut]
    discrepancies: list[DiscrepancyOut]


class RefreshIn(Schema):
    purpose: str = Field(
        ..., description=" | ".join(CallPurpose.values), pattern="^(" + "|".join(CallPurpose.values) + ")$"
    )
    sources: list[str] = Field(default_factory=lambda: list(ALL), description=" | ".join(ALL), max_length=len(ALL))


def _check(c) -> dict:
    fields = ("source", "status", "checked_at", "attempts", "next_retry_at", "last_error")
    return {name: getattr(c, name) for name in fields}


@router.get("/households/{household_id}", response={200: HouseholdSourcesOut, **ERRORS})
def household_sources(request, household_id: str):
    """Every source's check, registered fact (with whether it disagrees with the declaration) and open
    disagreement of a household."""
    household, panels, discrepancies = selectors.household_sources_read(
        user=request.auth, household_id=household_id, channel=AccessChannel.API
    )
    facts = [
        {
            **{
                k: getattr(row["record"], k)
                for k in ("person_id", "source", "fact", "value_kurus", "value_text", "as_of")
            },
            "disagrees": row["flagged"],
        }
        for panel in panels
        for row in panel.facts
    ]
    return {
        "household_id": household.pk,
        "checks": [_check(p.check) for p in panels if p.check],
        "facts": facts,
        "discrepancies": [
            {
                "id": d.pk,
                "person_id": d.person_id,
                "source": d.source,
                "fact": d.fact,
                "declared_value": d.declared_value,
                "registered_value": d.registered_value,
                "found_at": d.created_at,
            }
            for d in discrepancies
        ],
    }


@router.post("/households/{household_id}/refresh", response={200: list[CheckOut], **WRITE_ERRORS})
def household_refresh(request, household_id: str, payload: RefreshIn):
    """Ask the sources now about the household's members; each source's check (ok, waiting or failed)."""
    found = selectors.access_household_by_id(user=request.auth, household_id=household_id)
    checks = services.household_refresh(
        actor=request.auth,
        household=Household.objects.get(pk=found.pk),
        purpose=payload.purpose,
        sources=payload.sources,
    )
    return [_check(c) for c in checks.values()]


@router.post("/discrepancies/{discrepancy_id}/resolve", response={200: DiscrepancyResolvedOut, **WRITE_ERRORS})
def discrepancy_resolve(request, discrepancy_id: str, payload: DiscrepancyResolveIn):
    """Resolve an open disagreement with the declaration, saying why (the declaration was corrected, or the
    registered fact is explained); 409 when it is already resolved."""
    d = services.discrepancy_resolve(actor=request.auth, discrepancy_id=discrepancy_id, note=payload.note)
    return {
        "id": d.pk,
        "person_id": d.person_id,
        "source": d.source,
        "fact": d.fact,
        "declared_value": d.declared_value,
        "registered_value": d.registered_value,
        "found_at": d.created_at,
        "status": d.status,
        "resolved_at": d.resolved_at,
        "resolution_note": d.resolution_note,
    }
