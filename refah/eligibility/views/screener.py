"""The public screener: who and where, only the questions that decide, the answer. No login; nothing is stored."""

import datetime as dt

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from refah.common.i18n import active_language
from refah.eligibility import forms
from refah.eligibility.screener import STATUSES, ScreenerInputError, screen
from refah.eligibility.screener_inputs import age_on
from refah.eligibility.views._common import this_month
from refah.geo.models import District
from refah.registry import enums

_STEP_TEMPLATE = "eligibility/screener.html"


def _screener_forms(data, people_count: int) -> tuple:
    place = forms.ScreenerPlaceForm(data, initial={"period": this_month(), "il": 76}, prefix="h")
    people = forms.PeopleFormSet(data, prefix="m", initial=[{"role": "reference"}])
    household = forms.ScreenerHouseholdForm(data, prefix="h")
    members = [forms.ScreenerMemberForm(data, prefix=f"m-{i}") for i in range(people_count)]
    return place, people, household, members


def _error_summary(form, members) -> list[dict]:
    """Every field error as a link to its field, a member's named (the screen's error summary)."""
    items = []
    named = [(form, "")] + [(member, _("Member %(n)s") % {"n": i + 1} + " — ") for i, member in enumerate(members)]
    for each, who in named:
        for error in each.non_field_errors():
            items.append({"id": "", "text": f"{who}{error}"})
        for field in each:
            for error in field.errors:
                items.append({"id": field.id_for_label, "text": f"{who}{field.label}: {error}"})
    return items


def _asked(outcome: dict | None, people_count: int) -> tuple[set[str], list[set[str]]]:
    """The questions the outcome still needs: household keys, and per member its keys."""
    household, members = set(), [set() for _ in range(people_count)]
    for field in outcome["missing"] if outcome else []:
        parts = field.split(".")
        if parts[0] == "members":
            members[int(parts[1])].add(parts[2])
        else:
            household.add(field)
    return household, members


def _household_fields(answers, asked: set[str]) -> dict:
    """The household questions to show (the asset values apart, folded), and the answers to carry."""
    visible = answers.visible(asked)
    return {
        "home": [field for field in visible if not field.name.startswith("asset_")],
        "assets": [field for field in visible if field.name.startswith("asset_")],
        "hidden": answers.hidden(asked),
    }


def _member_blocks(persons: list[dict], member_answers: list, asked_members: list[set[str]], period: str) -> list:
    """Per member: who it is (role, age in the month) and its questions to show and answers to carry."""
    day = dt.date.fromisoformat(period + "-01")
    roles = dict(enums.Role.choices)
    return [
        {
            "n": i + 1,
            "role": roles.get(person["role"]),
            "age": max(0, age_on(person["birth_date"], day)),
            "visible": form.visible(asked),
            "hidden": form.hidden(asked),
        }
        for i, (person, form, asked) in enumerate(zip(persons, member_answers, asked_members, strict=True))
    ]


@require_http_methods(["GET", "POST"])
def screener_page(request):
    """The citizen's screener, step by step: who and where (1), only the questions that decide (2), the
    answer (3). No login; nothing is stored. Without JavaScript every step is a plain form post."""
    data = request.POST if request.method == "POST" else None
    people_total = data.get("m-TOTAL_FORMS", "1") if data else "1"
    count = min(int(people_total), 30) if people_total.isascii() and people_total.isdigit() else 1
    place, people, answers, member_answers = _screener_forms(data, count)
    context = {"step": 1, "place": place, "people": people, "answers": answers, "errors": []}
    if data is None:
        return render(request, _STEP_TEMPLATE, context)
    if not (place.is_valid() and people.is_valid()):
        context["errors"] = _error_summary(place, people)
        return render(request, _STEP_TEMPLATE, context, status=422)
    all_valid = all([form.is_valid() for form in (answers, *member_answers)])  # every form validated, for errors
    persons = [form.person() for form in people]
    household = {**place.place(), **(answers.household() if answers.is_valid() else {})}
    household["members"] = [
        {**person, **(form.member() if form.is_valid() else {})}
        for person, form in zip(persons, member_answers, strict=True)
    ]
    try:
        outcome = screen(household=household, period=place.cleaned_data["period"], lang=active_language())
    except ScreenerInputError as exc:
        context["errors"] = [{"id": "", "text": f"{exc.field}: {exc.message}"}]
        return render(request, _STEP_TEMPLATE, context, status=422)
    asked_household, asked_members = _asked(outcome, count)
    wants_questions = data.get("step") == "1" or not all_valid
    context.update(
        step=2 if wants_questions and outcome["missing"] else 3,
        outcome=outcome,
        errors=_error_summary(answers, member_answers),
        household_fields=_household_fields(answers, asked_household),
        member_blocks=_member_blocks(persons, member_answers, asked_members, outcome["period"]),
        **{status: [p for p in outcome["programs"] if p["status"] == status] for status in STATUSES},
    )
    return render(request, _STEP_TEMPLATE, context, status=422 if context["errors"] else 200)


@require_GET
def screener_member_row(request):
    """One more member row (htmx), and the formset's new total."""
    raw = request.GET.get("index", "1")
    index = max(0, min(int(raw) if raw.isascii() and raw.isdigit() else 1, 29))
    form = forms.PeopleFormSet(prefix="m").empty_form
    form.prefix = f"m-{index}"
    return render(request, "eligibility/_member_row.html", {"form": form, "index": index, "total": index + 1})


@require_GET
def screener_districts(request):
    """The district options of a province (htmx)."""
    plate = request.GET.get("h-il", "")
    districts = District.objects.filter(province__plate=int(plate) if plate.isascii() and plate.isdigit() else 0)
    districts = districts.order_by("name")
    return render(request, "eligibility/_district_options.html", {"districts": districts})
