"""What-if simulation: coverage and monthly cost per district, today versus changed parameters."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from refah.accounts.selectors import office_for_user
from refah.common.i18n import active_language
from refah.common.money import format_tl
from refah.common.views import form_errors, screen
from refah.eligibility import forms
from refah.eligibility.simulation import parse_changes, simulate
from refah.eligibility.views._common import this_month
from refah.geo.models import District


def _district_scope(user) -> list[int] | None:
    office = office_for_user(user)
    if office is None:
        return []
    if office.district_id:
        return [office.district_id]
    if office.province_id:
        return list(District.objects.filter(province_id=office.province_id).values_list("pk", flat=True))
    return None


@screen(permission="eligibility.run_simulation", methods=("GET",))
def simulate_page(request):
    """Coverage and monthly cost per district in the user's jurisdiction, today versus changed; CSV on request."""
    form = forms.SimulateForm(request.GET or None, initial={"period": this_month()})
    table = None
    if request.GET and form.is_valid():
        try:
            changes = parse_changes(form.cleaned_data["changes"].splitlines())
            table = simulate(
                period=form.cleaned_data["period"], changes=changes, district_ids=_district_scope(request.user)
            )
        except ValidationError as exc:
            form_errors(form, exc)
    if table is not None and request.GET.get("format") == "csv":
        response = HttpResponse(table.write_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="simulation-{form.cleaned_data["period"]}.csv"'
        return response
    lang = active_language()
    rows = [
        {
            **row,
            "cost_today": format_tl(row["monthly_cost_today_kurus"], lang),
            "cost_changed": format_tl(row["monthly_cost_changed_kurus"], lang),
        }
        for row in (table.iter_rows(named=True) if table is not None else [])
    ]
    return render(
        request,
        "eligibility/simulate.html",
        {"form": form, "rows": rows, "ran": table is not None, "query": request.GET.urlencode()},
    )
