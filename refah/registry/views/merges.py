"""A person's page (a merged record's says whom it was merged into), merging another record of the person into
theirs, the history of merges with undo. Thin: parse a form, call a selector or one service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.common.errors import NotFoundError
from refah.common.views import require_perm, screen
from refah.registry import forms_merge, selectors, services
from refah.registry.views.helpers import submit

PAGE_SIZE = 50


def merge_rows(merges) -> list[dict]:
    """Merges as the screens show them: the merge, what it changed in words."""
    return [{"merge": m, "changed": _changed_words(selectors.merge_counts(m))} for m in merges]


def _changed_words(counts: dict[str, int]) -> str:
    labels = {
        "memberships": _("memberships"),
        "incomes": _("incomes"),
        "assets": _("assets"),
        "attendance": _("school months"),
        "details": _("details"),
    }
    parts = [f"{labels[name]}: {n}" for name, n in counts.items() if n]
    return " · ".join(parts) or "—"


@screen(methods=("GET",))
def person_detail(request, person_id):
    page = selectors.person_page(user=request.user, person_id=person_id)
    selectors.merges_shown(user=request.user, merges=page.merges)
    context = {
        "page": page,
        "person": page.person,
        "rows": merge_rows(page.merges),
        "undo_form": forms_merge.UndoForm(),
        "show_sensitive": selectors.can_view_sensitive(request.user),
    }
    return render(request, "registry/person_detail.html", context)


@screen(permission=services.MERGE_PERMISSION, methods=("GET", "POST"))
def person_merge(request, person_id):
    person = selectors.person_for_merge(user=request.user, person_id=person_id)
    form = forms_merge.MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        other = _other(form, request.user, data["other"])
        keep, drop = (person, other) if data["keep"] == forms_merge.KEEP_THIS else (other, person)
        merge = other and submit(
            form, services.person_merge, actor=request.user, keep=keep, drop=drop, reason=data["reason"],
            take=data["take"],
        )  # fmt: skip
        if merge:
            messages.success(request, _("%(name)s's two records are merged into one.") % {"name": merge.keep.full_name})
            return redirect("registry:person_detail", merge.keep_id)
    return render(
        request, "registry/person_merge.html", {"person": person, "form": form}, status=400 if form.errors else 200
    )


def _other(form, user, identifier: str):
    try:
        return selectors.person_for_merge(user=user, identifier=identifier, field="other")
    except NotFoundError as exc:
        form.add_error("other", exc.message)
        return None


@screen(permission=selectors.VIEW_MERGES, methods=("GET",))
def merge_list(request):
    merges = selectors.merge_list(user=request.user)
    page = Paginator(merges, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.merges_shown(user=request.user, merges=list(page.object_list))
    context = {"page": page, "rows": merge_rows(page.object_list), "undo_form": forms_merge.UndoForm()}
    return render(request, "registry/merge_list.html", context)


@screen(permission=services.MERGE_PERMISSION, methods=("POST",))
def merge_undo(request, merge_id):
    merge = selectors.access_merge_by_id(user=request.user, merge_id=merge_id)
    require_perm(request, services.MERGE_PERMISSION)
    form = forms_merge.UndoForm(request.POST)
    done = form.is_valid() and submit(
        form, services.person_merge_undo, actor=request.user, merge_id=merge.pk, reason=form.cleaned_data["reason"]
    )
    if done:
        messages.success(request, _("The merge is undone: the two records are separate again."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    back = {"keep": merge.keep_id, "drop": merge.drop_id}.get(request.POST.get("back", ""))
    return redirect("registry:person_detail", back) if back else redirect("registry:merge_list")
