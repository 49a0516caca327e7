"""ASDEP under /api/v1/asdep/: rounds (list, plan, read, close), visits (the caller's team's, read, record with an
Idempotency-Key), the households proposed, a household's risk profile, the checklist. One service or selector
call per endpoint; an object outside the caller's jurisdiction is a 404, like a wrong id."""

from django.utils import timezone
from ninja import Header, Router
from ninja.responses import Status

from refah.accounts.models import Office
from refah.accounts.selectors import office_for_user
from refah.asdep import selectors, services
from refah.asdep.checklist import AREAS
from refah.asdep.models import Round, Visit
from refah.asdep.schemas import (
    AreaOut,
    AsdepVisitOut,
    ProposalPage,
    RiskProfileOut,
    RoundIn,
    RoundOut,
    RoundPage,
    VisitPage,
    VisitRecordIn,
)
from refah.audit.enums import AccessChannel
from refah.common.paging import page_query, page_size_query

router = Router(tags=["asdep"])


def round_out(r: Round) -> dict:
    visits = r.visits.count()
    return {
        **{f: getattr(r, f) for f in ("id", "office_id", "name", "starts_on", "ends_on", "status")},
        "neighbourhood_ids": sorted(r.neighbourhoods.values_list("pk", flat=True)),
        "visits": visits,
        "visits_made": r.visits.exclude(outcome="").count() if visits else 0,
        "teams": [
            {"number": t.number, "member_ids": sorted(t.members.values_list("pk", flat=True))} for t in r.teams.all()
        ],
    }


def visit_out(v: Visit, risks=None) -> dict:
    risks = list(v.risks.prefetch_related("referrals")) if risks is None else risks
    second = Visit.objects.filter(first_try=v).values_list("pk", flat=True).first()
    return {
        **{f: getattr(v, f) for f in ("id", "round_id", "household_id", "planned_on", "attempt", "visited_on")},
        "household_code": v.household.reference_code,
        "team_number": v.team.number,
        "proposal_reasons": list(v.proposal_reasons),
        "outcome": v.outcome or None,
        "answers": dict(v.answers),
        "note": v.note,
        "risks": [
            {
                "area": r.area,
                "severity": r.severity,
                "person_id": r.person_id,
                "note": r.note,
                "referral_ids": [ref.pk for ref in r.referrals.all()],
                "unreferred_kinds": list(r.unreferred_kinds),
            }
            for r in risks
        ],
        "second_try_id": second,
    }


@router.get("/rounds", response=RoundPage)
def asdep_round_list(request, page: int = page_query(), page_size: int = page_size_query()):
    """Rounds of the offices in the caller's jurisdiction, newest first."""
    rows = selectors.round_list(user=request.user)
    count = rows.count()
    items = list(rows[(page - 1) * page_size : page * page_size])
    return {"count": count, "page": page, "page_size": page_size, "items": [round_out(r) for r in items]}


@router.post("/rounds", response={201: RoundOut})
def asdep_round_plan(request, payload: RoundIn):
    """Plan a round: the neighbourhoods' households (proposed ones first) split evenly across two-person teams."""
    office = office_for_user(request.user)
    if payload.office_id is not None:
        office = Office.objects.filter(pk=payload.office_id).first()
    planned = services.round_plan(
        actor=request.user,
        office=office,
        neighbourhoods=payload.neighbourhood_ids,
        teams=payload.teams,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        name=payload.name,
    )
    return Status(201, round_out(planned))


@router.get("/rounds/{round_id}", response=RoundOut)
def asdep_round_read(request, round_id: str):
    """A round with its teams and counts."""
    return round_out(selectors.access_round_by_id(user=request.user, round_id=round_id))


@router.post("/rounds/{round_id}/close", response=RoundOut)
def asdep_round_close(request, round_id: str):
    """Close a round (visits not made stay unmade; their households can go into the next round)."""
    found = selectors.access_round_by_id(user=request.user, round_id=round_id)
    return round_out(services.round_close(actor=request.user, round_=found))


@router.get("/visits", response=VisitPage)
def asdep_visit_list(request, page: int = page_query(), page_size: int = page_size_query()):
    """The caller's team visits still to make, due today or before (the overdue first)."""
    rows = selectors.my_visits(user=request.user, day=timezone.localdate())
    count = rows.count()
    items = list(rows[(page - 1) * page_size : page * page_size])
    selectors.visits_logged(user=request.user, visits=items, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [visit_out(v) for v in items]}


@router.get("/visits/{visit_id}", response=AsdepVisitOut)
def asdep_visit_read(request, visit_id: str):
    """A visit with its answers and the risks it found (with their referrals). Nothing of violence is kept here."""
    view = selectors.visit_read(user=request.user, visit_id=visit_id, channel=AccessChannel.API)
    return visit_out(view.visit, view.risks)


@router.post("/visits/{visit_id}/record", response={200: AsdepVisitOut, 201: AsdepVisitOut})
def asdep_visit_record(
    request, visit_id: str, payload: VisitRecordIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    """Record the visit (by one of its team): each risk found is referred in the same transaction; violence goes
    only to the sealed protection services. The same Idempotency-Key and body again answers 200 with the visit."""
    visit = selectors.access_visit_by_id(user=request.user, visit_id=visit_id)
    risks = {area: {"severity": r.severity, "person": r.person_id, "note": r.note} for area, r in payload.risks.items()}
    recorded = services.visit_record(
        actor=request.user,
        visit=visit,
        outcome=payload.outcome,
        visited_on=payload.visited_on,
        answers=payload.answers,
        risks=risks,
        note=payload.note,
        second_try_on=payload.second_try_on,
        idempotency_key=idempotency_key,
    )
    return Status(200 if getattr(recorded, "replayed", False) else 201, visit_out(recorded))


@router.get("/proposals", response=ProposalPage)
def asdep_proposal_list(request):
    """Households the data marks as likely at risk in the caller's jurisdiction, heaviest first (the first 200)."""
    count, rows = selectors.proposal_list(user=request.user, day=timezone.localdate())
    selectors.proposals_logged(user=request.user, rows=rows, channel=AccessChannel.API)
    return {
        "count": count,
        "items": [
            {
                "household_id": p.household.pk,
                "reference_code": p.household.reference_code,
                "neighbourhood": p.household.neighbourhood.name,
                "reasons": p.reasons,
                "weight": p.weight,
            }
            for p in rows
        ],
    }


@router.get("/households/{household_id}/risk-profile", response=RiskProfileOut)
def asdep_risk_profile(request, household_id: str):
    """A household's risks over time: per visit made, the risks found by area and severity (newest first)."""
    profile = selectors.household_risk_profile(user=request.user, household_id=household_id, channel="api")
    return {
        "household_id": profile.household.pk,
        "visits": [
            {
                "visit_id": row.visit.pk,
                "visited_on": row.visit.visited_on,
                "risks": [{"area": r.area, "severity": r.severity} for r in row.risks],
            }
            for row in profile.rows
        ],
    }


@router.get("/checklist", response=list[AreaOut])
def asdep_checklist(request):
    """The standard risk checklist: its areas and questions, and the service kinds a “yes” refers to."""
    return [
        {
            "code": area.code,
            "label": str(area.label),
            "sealed": area.sealed,
            "questions": [{"code": q.code, "label": str(q.label), "kinds": list(q.kinds)} for q in area.questions],
        }
        for area in AREAS
    ]
