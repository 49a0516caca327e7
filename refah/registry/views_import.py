"""Import screen: upload a CSV/XLSX of households, see the validation report, import atomically."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def import_upload(request):
    return render(request, "registry/import.html", {})
