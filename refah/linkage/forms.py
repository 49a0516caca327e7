from django import forms
from django.utils.translation import gettext_lazy as _


class AcceptForm(forms.Form):
    person_id = forms.UUIDField(label=_("Person"), widget=forms.HiddenInput)
    # Two registry persons (kind "registry_person"): which record is kept, and why they are one.
    keep_id = forms.UUIDField(label=_("Record to keep"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
