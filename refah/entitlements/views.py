"""Screens of martyrs' relatives, veterans and free travel cards: the records (list, new, a record with its
entitlements and the services used), the cards (list by status, the issue run, a card with its delivery, replace
and cancel forms), the print batches (list, a batch with its PDF and CSV, marking it printed).

Thin: parse a form, call one service or selector, render; the `screen` decorator turns "not found" and "not
allowed" into their pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.audit.enums import AccessChannel
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.common.views import error_text, form_errors, require_perm, screen
from refah.entitlements import errors, forms, selectors, services
from refah.entitlements.catalogue import source_text
from refah.entitlements.enums import CardStatus, VeteranStatus
from refah.entitlements.roles import ADD_RECORD, DELIVER, GRANT, ISSUE, PRINT, VIEW_CARD, VIEW_RECORD
from refah.registry import selectors as registry_selectors

_REFUSED = (ValidationError, RefahError)
LIST_LIMIT = 100


@screen(permission=VIEW_RECORD, methods=("GET",))
def home(request):
    """Veterans and martyrs' relatives of the jurisdiction, by status and name."""
    status = request.GET.get("status", "")
    status = status if status in VeteranStatus.values else ""
    query = request.GET.get("q", "")[:100]
    rows = selectors.record_list(user=request.user, status=status, query=query)
    shown = list(rows[:LIST_LIMIT])
    selectors.records_logged(user=request.user, rows=shown, channel=AccessChannel.SCREEN)
    context = {"rows": shown, "count": rows.count(), "status": status, "q": query, "statuses": VeteranStatus.choices}
    return render(request, "entitlements/home.html", context)


def _person_by_tc(request, national_id: str):
    national_id = (national_id or "").strip()
    found = registry_selectors.person_search(user=request.user, query=national_id, limit=1) if national_id else []
    if len(national_id) != 11 or not found or found[0].national_id != national_id:
        raise RefahError(errors.ERR_PERSON_NOT_FOUND, field="person_national_id")
    return found[0]


@screen(permission=ADD_RECORD, methods=("GET", "POST"))
def record_create(request):
    form = forms.RecordForm(request.POST or None, initial={"person_national_id": request.GET.get("tc", "")[:11]})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = _person_by_tc(request, data.pop("person_national_id"))
            record = services.veteran_record_create(actor=request.user, person=person, **data)
        except NotFoundError as exc:
            form.add_error("person_national_id", str(exc.message))
        except (*_REFUSED, ConflictError) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The record is saved. Grant the entitlements the status allows."))
            return redirect("entitlements:record", record_id=record.pk)
    return render(request, "entitlements/record_form.html", {"form": form}, status=400 if form.errors else 200)


@screen(permission=VIEW_RECORD, methods=("GET", "POST"))
def record(request, record_id):
    """A record, its entitlements (grant, use, revoke, refer) and the services the person and household used."""
    page = selectors.record_read(user=request.user, record_id=record_id)
    grant_form = forms.GrantForm(request.POST or None, kinds=page.grantable)
    if request.method == "POST":
        require_perm(request, GRANT)
        if grant_form.is_valid():
            try:
                services.entitlement_grant(actor=request.user, record=page.record, **grant_form.cleaned_data)
            except (*_REFUSED, ConflictError) as exc:
                form_errors(grant_form, exc)
            else:
                messages.success(request, _("The entitlement is granted."))
                return redirect("entitlements:record", record_id=page.record.pk)
    rows = [{"e": e, "source": source_text(e.kind)} for e in page.entitlements]
    context = {"p": page, "rows": rows, "grant_form": grant_form, "reason_form": forms.ReasonForm()}
    return render(request, "entitlements/record.html", context, status=400 if grant_form.errors else 200)


def _entitlement_action(request, entitlement_id, act) -> HttpResponse:
    entitlement = selectors.access_entitlement_by_id(user=request.user, entitlement_id=entitlement_id)
    try:
        message = act(entitlement)
    except (*_REFUSED, ConflictError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, message)
    return redirect("entitlements:record", record_id=entitlement.record_id)


@screen(permission=GRANT, methods=("POST",))
def entitlement_use(request, entitlement_id):
    def act(entitlement):
        services.entitlement_use(actor=request.user, entitlement=entitlement)
        return _("The entitlement is recorded as used.")

    return _entitlement_action(request, entitlement_id, act)


@screen(permission=GRANT, methods=("POST",))
def entitlement_revoke(request, entitlement_id):
    def act(entitlement):
        services.entitlement_revoke(actor=request.user, entitlement=entitlement, reason=request.POST.get("reason", ""))
        return _("The entitlement is revoked.")

    return _entitlement_action(request, entitlement_id, act)


@screen(permission=GRANT, methods=("POST",))
def entitlement_refer(request, entitlement_id):
    def act(entitlement):
        services.entitlement_refer(actor=request.user, entitlement=entitlement, reason=request.POST.get("reason", ""))
        return _("Referred to the martyrs' relatives and veterans service.")

    return _entitlement_action(request, entitlement_id, act)


@screen(permission=VIEW_CARD, methods=("GET",))
def card_list(request):
    """Travel cards by status, the counts, and (for supervisors) the issue run."""
    status = request.GET.get("status", "")
    status = status if status in CardStatus.values else ""
    query = request.GET.get("q", "")[:30]
    rows = selectors.card_list(user=request.user, status=status, query=query)
    shown = list(rows[:LIST_LIMIT])
    selectors.records_logged(user=request.user, rows=shown, channel=AccessChannel.SCREEN)
    counts = selectors.card_counts(user=request.user)
    context = {
        "rows": shown,
        "count": rows.count(),
        "status": status,
        "q": query,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in CardStatus.choices],
        "runs": list(selectors.run_list(user=request.user)[:5]) if request.user.has_perm(ISSUE) else [],
    }
    return render(request, "entitlements/cards.html", context)


@screen(permission=ISSUE, methods=("POST",))
def cards_issue(request):
    try:
        run = services.cards_issue(actor=request.user)
    except _REFUSED as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("%(found)s persons entitled, %(carded)s already hold a card: %(new)s cards requested.")
            % {"found": run.persons_found, "carded": run.already_carded, "new": run.cards_requested},
        )
    return redirect("entitlements:card_list")


@screen(permission=VIEW_CARD, methods=("GET",))
def card(request, card_id):
    found = selectors.card_read(user=request.user, card_id=card_id)
    context = {"card": found, "replace_form": forms.ReplaceForm(), "reason_form": forms.ReasonForm()}
    return render(request, "entitlements/card.html", context)


@screen(permission=DELIVER, methods=("GET", "POST"))
def card_deliver(request, card_id):
    """The delivery form, phone first: where, when, to whom."""
    found = selectors.card_read(user=request.user, card_id=card_id)
    initial = {"place": "counter", "receiver": "person", "delivered_on": timezone.localdate()}
    form = forms.DeliverForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_deliver(actor=request.user, card=found, **form.cleaned_data)
        except ConflictError as exc:
            messages.error(request, error_text(exc))
            return redirect("entitlements:card", card_id=found.pk)
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The delivery is recorded."))
            return redirect("entitlements:card", card_id=found.pk)
    context = {"card": found, "form": form}
    return render(request, "entitlements/card_deliver.html", context, status=400 if form.errors else 200)


@screen(permission=DELIVER, methods=("POST",))
def card_replace(request, card_id):
    found = selectors.access_card_by_id(user=request.user, card_id=card_id)
    form = forms.ReplaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the card is replaced."))
        return redirect("entitlements:card", card_id=found.pk)
    try:
        new = services.card_replace(actor=request.user, card=found, **form.cleaned_data)
    except (*_REFUSED, ConflictError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        messages.error(request, error_text(exc))
        return redirect("entitlements:card", card_id=found.pk)
    messages.success(request, _("The card is ended and a new one requested."))
    return redirect("entitlements:card", card_id=new.pk)


@screen(permission=DELIVER, methods=("POST",))
def card_cancel(request, card_id):
    found = selectors.access_card_by_id(user=request.user, card_id=card_id)
    try:
        services.card_cancel(actor=request.user, card=found, reason=request.POST.get("reason", ""))
    except (*_REFUSED, ConflictError) as exc:
        if isinstance(exc, NotFoundError):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The card is cancelled."))
    return redirect("entitlements:card", card_id=found.pk)


@screen(permission=VIEW_CARD, methods=("GET",))
def batch_list(request):
    batches = list(selectors.batch_list(user=request.user)[:LIST_LIMIT])
    context = {"batches": batches, "waiting": selectors.cards_awaiting_print(user=request.user)}
    return render(request, "entitlements/batches.html", context)


@screen(permission=PRINT, methods=("POST",))
def batch_create(request):
    try:
        batch = services.print_batch_create(actor=request.user)
    except _REFUSED as exc:
        messages.error(request, error_text(exc))
        return redirect("entitlements:batch_list")
    messages.success(request, _("The batch is prepared: check the PDF, send the CSV to the card printer."))
    return redirect("entitlements:batch", batch_id=batch.pk)


@screen(permission=VIEW_CARD, methods=("GET",))
def batch(request, batch_id):
    found, cards = selectors.batch_read(user=request.user, batch_id=batch_id)
    return render(request, "entitlements/batch.html", {"batch": found, "cards": cards})


@screen(permission=PRINT, methods=("POST",))
def batch_printed(request, batch_id):
    found = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    try:
        services.print_batch_printed(actor=request.user, batch=found)
    except (*_REFUSED, ConflictError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The batch is printed: its cards await delivery."))
    return redirect("entitlements:batch", batch_id=found.pk)


@screen(permission=PRINT, methods=("GET",))
def batch_pdf(request, batch_id):
    found, data = selectors.batch_file(user=request.user, batch_id=batch_id, kind="pdf")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.reference}.pdf"'
    return response


@screen(permission=PRINT, methods=("GET",))
def batch_csv(request, batch_id):
    found, data = selectors.batch_file(user=request.user, batch_id=batch_id, kind="csv")
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.reference}.csv"'
    return response
