"""Screens of aid records: the givers' records, the upload with its report, a household's aid from every
giver (a page, and the fragment the registry's household page loads), duplicate aid flags and their resolution."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from refah.aidrecords import enums, selectors, services
from refah.aidrecords.models import AidRecord
from refah.common.errors import ConflictError
from refah.common.money import format_tl
from refah.common.views import form_errors, screen
from refah.registry import imports


def _lang() -> str:
    return "tr" if (get_language() or "en").startswith("tr") else "en"


def _row(record: AidRecord) -> dict:
    """A record as a table row: its amount in TL, or its quantity with the unit."""
    if record.amount_kurus is not None:
        amount = format_tl(record.amount_kurus, _lang())
    else:
        amount = f"{record.quantity.normalize():f} {record.unit}"
    return {"record": record, "amount": amount}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Aid file"),
        help_text=_("A .csv (comma or semicolon, UTF-8) or .xlsx file, one row per aid given."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    giver_name = forms.CharField(
        label=_("Given by another public body"),
        required=False,
        max_length=200,
        help_text=_("Leave empty for your office's own aid; otherwise the body's name (e.g. AFAD Iğdır)."),
    )
    check_only = forms.BooleanField(label=_("Only check the file, store nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(imports.ERR_FILE_TYPE.text(get_language()))
        limit = settings.REFAH_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(imports.ERR_FILE_TOO_LARGE.text(get_language(), size=upload.size, limit=limit))
        return upload


class ResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Resolution"),
        choices=[(s.value, s.label) for s in enums.FlagStatus if s != enums.FlagStatus.OPEN],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Why"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


@screen(permission=selectors.VIEW, methods=("GET",))
def record_list(request):
    """The givers' records of the user's jurisdiction, filtered by kind and link, and each giver's coverage."""
    kind = request.GET.get("kind", "")
    link = request.GET.get("link", "")
    qs = selectors.aid_record_list(
        user=request.user,
        kind=kind if kind in enums.AidKind.values else "",
        link_status=link if link in enums.LinkStatus.values else "",
    )
    records = list(qs[:100])
    selectors.aid_records_logged(user=request.user, records=records, channel="screen")
    context = {
        "rows": [_row(r) for r in records],
        "count": qs.count(),
        "kinds": enums.AidKind.choices,
        "links": enums.LinkStatus.choices,
        "kind": kind,
        "link": link,
        "coverage": selectors.giver_coverage(user=request.user),
    }
    return render(request, "aidrecords/record_list.html", context)


def _report_context(batch, *, checked_only: bool = False) -> dict:
    rows = [{**item, "reason": item[_lang()]} for item in batch.report]
    return {
        "batch": batch,
        "checked_only": checked_only,
        "errors": [r for r in rows if r["level"] == "error"],
        "skipped": [r for r in rows if r["level"] == "skipped"],
        "counts": batch.counts,
    }


@screen(permission="aidrecords.add_aidrecord", methods=("GET", "POST"))
def upload(request):
    """GET: the upload form and recent files. POST: check the file and, without errors, store it."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = services.aid_file_import(
                actor=request.user,
                file_name=data["file"].name,
                data=data["file"].read(),
                giver_name=data["giver_name"],
                dry_run=data["check_only"],
            )
        except imports.ImportFileError as exc:
            form.add_error("file", exc.text(get_language()))
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            if data["check_only"]:
                return render(request, "aidrecords/batch_report.html", _report_context(batch, checked_only=True))
            return redirect("aidrecords:batch_report", batch_id=batch.pk)
    context = {"form": form, "recent": selectors.aid_batch_list(user=request.user)}
    return render(request, "aidrecords/upload.html", context, status=400 if form.errors else 200)


@screen(methods=("GET",))
def batch_report(request, batch_id):
    batch = selectors.access_aid_batch_by_id(user=request.user, batch_id=batch_id)
    return render(request, "aidrecords/batch_report.html", _report_context(batch))


@screen(permission="aidrecords.add_aidrecord", methods=("GET",))
def upload_template(request):
    """An empty CSV with every column header, in the user's language."""
    lang = get_language() or "en"
    name = "refah-yardim-sablonu.csv" if lang.startswith("tr") else "refah-aid-template.csv"
    response = HttpResponse(services.aid_template_csv(lang=lang), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@screen(methods=("GET",))
def household_aid(request, household_id):
    """Every aid of every giver to a household over time; htmx asks for the section alone."""
    household, records = selectors.household_aid(user=request.user, household_id=household_id)
    context = {
        "household": household,
        "rows": [_row(r) for r in records],
        "totals": [
            {**t, "amount": format_tl(t["amount_kurus"], _lang())} for t in selectors.household_aid_totals(records)
        ],
    }
    if request.headers.get("HX-Request"):
        return render(request, "aidrecords/_household_aid.html", context)
    return render(request, "aidrecords/household_aid.html", context)


@screen(methods=("GET",))
def flag_list(request):
    status = request.GET.get("status", enums.FlagStatus.OPEN)
    status = status if status in enums.FlagStatus.values or status == "" else enums.FlagStatus.OPEN
    flags = list(selectors.duplicate_flag_list(user=request.user, status=status)[:200])
    selectors.aid_records_logged(
        user=request.user, records=[r for f in flags for r in (f.first, f.second)], channel="screen"
    )
    context = {"flags": flags, "status": status, "statuses": enums.FlagStatus.choices}
    return render(request, "aidrecords/flag_list.html", context)


@screen(methods=("GET", "POST"))
def flag_detail(request, flag_id):
    """The evidence (both records) and, while open, the resolution."""
    flag = selectors.duplicate_flag_read(user=request.user, flag_id=flag_id)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.duplicate_flag_resolve(
                actor=request.user, flag=flag, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except (ValidationError, ConflictError) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The flag is resolved."))
            return redirect("aidrecords:flag_detail", flag_id=flag.pk)
    context = {
        "flag": flag,
        "rows": [_row(flag.first), _row(flag.second)],
        "form": form,
        "can_resolve": request.user.has_perm(services.duplicates.PERMISSION_RESOLVE),
    }
    return render(request, "aidrecords/flag_detail.html", context, status=400 if form.errors else 200)
