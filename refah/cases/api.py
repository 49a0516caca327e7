"""Cases endpoints under /api/v1/cases/, for partner institutions (token auth) and staff tools.

Same rules as the screens: a case of another office's jurisdiction is "not found". Partners send an
`Idempotency-Key` header with a submission; the same request twice returns the first application.
"""

from django.utils import timezone
from ninja import File, Form, Header, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from refah.audit.enums import AccessChannel
from refah.cases import documents, selectors, services
from refah.cases.enums import Channel
from refah.cases.schemas import (
    ApplicationDetail,
    ApplicationIn,
    ApplicationOut,
    ApplicationPage,
    DocumentOut,
    ObjectionIn,
    ObjectionOut,
    VisitIn,
    VisitOut,
)
from refah.cases.workflow import TIMED_STATUSES
from refah.common.http import json_response
from refah.common.paging import page_query, page_size_query
from refah.registry import selectors as registry_selectors

router = Router(tags=["cases"])


def _out(application, *, new_programs: list[str] | None = None) -> dict:
    """The application as the API shows it. `new_programs`: the codes of one just submitted without documents,
    so that nothing is read back (every required document is missing)."""
    today = timezone.localdate()
    if new_programs is None:
        programs, missing = [p.program for p in application.programs.all()], documents.missing_for(application)
    else:
        programs, missing = new_programs, documents.required_for(new_programs)
    return {
        "id": application.pk,
        "reference": application.reference,
        "household_id": application.household_id,
        "office": application.office.name,
        "channel": application.channel,
        "status": application.status,
        "due_on": application.due_on,
        "overdue": application.status in TIMED_STATUSES and application.due_on < today,
        "programs": programs,
        "missing_documents": missing,
        "created_at": application.created_at,
    }


def _detail(application) -> dict:
    return {
        **_out(application),
        "decisions": list(application.decisions.order_by("-round", "program")),
        "documents": list(application.documents.filter(visit__isnull=True)),
        "events": list(application.events.order_by("at", "id")),
    }


@router.post("/applications", response={200: ApplicationOut, 201: ApplicationOut})
def application_create(
    request, payload: ApplicationIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    """Submit an application for one or more programs; every adult member's consent (person ids) is required."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=payload.household_id)
    application = services.application_submit(
        actor=request.user,
        household=household,
        programs=payload.programs,
        consents=payload.consents,  # ids: the service checks them against the current members
        channel=Channel.API,
        idempotency_key=(idempotency_key or "").strip()[:100] or None,
        note=payload.note,
    )
    # Answered without validating through ApplicationOut (the API's busiest write; _out() is already that shape,
    # see test_api_applications.py::test_submission_answer_is_the_schemas_own).
    if getattr(application, "replayed", False):
        return json_response(_out(application), status=200)
    return json_response(_out(application, new_programs=application.program_codes), status=201)


@router.get("/applications", response=ApplicationPage)
def application_index(
    request,
    status: str | None = None,
    program: str | None = None,
    overdue: bool = False,
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Applications in the caller's jurisdiction, most urgent first."""
    filters = {"status": status, "program": program, "overdue": overdue, "on": timezone.localdate()}
    qs = selectors.application_list(user=request.user, filters=filters)
    count = qs.count()
    start = (page - 1) * page_size
    applications = list(qs[start : start + page_size])
    selectors.applications_logged(user=request.user, applications=applications, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [_out(a) for a in applications]}


@router.get("/applications/{application_id}", response=ApplicationDetail)
def application_detail(request, application_id: str):
    """Status, deadlines, decisions with reasons, documents and history of one application."""
    return _detail(
        selectors.application_read(user=request.user, application_id=application_id, channel=AccessChannel.API)
    )


@router.post("/applications/{application_id}/documents", response={201: DocumentOut})
def document_create(request, application_id: str, doc_type: Form[str], file: File[UploadedFile]):
    """Upload a PDF, JPEG or PNG (≤ 10 MB; the type is read from the content)."""
    application = selectors.access_application_by_id(user=request.user, application_id=application_id)
    return Status(
        201, services.document_upload(actor=request.user, application=application, doc_type=doc_type, file=file)
    )


@router.post("/visits/{visit_id}", response=VisitOut)
def visit_create(request, visit_id: str, payload: VisitIn):
    """The assigned inspector records the household visit; dwelling findings and assets update the registry."""
    visit = selectors.access_visit_by_id(user=request.user, visit_id=visit_id)
    findings = {k: getattr(payload, k) for k in ("dwelling_type", "tenure", "heating", "rooms")}
    visit = services.visit_record(
        actor=request.user,
        visit=visit,
        living_conditions=payload.living_conditions,
        observations=payload.observations,
        assets_seen=payload.assets_seen,
        members_present=payload.members_present,
        findings=findings,
        assets=[a.dict() for a in payload.assets],
        latitude=payload.latitude,
        longitude=payload.longitude,
    )
    return {
        **{f: getattr(visit, f) for f in VisitOut.model_fields if f != "inspector"},
        "inspector": visit.inspector.get_username(),
    }


@router.post("/applications/{application_id}/objections", response={201: ObjectionOut})
def objection_create(request, application_id: str, payload: ObjectionIn):
    """File the citizen's objection to a decision, within the objection period."""
    application = selectors.access_application_by_id(user=request.user, application_id=application_id)
    return Status(201, services.objection_file(actor=request.user, application=application, reason=payload.reason))
