"""The survey's two questions, each on a 1–5 scale with words at every point (no free text: it could identify)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from refah.reports.surveys.errors import ERR_SCORE_REQUIRED

SATISFACTION_WORDS = [
    (1, pgettext_lazy("survey scale", "Very dissatisfied")),
    (2, pgettext_lazy("survey scale", "Dissatisfied")),
    (3, pgettext_lazy("survey scale", "Neither satisfied nor dissatisfied")),
    (4, pgettext_lazy("survey scale", "Satisfied")),
    (5, pgettext_lazy("survey scale", "Very satisfied")),
]
FAIRNESS_WORDS = [
    (1, pgettext_lazy("survey scale", "Very unfair")),
    (2, pgettext_lazy("survey scale", "Unfair")),
    (3, pgettext_lazy("survey scale", "Neither fair nor unfair")),
    (4, pgettext_lazy("survey scale", "Fair")),
    (5, pgettext_lazy("survey scale", "Very fair")),
]


class SurveyForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the service you received for this application?"),
        choices=SATISFACTION_WORDS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": ERR_SCORE_REQUIRED["satisfaction"],
            "invalid_choice": ERR_SCORE_REQUIRED["satisfaction"],
        },
    )
    fairness = forms.TypedChoiceField(
        label=_("How fair do you find the decision made on your application?"),
        choices=FAIRNESS_WORDS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": ERR_SCORE_REQUIRED["fairness"], "invalid_choice": ERR_SCORE_REQUIRED["fairness"]},
    )
