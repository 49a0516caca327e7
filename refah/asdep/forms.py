"""The screens' forms: the visit checklist (built from checklist.py, its field names the service's own, so a
refusal lands on its field) and the round plan."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.asdep import errors
from refah.asdep.checklist import AREAS
from refah.asdep.enums import Answer, Severity, VisitOutcome
from refah.asdep.roles import RECORD_VISIT


def answer_field(code: str) -> str:
    return f"answers.{code}"


def risk_field(area: str, part: str) -> str:
    return f"risks.{area}.{part}"


class VisitForm(forms.Form):
    """What happened at the door and, for a household visited, every question of the checklist."""

    outcome = forms.ChoiceField(label=_("What happened?"), choices=VisitOutcome.choices, widget=forms.RadioSelect)
    visited_on = forms.DateField(
        label=_("Date of the visit"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        people = [("", _("The whole household"))] + [(str(p.pk), p.full_name) for p in members]
        for area in AREAS:
            for q in area.questions:
                self.fields[answer_field(q.code)] = forms.ChoiceField(
                    label=q.label, choices=Answer.choices, widget=forms.RadioSelect, required=False
                )
            self.fields[risk_field(area.code, "severity")] = forms.ChoiceField(
                label=_("Severity"), choices=Severity.choices, widget=forms.RadioSelect, required=False
            )
            self.fields[risk_field(area.code, "person")] = forms.ChoiceField(
                label=_("Member concerned"), choices=people, required=False
            )
            self.fields[risk_field(area.code, "note")] = forms.CharField(
                label=_("What the team saw"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def sections(self) -> list[dict]:
        """One section per area: its questions and, for a risk found, its severity, member and note."""
        return [
            {
                "area": area,
                "questions": [self[answer_field(q.code)] for q in area.questions],
                "severity": self[risk_field(area.code, "severity")],
                "person": self[risk_field(area.code, "person")],
                "note": self[risk_field(area.code, "note")],
            }
            for area in AREAS
        ]

    def clean(self):
        data = super().clean()
        if data.get("outcome") != VisitOutcome.VISITED:
            return data
        for area in AREAS:
            found = False
            for q in area.questions:
                name = answer_field(q.code)
                if not data.get(name):
                    self.add_error(name, errors.ERR_ANSWER_MISSING)
                found = found or data.get(name) == Answer.YES
            if found and not data.get(risk_field(area.code, "severity")):
                self.add_error(risk_field(area.code, "severity"), errors.ERR_SEVERITY)
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        answers = {q.code: data[answer_field(q.code)] for area in AREAS for q in area.questions}
        risks = {
            area.code: {
                "severity": data[risk_field(area.code, "severity")],
                "person": data[risk_field(area.code, "person")] or None,
                "note": data[risk_field(area.code, "note")],
            }
            for area in AREAS
            if any(answers[q.code] == Answer.YES for q in area.questions)
        }
        return {
            "outcome": data["outcome"],
            "visited_on": data["visited_on"],
            "note": data["note"],
            "answers": answers if data["outcome"] == VisitOutcome.VISITED else {},
            "risks": risks if data["outcome"] == VisitOutcome.VISITED else {},
        }


class RoundPlanForm(forms.Form):
    """A round of one office: its neighbourhoods, the period, and up to four two-person teams."""

    TEAMS = 4

    name = forms.CharField(label=_("Name of the round"), required=False, max_length=200)
    neighbourhoods = forms.MultipleChoiceField(label=_("Neighbourhoods"), widget=forms.CheckboxSelectMultiple)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, office, neighbourhoods, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today + dt.timedelta(days=11)
        self.fields["neighbourhoods"].choices = [(str(n.pk), n.name) for n in neighbourhoods]
        users = get_user_model().objects.filter(staff__office=office, is_active=True) if office else []
        users = users.order_by("first_name", "username") if office else []
        workers = [(str(u.pk), u.get_full_name() or u.username) for u in users if u.has_perm(RECORD_VISIT)]
        for n in range(1, self.TEAMS + 1):
            for seat in (1, 2):
                self.fields[f"team{n}_{seat}"] = forms.ChoiceField(
                    label=_("Team %(n)s, worker %(seat)s") % {"n": n, "seat": seat},
                    choices=[("", "—")] + workers,
                    required=False,
                )

    def team_rows(self) -> list[tuple]:
        return [(n, self[f"team{n}_1"], self[f"team{n}_2"]) for n in range(1, self.TEAMS + 1)]

    def teams(self) -> list[list[str]]:
        data = self.cleaned_data
        pairs = [[data[f"team{n}_1"], data[f"team{n}_2"]] for n in range(1, self.TEAMS + 1)]
        return [[a, b] for a, b in pairs if a or b]
