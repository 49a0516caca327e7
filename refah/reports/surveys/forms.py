"""The survey's two questions, each on a 1–5 scale with words at every point (no free text: it could identify)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.reports.surveys.errors import ERR_SCORE_REQUIRED

SATISFACTION_WORDS = [
    (1, _("Very dissatisfied")),
    (2, _("Dissatisfied")),
    (3, _("Neither satisfied nor dissatisfied")),
    (4, _("Satisfied")),
    (5, _("Very satisfied")),
]
FAIRNESS_WORDS = [
    (1, _("Very unfair")),
    (2, _("Unfair")),
    (3, _("Neither fair nor unfair")),
    (4, _("Fair")),
    (5, _("Very fair")),
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
