"""Import screen: upload a CSV/XLSX of households, see the validation report, import atomically."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry import imports, selectors
from refah.registry.models_import import ImportBatch


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Household file"),
        help_text=_("A .csv (comma or semicolon, UTF-8) or .xlsx file, one row per person."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    check_only = forms.BooleanField(
        label=_("Only check the file, import nothing"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(imports.ERR_FILE_TYPE.text(get_language()))
        limit = settings.REFAH_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(imports.ERR_FILE_TOO_LARGE.text(get_language(), size=upload.size, limit=limit))
        return upload


def _forbidden(request, message=None):
    message = message or imports.ERR_NO_PERMISSION.text(get_language())
    return render(request, "registry/import_forbidden.html", {"message": message}, status=403)


@login_required
def import_upload(request):
    """GET: the upload form and recent imports. POST: validate and import, then show the report."""
    if not request.user.has_perm(imports.PERMISSION):
        return _forbidden(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, check_only = form.cleaned_data["file"], form.cleaned_data["check_only"]
        try:
            batch = imports.household_import(
                actor=request.user, file_name=upload.name, data=upload.read(), dry_run=check_only
            )
        except imports.ImportFileError as exc:
            form.add_error("file", exc.text(get_language()))
        except PermissionDeniedError as exc:
            return _forbidden(request, exc.message)
        else:
            if check_only:
                return render(request, "registry/import_report.html", _report_context(batch, checked_only=True))
            return redirect("registry:import_report", batch_id=batch.pk)
    context = {"form": form, "recent": imports.import_batch_list(user=request.user)}
    return render(request, "registry/import.html", context, status=400 if form.errors else 200)


def _report_context(batch: ImportBatch, *, checked_only: bool = False) -> dict:
    lang = "tr" if get_language().startswith("tr") else "en"
    rows = [{**item, "reason": item[lang]} for item in batch.report]
    return {
        "batch": batch,
        "checked_only": checked_only,
        "errors": [r for r in rows if r["level"] == "error"],
        "skipped": [r for r in rows if r["level"] == "skipped"],
        "counts": batch.counts,
    }


@login_required
@require_GET
def import_report(request, batch_id):
    """The report of one upload: summary, problems and what was skipped."""
    try:
        batch = imports.access_import_batch_by_id(user=request.user, batch_id=batch_id)
    except PermissionDeniedError:
        return _forbidden(request)
    except NotFoundError:
        return render(request, "registry/import_forbidden.html", {"message": _("Import not found.")}, status=404)
    return render(request, "registry/import_report.html", _report_context(batch))


@login_required
@require_GET
def import_report_csv(request, batch_id):
    """The report as a CSV with Turkish and English reasons, to share with whoever fixes the file."""
    try:
        batch = imports.access_import_batch_by_id(user=request.user, batch_id=batch_id)
    except PermissionDeniedError:
        return _forbidden(request)
    except NotFoundError:
        return HttpResponse(status=404)
    stamp = timezone.localtime(batch.created_at).strftime("%Y%m%d-%H%M")
    selectors.import_report_exported(user=request.user, batch=batch)
    response = HttpResponse(imports.import_report_csv(batch=batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="refah-import-report-{stamp}.csv"'
    return response


@login_required
@require_GET
def import_template(request):
    """An empty CSV with every column header, in the user's language."""
    if not request.user.has_perm(imports.PERMISSION):
        return _forbidden(request)
    lang = get_language()
    name = "refah-hane-sablonu.csv" if lang.startswith("tr") else "refah-household-template.csv"
    response = HttpResponse(imports.import_template_csv(lang=lang), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
