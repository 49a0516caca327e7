"""Outreach under /api/v1/outreach/: the take-up counts (suppressed), the call list (a page, access-logged as an API
read) and the poverty-gap what-if (aggregates). One selector call per endpoint; another district is a 404."""

import uuid

from django.utils.translation import get_language
from ninja import Query, Router, Schema

from refah.audit.enums import AccessChannel
from refah.common.paging import page_query
from refah.targeting.outreach import selectors, whatif

router = Router(tags=["outreach"])


class TakeUpRow(Schema):
    name: str
    district_id: int | None
    likely: int | None
    applied: int | None
    not_applied: int | None
    take_up_percent: float | None


class TakeUpOut(Schema):
    period: str | None
    rows: list[TakeUpRow]
    totals: list[TakeUpRow]


class CallRow(Schema):
    household_id: uuid.UUID
    reference_code: str
    district: str
    name: str
    address: str
    phone: str
    source: str


class CallPage(Schema):
    count: int
    items: list[CallRow]


class GapRow(Schema):
    name: str
    households: int | None
    reached: int | None
    gap: str | None
    cost: str | None
    closed_percent: str | None


class GapOut(Schema):
    source: str
    rule: str
    budget: str
    unspent: str | None
    rows: list[GapRow]
    total: GapRow


def _take_up(row: dict) -> dict:
    return {
        "name": row["name"], "district_id": row["key"] if isinstance(row["key"], int) else None,
        "likely": row["likely"], "applied": row["applied"], "not_applied": row["not"], "take_up_percent": row["rate"],
    }  # fmt: skip


@router.get("/take-up", response=TakeUpOut)
def outreach_take_up(request, district: int | None = None, program: str = ""):
    """Likely eligible, applied, not applied and take-up per district of the caller's jurisdiction; counts from 1
    to 4 (and any that would give one back) are null."""
    found = selectors.counts(user=request.user, district_id=district, program=program)
    return {
        "period": found["period"].isoformat() if found["period"] else None,
        "rows": [_take_up(r) for r in found["rows"]],
        "totals": [_take_up(r) for r in found["totals"]],
    }


@router.get("/calls", response=CallPage)
def outreach_calls(request, district: int | None = None, program: str = "", page: int = page_query()):
    """The likely eligible households that have not applied, with name, address and phone (50 a page)."""
    rows, total = selectors.call_list(
        user=request.user, district_id=district, program=program, page=page, channel=AccessChannel.API
    )
    items = [{**{k: r[k] for k in CallRow.model_fields if k != "household_id"}, "household_id": r["household"].pk}
             for r in rows]  # fmt: skip
    return {"count": total, "items": items}


class GapIn(Schema):
    budget: str
    line: str
    rule: str = whatif.POOREST
    district: int | None = None


def _gap(row: dict) -> dict:
    closed = row["closed"]
    return {**{k: row[k] for k in ("name", "households", "reached", "gap", "cost")},
            "closed_percent": None if closed is None else str(closed)}  # fmt: skip


@router.get("/gap", response=GapOut)
def outreach_gap(request, query: Query[GapIn]):
    """The poverty-gap what-if: budget and line in TL (a month; the line per adult equivalent), rule `poorest` or
    `proportional`. A simulation: nothing is written."""
    found = whatif.whatif(
        user=request.user, budget=query.budget, line=query.line, rule=query.rule, district_id=query.district,
        lang=get_language() or "tr",
    )  # fmt: skip
    return {
        "source": found["source"], "rule": found["rule"], "budget": found["budget"], "unspent": found["unspent"],
        "rows": [_gap(r) for r in found["rows"]], "total": _gap(found["total"]),
    }  # fmt: skip
