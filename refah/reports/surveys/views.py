"""The survey's screens: the public page of the SMS link (no sign-in: the token is the key), its thanks page, and
the results for staff with `reports.view_surveys`."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from refah.common.errors import NotFoundError, RefahError
from refah.common.views import error_text, form_errors, screen
from refah.reports.roles import VIEW_SURVEYS
from refah.reports.surveys import results as survey_results_
from refah.reports.surveys import services
from refah.reports.surveys.forms import SurveyForm

HIDDEN_LABELS = [_("Satisfied"), _("Find it fair"), _("Answers (n)"), _("Decisions surveyed (N)"), _("Response rate")]


def _no_sign_in(view):
    return view


# A citizen with the link only: no sign-in, and "not found" is the survey's own page (no staff menu, no hints).
_public = screen(
    sign_in=_no_sign_in, methods=("GET", "POST"), pages=((NotFoundError, "reports/surveys/not_found.html"),)
)


def _private(response):
    """The link's page: never cached, never indexed, and its address (the token) never sent on as a referrer."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@_public
def survey_answer(request, token):
    invitation = services.invitation_by_token(token)
    try:
        services.check_open(invitation)
    except services.SurveyClosedError as exc:
        return _private(render(request, "reports/surveys/closed.html", {"reason": exc.message}, status=exc.status_code))
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(token=token, **form.cleaned_data)
        except services.SurveyClosedError as exc:
            return _private(
                render(request, "reports/surveys/closed.html", {"reason": exc.message}, status=exc.status_code)
            )
        except RefahError as exc:
            if isinstance(exc, NotFoundError):
                raise
            form_errors(form, exc)
        else:
            return redirect("survey:thanks")
    context = {"form": form, "outcome": invitation.get_outcome_display(), "expires_on": invitation.expires_on}
    return _private(render(request, "reports/surveys/answer.html", context, status=400 if form.errors else 200))


@never_cache
@_public
def survey_thanks(request):
    return render(request, "reports/surveys/thanks.html")


@screen(permission=VIEW_SURVEYS, methods=("GET",))
def survey_results(request):
    years = survey_results_.survey_years()
    error = None
    try:
        year = survey_results_.clean_year(request.GET.get("year") or years[0])
    except RefahError as exc:
        error, year = error_text(exc), years[0]
    data = survey_results_.survey_results(user=request.user, year=year)
    cells = data["cells"]
    outcomes = survey_results_.OUTCOMES
    rows = []
    for district in [*data["districts"], None]:
        rows.append(
            {
                "district": district,
                "all": cells.get((district.pk if district else None, None)),
                "by_outcome": [(o.label, cells.get((district.pk if district else None, o.value))) for o in outcomes],
            }
        )
    context = {
        "years": sorted({*years, year}, reverse=True),
        "year": year,
        "error": error,
        "rows": rows if data["districts"] else [],
        "outcomes": outcomes,
        "threshold": data["threshold"],
        "hidden_labels": HIDDEN_LABELS,
    }
    return render(request, "reports/surveys/results.html", context)
