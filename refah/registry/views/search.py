"""Finding a person or household: by identity number or name, as a page or an htmx partial."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from refah.common.views import screen
from refah.registry import forms, selectors
from refah.registry.views.helpers import mask_id


def _search_row(person) -> dict:
    membership = person.current_memberships[0] if person.current_memberships else None
    household = membership.household if membership else None
    return {
        "person": person,
        "masked_id": mask_id(person.national_id) or person.internal_id,
        "household": household,
        "url": reverse("registry:household_detail", args=[household.pk]) if household else "",
    }


@require_GET
@screen
def household_search(request):
    form = forms.SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {"form": form, "query": query}
    if query:
        context["rows"] = [_search_row(p) for p in selectors.person_search(user=request.user, query=query)]
    else:
        context["recent"] = selectors.households_recent(user=request.user)
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "registry/_search_results.html" if partial else "registry/household_search.html"
    response = render(request, template, {**context, "partial": bool(partial)})
    patch_vary_headers(response, ["HX-Request"])
    return response
