"""Forms of merging two records of one person and of undoing a merge. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.registry.models import Person
from refah.registry.services import TAKE_FIELDS

KEEP_THIS, KEEP_OTHER = "this", "other"


class MergeForm(forms.Form):
    other = forms.CharField(
        label=_("The other record: identity number or internal id"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "R0123456789"}),
    )
    keep = forms.ChoiceField(
        label=_("Record to keep"),
        choices=[(KEEP_THIS, _("This person's record")), (KEEP_OTHER, _("The other record"))],
        initial=KEEP_THIS,
        widget=forms.RadioSelect,
    )
    take = forms.MultipleChoiceField(
        label=_("Details to take from the merged record"),
        help_text=_(
            "Empty details of the kept record take the merged record's on their own; tick those to take even so."
        ),
        choices=[(name, Person._meta.get_field(name).verbose_name) for name in TAKE_FIELDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_other(self) -> str:
        return self.cleaned_data["other"].strip()


class UndoForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
