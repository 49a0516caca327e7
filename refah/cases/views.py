"""Case screens: the caseworker's queue, the counter application form, the case page, the inspector's visits.

Thin: parse a form, call one service or selector, render. NotFoundError is the 404 page and
PermissionDeniedError the 403 page; other domain errors are shown as messages or form errors.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.audit.enums import AccessChannel
from refah.cases import documents, forms, report, selectors, services, storage, verification
from refah.cases.enums import Channel, DocumentType, Status, VisitStatus
from refah.cases.workflow import TIMED_STATUSES, TRANSITIONS
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.money import tl_to_kurus
from refah.common.views import error_text, require_perm, screen
from refah.eligibility import catalogue
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person

QUEUE_PAGE_SIZE = 50

ACTIONS = {
    "assign_visit": (services.visit_assign, "cases.assign_visit"),
    "send_to_committee": (services.case_send_to_committee, "cases.send_to_committee"),
    "request_documents": (services.documents_request, "cases.change_application"),
    "withdraw": (services.application_withdraw, "cases.change_application"),
    "object": (services.objection_file, "cases.change_application"),
    "assign_objection": (services.objection_assign, "cases.handle_objection"),
    "close": (services.case_close, "cases.change_application"),
    "verify": (verification.application_verify, "exchange.refresh_sources"),
}
# The case history in words; an action without a label here is shown as its code.
EVENT_LABELS = {
    "submit": gettext_lazy("Application received"),
    "investigate": gettext_lazy("Investigation started; a household visit is planned"),
    "visit_assign": gettext_lazy("Household visit assigned"),
    "visit_record": gettext_lazy("Household visit done"),
    "send_to_committee": gettext_lazy("Sent to the committee"),
    "decide": gettext_lazy("Decision made"),
    "object": gettext_lazy("Objection filed"),
    "re_examine": gettext_lazy("Re-examination started"),
    "document_upload": gettext_lazy("Document added"),
    "documents_request": gettext_lazy("Documents requested"),
    "withdraw": gettext_lazy("Application withdrawn"),
    "close": gettext_lazy("Case closed"),
}
TAKES_REASON = {"withdraw", "object", "close", "assign_visit", "send_to_committee", "assign_objection"}


@screen
def queue(request):
    """Applications of the office, most urgent first, with overdue badges."""
    form = forms.QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    qs = selectors.application_queue(user=request.user, filters={**filters, "on": today})
    page = Paginator(qs, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    for a in page.object_list:
        a.overdue = a.status in TIMED_STATUSES and a.due_on < today
    selectors.applications_logged(user=request.user, applications=page.object_list, channel=AccessChannel.SCREEN)
    overdue_count = selectors.overdue_applications(user=request.user, on=today).count()
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": page.object_list, "overdue_count": overdue_count}
    return render(request, "cases/queue.html", {**context, "query": query.urlencode()})


def _household_choice(request):
    query = request.GET.get("q", "").strip()
    persons = registry_selectors.person_search(user=request.user, query=query) if query else []
    return query, persons


@screen(permission="cases.add_application")
def application_new(request):
    """Counter form: find the household, then programs, consents of the adults and a document."""
    household_id = request.GET.get("household") or request.POST.get("household")
    if not household_id:
        query, persons = _household_choice(request)
        return render(request, "cases/application_new.html", {"query": query, "persons": persons})
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    today = timezone.localdate()
    adults = [m.person for m in registry_selectors.members_on(household=household) if m.person.age_on(today) >= 18]
    available = catalogue.programs_available(household=household)
    form = forms.ApplicationForm(request.POST or None, request.FILES or None, programs=available, adults=adults)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [(data["doc_type"], data["document"])] if data.get("document") and data.get("doc_type") else []
        try:
            application = services.application_submit(
                actor=request.user,
                household=household,
                programs=data["programs"],
                consents=list(Person.objects.filter(pk__in=data["consents"])),
                channel=Channel.COUNTER,
                documents=uploads,
                note=data["note"],
            )
        except (ValidationError, RefahError) as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Application %(ref)s received.") % {"ref": application.reference})
            return redirect("cases:case_detail", application_id=application.pk)
    required = {code: documents.labels(documents.required_for([code])) for code in available}
    context = {"household": household, "form": form, "required": required}
    return render(request, "cases/application_new.html", context)


@screen
def case_detail(request, application_id):
    """Timeline, programs, documents, visits, the frozen score and decisions, and the next actions."""
    application = selectors.application_read(user=request.user, application_id=application_id)
    allowed = TRANSITIONS[application.status]
    events = list(application.events.order_by("-at", "-id"))
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    missing = documents.missing_for(application)
    open_visit = _visit_pending(application)
    checks = verification.checks(application.household_id) if application.status in verification.OPEN_STATUSES else []
    context = {
        "a": application,
        "programs": list(application.programs.all()),
        "events": events,
        "statuses": Status,
        "documents": application.documents.select_related("visit"),
        "missing": documents.labels(missing),
        "open_visit": open_visit,
        "committee_ready": not open_visit and not missing,
        "visits": application.visits.select_related("inspector"),
        "snapshot": application.snapshots.order_by("-created_at").first(),
        "decisions": application.decisions.order_by("-round", "program"),
        "objections": application.objections.all(),
        "allowed": {str(s) for s in allowed},
        "document_form": forms.DocumentForm(),
        "overdue": application.status in TIMED_STATUSES and application.due_on < timezone.localdate(),
        "checks": checks,
        "checks_waiting": any(not c.done for c in checks),
    }
    return render(request, "cases/case_detail.html", context)


def _visit_pending(application) -> bool:
    """Mirrors case_send_to_committee (the authority): a visit still open, or none recorded yet."""
    visits = application.visits
    return visits.filter(status=VisitStatus.ASSIGNED).exists() or not visits.filter(status=VisitStatus.DONE).exists()


@screen(methods=("POST",))
def case_action(request, application_id, action):
    """Run one workflow action from the case page (POST), then back to the case with a message."""
    if action not in ACTIONS:
        raise Http404
    service, perm = ACTIONS[action]
    require_perm(request, perm)
    application = selectors.access_application_by_id(user=request.user, application_id=application_id)
    kwargs = {"reason": request.POST.get("reason", "")} if action in TAKES_REASON else {}
    try:
        service(actor=request.user, application=application, **kwargs)
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Done."))
    return redirect("cases:case_detail", application_id=application.pk)


@screen(methods=("POST",))
def document_add(request, application_id):
    application = selectors.access_application_by_id(user=request.user, application_id=application_id)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                application=application,
                doc_type=form.cleaned_data["doc_type"],
                file=form.cleaned_data["document"],
            )
            messages.success(request, _("Document added."))
        except (ValidationError, RefahError) as exc:
            messages.error(request, error_text(exc))
    else:
        messages.error(request, _("Choose a document type and a file."))
    return redirect("cases:case_detail", application_id=application.pk)


@screen
def document_download(request, document_id):
    """Stream a private document to a permitted user of the case's office; never cached, never inline HTML."""
    document = selectors.access_document_by_id(user=request.user, document_id=document_id)
    path = storage.path_of(document.storage_name)
    if not path.exists():
        raise NotFoundError(_("Document not found."))
    ext = path.suffix
    response = FileResponse(
        path.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=f"{document.doc_type}-{document.pk.hex[:8]}{ext}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@screen
def case_report(request, application_id):
    """The social investigation report as PDF."""
    application = selectors.application_report(user=request.user, application_id=application_id)
    response = HttpResponse(report.investigation_report(application=application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inceleme-{application.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@screen
def visit_list(request):
    """The inspector's open visits, most urgent first."""
    visits = list(selectors.visits_for_inspector(user=request.user))
    today = timezone.localdate()
    for v in visits:
        v.overdue = v.due_on < today
    return render(request, "cases/visit_list.html", {"visits": visits})


@screen
def visit_form(request, visit_id):
    """The phone-friendly visit form; findings go to the registry through its services."""
    # The form shown is a read of the household (logged); its submission is a write (audited by the service).
    read = selectors.visit_read if request.method == "GET" else selectors.access_visit_by_id
    visit = read(user=request.user, visit_id=visit_id)
    household = visit.application.household
    members = registry_selectors.members_on(household=household)
    initial = {"heating": household.heating, "tenure": household.tenure, "rooms": household.rooms}
    form = forms.VisitForm(request.POST or None, request.FILES or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        assets = []
        if d.get("vehicle_value"):
            assets = [
                {"kind": "vehicle", "value_kurus": tl_to_kurus(d["vehicle_value"]), "description": _("Seen at visit")}
            ]
        try:
            services.visit_record(
                actor=request.user,
                visit=visit,
                living_conditions=d["living_conditions"],
                observations=d["observations"],
                assets_seen=d["assets_seen"],
                members_present=d["members_present"],
                findings={k: d[k] for k in ("heating", "tenure", "rooms")},
                assets=assets,
                photos=[d["photo"]] if d.get("photo") else [],
                latitude=d.get("latitude"),
                longitude=d.get("longitude"),
            )
        except (ValidationError, RefahError) as exc:
            if isinstance(exc, (NotFoundError, PermissionDeniedError)):
                raise
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("cases:visit_list")
    context = {
        "visit": visit,
        "household": household,
        "members": members,
        "form": form,
        "photo_type": DocumentType.VISIT_PHOTO,
    }
    return render(request, "cases/visit_form.html", context)
