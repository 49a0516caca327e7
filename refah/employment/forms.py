"""Forms of the employment screens and of the portal's answer: they parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.common.forms import AsciiIntegerField
from refah.employment.enums import Answer, EndReason, OfferKind
from refah.employment.reasons import RefusalReason
from refah.registry.forms import DateInput, TLField


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Job or course"), choices=OfferKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Job or course"), max_length=200, help_text=_("For example: warehouse worker"))
    employer = forms.CharField(label=_("Employer or course provider"), max_length=200)
    workplace = forms.CharField(label=_("Workplace"), max_length=200, required=False)
    distance_km = AsciiIntegerField(label=_("Distance (km)"), min_value=0, max_value=100_000, required=False)
    monthly_wage = TLField(label=_("Monthly wage (TL)"), required=False)
    offered_on = forms.DateField(label=_("Offered on"), widget=DateInput())
    answer_by = forms.DateField(label=_("Answer by"), widget=DateInput())


class AnswerForm(forms.Form):
    """The offer/answer form: accepted, or refused with a reason of the catalogue."""

    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[(Answer.ACCEPTED, Answer.ACCEPTED.label), (Answer.REFUSED, Answer.REFUSED.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reason for refusing"), choices=[("", "—"), *RefusalReason.choices], required=False
    )
    note = forms.CharField(
        label=_("In the person's words"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for “another reason”."),
    )


class ValidityForm(forms.Form):
    valid = forms.TypedChoiceField(
        label=_("Was the reason valid?"),
        choices=[("yes", _("Yes, a valid reason")), ("no", _("No valid reason"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(label=_("Justification"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class PlacementForm(forms.Form):
    employer = forms.CharField(label=_("Employer"), max_length=200)
    started_on = forms.DateField(label=_("Started work on"), widget=DateInput())
    monthly_wage = TLField(label=_("Monthly wage (TL)"), required=False)
    premium_support = forms.BooleanField(label=_("Employer premium support (a year)"), required=False)
    offer = forms.ChoiceField(label=_("Offer accepted"), required=False)

    def __init__(self, *args, offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = {str(o.pk): o for o in offers}
        self.fields["offer"].choices = [("", "—")] + [(k, f"{o.title} ({o.employer})") for k, o in self.offers.items()]

    def clean_offer(self):
        return self.offers.get(self.cleaned_data["offer"])


class PlacementEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Left work on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Why"), choices=EndReason.choices)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why is the referral closed?"), max_length=300)


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the objection"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionDecideForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision on the objection"),
        choices=[("yes", _("Upheld: the sanction is cancelled")), ("no", _("Not upheld: the sanction stays"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label=_("Outcome, as the citizen is told"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
