"""Forms of the entitlements screens: they parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.entitlements.enums import DeliveryPlace, EntitlementKind, Receiver, ReplaceReason, VeteranStatus
from refah.registry.forms import DateInput


class RecordForm(forms.Form):
    person_national_id = forms.CharField(
        label=_("The person's TC Kimlik No"),
        max_length=11,
        help_text=_("A current member of a household of your jurisdiction."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=VeteranStatus.choices)
    subject_name = forms.CharField(label=_("Martyr's or veteran's name"), max_length=200)
    subject_national_id = forms.CharField(
        label=_("Martyr's or veteran's TC Kimlik No"),
        max_length=11,
        required=False,
        help_text=_("For a veteran, the person's own number is taken when left empty."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    event_date = forms.DateField(label=_("Date of martyrdom or of becoming a veteran"), widget=DateInput())
    decision_ref = forms.CharField(label=_("Ministry decision reference"), max_length=100)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())


class GrantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Entitlement"), choices=EntitlementKind.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k.value, k.label) for k in kinds]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DeliverForm(forms.Form):
    place = forms.ChoiceField(label=_("Delivered at"), choices=DeliveryPlace.choices, widget=forms.RadioSelect)
    receiver = forms.ChoiceField(label=_("Received by"), choices=Receiver.choices, widget=forms.RadioSelect)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput())
    proxy_name = forms.CharField(label=_("Proxy's name"), max_length=200, required=False)
    proxy_national_id = forms.CharField(
        label=_("Proxy's TC Kimlik No"),
        max_length=11,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ReplaceForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why"), choices=ReplaceReason.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
