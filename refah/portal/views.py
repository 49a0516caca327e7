"""Citizen portal screens: sign in with TC Kimlik No and a one-time code, then the own household's
applications — apply, follow, upload documents, read the decision and its reasons, object.

Thin: parse a form, call one service or selector, render. Every read goes through refah.portal.selectors
with the signed-in person; NotFoundError (another household's id, a guessed id) is the portal's 404 page.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from refah.cases import documents, storage
from refah.cases import services as case_services
from refah.cases.enums import Channel
from refah.cases.workflow import TIMED_STATUSES
from refah.common.errors import NotFoundError, RefahError
from refah.common.views import error_text, screen
from refah.eligibility.catalogue import format_amount, program_label
from refah.employment import selectors as employment_selectors
from refah.employment import services as employment_services
from refah.notifications.errors import RateLimitedError
from refah.portal import errors, forms, selectors, services
from refah.portal.session import citizen_required, pending_get, pending_set, portal_login, portal_logout
from refah.reports.surveys import services as survey_services
from refah.reports.surveys.forms import SurveyForm

ACTION_LABELS = {
    "submit": gettext_lazy("Application received"),
    "investigate": gettext_lazy("Investigation started; a household visit is planned"),
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
# Steps whose note the citizen wrote or may read (the others may hold internal notes).
SHOWN_REASONS = {"submit", "object", "document_upload", "documents_request"}


# A signed-in citizen only (the portal's own sign-in), and "not found" of any kind is the portal's own 404 page.
_screen = screen(sign_in=citizen_required, pages=((NotFoundError, "portal/404.html"),))


@never_cache
def sign_in(request):
    """Step 1: the TC Kimlik No. The answer is the same whether or not the number is registered."""
    form = forms.SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        national_id = form.cleaned_data["national_id"]
        try:
            services.code_request(national_id=national_id)
        except RateLimitedError as exc:
            form.add_error(None, str(exc.message))
        else:
            pending_set(request, national_id)
            return redirect("portal:sign_in_code")
    context = {"form": form, "ended": request.GET.get("ended") == "1"}
    return render(request, "portal/sign_in.html", context)


@never_cache
def sign_in_code(request):
    """Step 2: the code from the message. Wrong, expired and unknown read the same."""
    national_id = pending_get(request)
    if national_id is None:
        messages.error(request, errors.ERR_NO_PENDING)
        return redirect("portal:sign_in")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.code_verify(national_id=national_id, code=form.cleaned_data["code"])
        except RefahError as exc:
            form.add_error("code", str(exc.message))
        else:
            portal_login(request, person)
            return redirect("portal:home")
    masked = f"{national_id[:3]}******{national_id[-2:]}"
    return render(request, "portal/sign_in_code.html", {"form": form, "masked": masked})


@require_POST
def sign_out(request):
    portal_logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("portal:sign_in")


@_screen
def home(request):
    """The household, its members and its applications."""
    person = request.portal_person
    household = selectors.household_read(person=person)
    applications = selectors.application_list(person=person) if household else []
    labels = selectors.program_labels(household=household) if household else {}
    for a in applications:
        a.program_names = [labels.get(p.program) or program_label(p.program) for p in a.programs.all()]
    context = {
        "person": person,
        "household": household,
        "members": selectors.members_of(person=person),
        "applications": applications,
        "surveys": survey_services.open_invitations(person=person) if household else [],
    }
    return render(request, "portal/home.html", context)


@_screen
def apply(request):
    """Apply for programs: choose them, tick the consent of every adult member, add a document."""
    person = request.portal_person
    household = selectors.household_read(person=person)  # the page shows the adult members' names: logged
    if household is None:
        messages.error(request, errors.ERR_NO_HOUSEHOLD)
        return redirect("portal:home")
    adults = selectors.adults_of(person=person)
    labels = selectors.program_labels(household=household)
    initial = {"idempotency_key": uuid.uuid4(), "consents": [str(person.pk)]}
    form = forms.ApplyForm(request.POST or None, request.FILES or None, programs=labels, adults=adults, initial=initial)
    if request.method == "POST" and form.is_valid():
        application = _submit(request, form, person, household, adults)
        if application is not None:
            messages.success(request, _("Application %(ref)s received.") % {"ref": application.reference})
            return redirect("portal:application", application_id=application.pk)
    required = [
        (labels.get(code, code), documents.labels(types))
        for code, types in selectors.required_documents(household=household).items()
        if types
    ]
    context = {"form": form, "household": household, "required": required}
    return render(request, "portal/apply.html", context)


def _submit(request, form, person, household, adults):
    data = form.cleaned_data
    chosen = set(data["consents"])
    uploads = [(data["doc_type"], data["document"])] if data.get("document") else []
    try:
        return case_services.application_submit(
            actor=None,
            person=person,
            household=household,
            programs=data["programs"],
            consents=[p for p in adults if str(p.pk) in chosen],
            channel=Channel.PORTAL,
            documents=uploads,
            idempotency_key=str(data["idempotency_key"]),
            note=data["note"],
        )
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        form.add_error(None, error_text(exc))
        return None


@_screen
def application(request, application_id):
    """Status, timeline, documents, the decision with its reasons and, within the period, the objection form."""
    person = request.portal_person
    a = selectors.application_read(person=person, application_id=application_id)
    events = [
        {"at": e.at, "label": ACTION_LABELS[e.action], "note": e.reason if e.action in SHOWN_REASONS else ""}
        for e in selectors.timeline(application=a)
    ]
    labels = selectors.program_labels(household=a.household)
    decisions = selectors.decisions_current(application=a)
    for d in decisions:
        d.label = labels.get(d.program) or program_label(d.program)
        d.amount_tl = format_amount(d.amount_kurus, d.program) if d.amount_kurus else ""
    context = {
        "a": a,
        "programs": [labels.get(p.program) or program_label(p.program) for p in a.programs.all()],
        "events": events,
        "documents": selectors.document_list(application=a),
        "missing": documents.labels(selectors.missing_documents(application=a)),
        "decisions": decisions,
        "timed": a.status in TIMED_STATUSES,
        "objection_until": selectors.objection_until(application=a),
        "document_form": forms.DocumentForm(),
        "objection_form": forms.ObjectionForm(),
        "survey": survey_services.portal_invitation(person=person, application=a) if decisions else None,
    }
    return render(request, "portal/application.html", context)


@_screen
def decision(request, decision_id):
    """One program decision with the committee's reasons and the objective reasons, in the UI language."""
    d = selectors.decision_read(person=request.portal_person, decision_id=decision_id)
    labels = selectors.program_labels(household=d.application.household)
    context = {
        "d": d,
        "a": d.application,
        "label": labels.get(d.program) or program_label(d.program),
        "amount_tl": format_amount(d.amount_kurus, d.program) if d.amount_kurus else "",
        "reasons": selectors.decision_reasons(decision=d),
        "objection_until": selectors.objection_until(application=d.application),
    }
    return render(request, "portal/decision.html", context)


@_screen
@require_POST
def document_add(request, application_id):
    person = request.portal_person
    a = selectors.access_application_by_id(person=person, application_id=application_id)
    form = forms.DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a document type and a file."))
        return redirect("portal:application", application_id=a.pk)
    try:
        case_services.document_upload(
            actor=None,
            person=person,
            application=a,
            doc_type=form.cleaned_data["doc_type"],
            file=form.cleaned_data["document"],
        )
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Document added."))
    return redirect("portal:application", application_id=a.pk)


@_screen
def document_download(request, document_id):
    """Stream one of the household's own documents as an attachment, never cached."""
    document = selectors.access_document_by_id(person=request.portal_person, document_id=document_id)
    path = storage.path_of(document.storage_name)
    if not path.exists():
        raise NotFoundError(errors.ERR_NOT_FOUND)
    response = FileResponse(
        path.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=f"{document.doc_type}-{document.pk.hex[:8]}{path.suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@_screen
@require_POST
def objection_add(request, application_id):
    person = request.portal_person
    a = selectors.access_application_by_id(person=person, application_id=application_id)
    form = forms.ObjectionForm(request.POST)
    if selectors.objection_until(application=a) is None:
        messages.error(request, errors.ERR_OBJECTION_CLOSED)
    elif not form.is_valid():
        messages.error(request, _("Give the reason for the objection."))
    else:
        try:
            case_services.objection_file(actor=None, person=person, application=a, reason=form.cleaned_data["reason"])
        except (ValidationError, RefahError) as exc:
            if isinstance(exc, NotFoundError):
                raise
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Your objection was received; the case will be re-examined."))
    return redirect("portal:application", application_id=a.pk)


@_screen
def work(request):
    """The offers made to the citizen (answer them here) and their household's sanctions for refusing work."""
    offers, sanctions = selectors.offers_read(person=request.portal_person)
    today = timezone.localdate()
    for o in offers:
        o.open = o.answer == "pending" and today <= o.answer_by
    context = {"offers": offers, "sanctions": sanctions, "objection_form": forms.ObjectionForm()}
    return render(request, "portal/work.html", context)


@_screen
def offer_answer(request, offer_id):
    """Answer an offer by its date: accept, or refuse with a reason of the catalogue."""
    person = request.portal_person
    offer = selectors.offer_read(person=person, offer_id=offer_id)
    form = forms.OfferAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            employment_services.answer_record(actor=None, person=person, offer=offer, channel="portal", **data)
        except (ValidationError, RefahError) as exc:
            if isinstance(exc, NotFoundError):
                raise
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Your answer was received."))
            return redirect("portal:work")
    context = {"offer": offer, "form": form, "late": timezone.localdate() > offer.answer_by}
    return render(request, "portal/offer_answer.html", context, status=400 if form.errors else 200)


@_screen
@require_POST
def sanction_objection(request, sanction_id):
    """Object to the household's sanction for refusing work (through its case, within the objection period)."""
    person = request.portal_person
    sanction = employment_selectors.access_citizen_sanction_by_id(person=person, sanction_id=sanction_id)
    form = forms.ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the objection."))
    else:
        try:
            employment_services.sanction_object(
                actor=None, person=person, sanction=sanction, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, RefahError) as exc:
            if isinstance(exc, NotFoundError):
                raise
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Your objection was received; it will be decided and you will be told."))
    return redirect("portal:work")


@_screen
def survey(request, application_id):
    """The satisfaction and fairness survey of the application's latest decision, while its invitation is open:
    the same two questions as the SMS link's page, answered once (anonymously) for the household."""
    person = request.portal_person
    a = selectors.access_application_by_id(person=person, application_id=application_id)
    invitation = survey_services.portal_invitation(person=person, application=a)
    if invitation is None:
        messages.info(request, _("There is no survey open for this application."))
        return redirect("portal:application", application_id=a.pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.survey_answer(person=person, invitation_id=invitation.pk, **form.cleaned_data)
        except RefahError as exc:
            if isinstance(exc, NotFoundError):
                raise
            messages.error(request, error_text(exc))
            return redirect("portal:home")
        messages.success(request, _("Thank you: your answers were received."))
        return redirect("portal:home")
    context = {"a": a, "form": form, "invitation": invitation}
    return render(request, "portal/survey.html", context, status=400 if form.errors else 200)
