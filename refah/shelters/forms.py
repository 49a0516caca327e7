"""Forms of the sealed screens: they parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.common.forms import AsciiIntegerField
from refah.geo.models import Province
from refah.registry.forms import DateInput
from refah.shelters.enums import (
    CaseSource,
    ClosureReason,
    OrderIssuer,
    OrderKind,
    ReferralTo,
    RiskLevel,
    UnitKind,
    UnitRole,
)

_TEXT = {"rows": 3}


class IntakeForm(forms.Form):
    national_id = forms.CharField(
        label=_("TC Kimlik No"), max_length=11, required=False, help_text=_("Leave empty if she did not give it.")
    )
    person_label = forms.CharField(label=_("Name as given"), max_length=200, required=False)
    source = forms.ChoiceField(label=_("Source"), choices=CaseSource.choices)
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices, initial=RiskLevel.MEDIUM)
    reason = forms.CharField(label=_("Reason for the intake"), max_length=4000, widget=forms.Textarea(attrs=_TEXT))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs=_TEXT))


class RiskForm(forms.Form):
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Measure"), choices=OrderKind.choices)
    issuer = forms.ChoiceField(label=_("Issued by"), choices=OrderIssuer.choices)
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput(), help_text=_("At most six months at a time."))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs=_TEXT))


class StayForm(forms.Form):
    shelter = forms.ChoiceField(label=_("Shelter"))
    children = AsciiIntegerField(label=_("Children staying with her"), min_value=0, max_value=20, initial=0)
    started_on = forms.DateField(label=_("From"), widget=DateInput(), required=False)

    def __init__(self, *args, shelters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shelter"].choices = [(str(s.id), f"{s.name} ({s.free})") for s in shelters]


class StayEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note on leaving"), max_length=2000, required=False)


class ReferralForm(forms.Form):
    to_kind = forms.ChoiceField(label=_("Referred to"), choices=ReferralTo.choices)
    institution = forms.CharField(label=_("Institution"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs=_TEXT))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closure"), choices=ClosureReason.choices)
    note = forms.CharField(label=_("Closure note"), max_length=4000, required=False, widget=forms.Textarea(attrs=_TEXT))


class AddressForm(forms.Form):
    address = forms.CharField(label=_("Address"), max_length=1000, widget=forms.Textarea(attrs=_TEXT))


class BreakGlassForm(forms.Form):
    who = forms.CharField(label=_("Case number or TC Kimlik No"), max_length=20)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXT),
        help_text=_("At least 20 characters. The unit's supervisors are told at once."),
    )


class UnitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of unit"), choices=UnitKind.choices)
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.order_by("name"))
    name = forms.CharField(label=_("Name of the unit"), max_length=200)
    capacity = AsciiIntegerField(label=_("Capacity (places)"), min_value=1, max_value=500, required=False)


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role in the unit"), choices=UnitRole.choices)
