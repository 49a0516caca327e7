"""Record linkage screens: the clerical review queue, one review item (the record beside each candidate, the
evidence in words, accept or reject), the link history with undo. Thin: parse, call one service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import error_text, screen
from refah.linkage import forms, selectors, services, words
from refah.linkage.apps import REGISTRY_PERSON
from refah.linkage.enums import ReviewStatus
from refah.linkage.services.persons import keep_by_default_id

PAGE_SIZE = 50
RECORD_FIELDS = (
    ("national_id", "national_id"),
    ("first_name", "first_name"),
    ("last_name", "last_name"),
    ("birth_date", "birth_date"),
    ("father_name", "father_name"),
    ("mother_name", "mother_name"),
    ("phone", "phone"),
)


@screen(permission=selectors.VIEW_REVIEW, methods=("GET",))
def review_queue(request):
    status = request.GET.get("status") or ReviewStatus.OPEN
    if status not in ReviewStatus.values:
        status = ReviewStatus.OPEN
    page = Paginator(selectors.review_list(user=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"review": r, "kind": services.link_kind_label(r.kind), "best": words.percent(_best(r))}
        for r in page.object_list
    ]
    return render(
        request,
        "linkage/review_queue.html",
        {"rows": rows, "page": page, "status": status, "statuses": ReviewStatus.choices},
    )


def _best(review) -> float | None:
    return review.candidates[0]["probability"] if review.candidates else None


def _person_fields(person) -> dict:
    if person is None:
        return {}
    return {name: getattr(person, attr) or "" for name, attr in RECORD_FIELDS}


@screen(permission=selectors.VIEW_REVIEW, methods=("GET",))
def review_detail(request, review_id):
    review, candidates = selectors.review_read(user=request.user, review_id=review_id)
    return render(request, "linkage/review_detail.html", _detail_context(review, candidates))


def _detail_context(review, candidates, reject_form=None) -> dict:
    merge = review.kind == REGISTRY_PERSON
    shown = [
        {
            "candidate": c,
            "fields": _person_fields(c.person),
            "percent": words.percent(c.probability),
            "evidence": words.evidence_lines(c.evidence),
            "keep": keep_by_default_id(review.record_id, c.person) if merge else None,
        }
        for c in candidates
    ]
    return {
        "review": review,
        "merge": merge,
        "kind": services.link_kind_label(review.kind),
        "record": review.record,
        "candidates": shown,
        "reject_form": reject_form or forms.ReasonForm(),
    }


@screen(permission="linkage.decide_linkreview", methods=("POST",))
def review_accept(request, review_id):
    form = forms.AcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the candidates."))
        return redirect("linkage:review_detail", review_id)
    data = form.cleaned_data
    try:
        link = services.review_accept(
            actor=request.user,
            review_id=review_id,
            person_id=data["person_id"],
            keep_id=data.get("keep_id"),
            reason=data.get("reason") or "",
        )
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        messages.error(request, error_text(exc))
        return redirect("linkage:review_detail", review_id)
    if link.kind == REGISTRY_PERSON:
        messages.success(request, _("The two records are merged into one person."))
    else:
        messages.success(request, _("The record is linked to the chosen person."))
    return redirect("linkage:review_queue")


@screen(permission="linkage.decide_linkreview", methods=("POST",))
def review_reject(request, review_id):
    form = forms.ReasonForm(request.POST)
    try:
        services.review_reject(actor=request.user, review_id=review_id, reason=request.POST.get("reason", ""))
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        form.is_valid()
        form.add_error("reason" if "reason" in form.fields else None, error_text(exc))
        review, candidates = selectors.review_read(user=request.user, review_id=review_id)
        return render(request, "linkage/review_detail.html", _detail_context(review, candidates, form), status=400)
    messages.success(request, _("The review item is rejected: the record stays unlinked."))
    return redirect("linkage:review_queue")


@screen(permission=selectors.VIEW_LINK, methods=("GET",))
def link_history(request):
    links = selectors.link_list(user=request.user, record_id=request.GET.get("record") or None)
    page = Paginator(links, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"link": link, "kind": services.link_kind_label(link.kind)} for link in page.object_list]
    return render(request, "linkage/link_history.html", {"rows": rows, "page": page, "form": forms.ReasonForm()})


@screen(permission="linkage.undo_link", methods=("POST",))
def link_undo(request, link_id):
    try:
        services.link_undo(actor=request.user, link_id=link_id, reason=request.POST.get("reason", ""))
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, (NotFoundError, PermissionDeniedError)):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The link is undone."))
    return redirect("linkage:link_history")
