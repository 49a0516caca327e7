"""Forms of the care screens: they parse input; the services decide and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.care.enums import (
    CareMode,
    DecisionEnd,
    DecisionKind,
    DischargeReason,
    FosterKind,
    InstitutionKind,
    Ownership,
)
from refah.care.kinds import KINDS
from refah.common.forms import AsciiIntegerField
from refah.registry.forms import DateInput

WAITING_KINDS = [(k.value, k.label) for k in InstitutionKind if not KINDS[k].places_by_quota]


def _today():
    return timezone.localdate()


class InstitutionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=InstitutionKind.choices)
    ownership = forms.ChoiceField(label=_("Ownership"), choices=Ownership.choices)
    mode = forms.ChoiceField(label=_("Care"), choices=CareMode.choices)
    district = forms.ModelChoiceField(label=_("District"), queryset=None)
    operator_name = forms.CharField(
        label=_("Private operator"), max_length=200, required=False, help_text=_("Only for a private institution.")
    )
    units = AsciiIntegerField(label=_("Units"), min_value=1, max_value=50, initial=1)
    capacity = AsciiIntegerField(label=_("Capacity"), min_value=0, max_value=100_000)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts


class InstitutionEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    mode = forms.ChoiceField(label=_("Care"), choices=CareMode.choices)
    units = AsciiIntegerField(label=_("Units"), min_value=1, max_value=50)
    capacity = AsciiIntegerField(label=_("Capacity"), min_value=0, max_value=100_000)
    active = forms.BooleanField(label=_("Takes people"), required=False)


class WaitingForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"))
    kind = forms.ChoiceField(label=_("Kind of institution"), choices=WAITING_KINDS)
    institution = forms.ChoiceField(label=_("A chosen institution"), required=False)
    referral = forms.ChoiceField(label=_("From the referral"), required=False)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, persons, institutions, referrals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.pk), p.full_name) for p in persons]
        self.fields["institution"].choices = [("", "—")] + [(str(i.pk), i.name) for i in institutions]
        self.fields["referral"].choices = [("", "—")] + [(str(r.pk), str(r.service)) for r in referrals]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DischargeForm(forms.Form):
    ended_on = forms.DateField(label=_("Discharged on"), widget=DateInput(), initial=_today)
    reason = forms.ChoiceField(label=_("Reason for discharge"), choices=DischargeReason.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PlaceForm(forms.Form):
    institution = forms.ChoiceField(label=_("Institution"))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].choices = [(str(i.pk), f"{i.name} ({i.free})") for i in institutions]


class DecisionForm(forms.Form):
    child = forms.ChoiceField(label=_("Child"))
    kind = forms.ChoiceField(label=_("Measure"), choices=DecisionKind.choices)
    court = forms.CharField(label=_("Court"), max_length=200, help_text=_("For example: Iğdır 1. Aile Mahkemesi"))
    decision_no = forms.CharField(label=_("Decision number"), max_length=40, required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    review_on = forms.DateField(label=_("Review on"), widget=DateInput())

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(str(p.pk), p.full_name) for p in children]


class DecisionCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Ended on"), widget=DateInput(), initial=_today)
    reason = forms.ChoiceField(label=_("Why ended"), choices=DecisionEnd.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class FosterFamilyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FosterKind.choices, widget=forms.RadioSelect)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput(), initial=_today)
    capacity = AsciiIntegerField(label=_("Children it may foster"), min_value=1, max_value=4, initial=1)


class ChoiceOfForm(forms.Form):
    """One choice among given objects (a foster family with room, a crèche with free places)."""

    choice = forms.ChoiceField(label=_("Choose"))

    def __init__(self, *args, choices, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices
        self.fields["choice"].label = label


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput(), initial=_today)
    note = forms.CharField(label=_("Why ended"), max_length=300)


class AdoptionForm(forms.Form):
    adoptive_household = forms.CharField(label=_("Adoptive family's household number"), max_length=20)
    applied_on = forms.DateField(label=_("Applied on"), widget=DateInput(), initial=_today)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AdoptionAdvanceForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput(), initial=_today)
    court = forms.CharField(label=_("Court"), max_length=200, required=False, help_text=_("For the court's decision."))
