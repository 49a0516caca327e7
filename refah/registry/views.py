"""Registry screens."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def household_search(request):
    return render(request, "registry/household_search.html", {})
