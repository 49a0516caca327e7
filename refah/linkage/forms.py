from django import forms
from django.utils.translation import gettext_lazy as _


class AcceptForm(forms.Form):
    person_id = forms.UUIDField(label=_("Person"), widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
