"""Forms of the case screens; they only parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.cases.enums import DocumentType, LivingConditions, Status
from refah.common.forms import AsciiIntegerField
from refah.registry.enums import Heating, Tenure


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Application or household number"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any"))] + Status.choices, required=False)
    program = forms.CharField(label=_("Program"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class ApplicationForm(forms.Form):
    """Programs (labelled in the UI language), consents and documents for one household (choices from the view)."""

    programs = forms.MultipleChoiceField(label=_("Programs"), widget=forms.CheckboxSelectMultiple)
    consents = forms.MultipleChoiceField(label=_("Consent to data sharing"), widget=forms.CheckboxSelectMultiple)
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices[:-1], required=False)
    document = forms.FileField(label=_("Document (PDF, JPEG or PNG, up to 10 MB)"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, programs: dict[str, str], adults: list, **kwargs):
        """`programs`: {code: name} (catalogue.programs_available()); `adults`: the persons who must consent."""
        super().__init__(*args, **kwargs)
        self.fields["programs"].choices = list(programs.items())
        self.fields["consents"].choices = [(str(p.pk), p.full_name) for p in adults]


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices[:-1])
    document = forms.FileField(label=_("File (PDF, JPEG or PNG, up to 10 MB)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class VisitForm(forms.Form):
    living_conditions = forms.ChoiceField(label=_("Living conditions"), choices=LivingConditions.choices)
    heating = forms.ChoiceField(label=_("Heating seen"), choices=Heating.choices)
    tenure = forms.ChoiceField(label=_("Tenure"), choices=Tenure.choices)
    rooms = forms.IntegerField(label=_("Rooms"), min_value=1, max_value=30)
    members_present = forms.MultipleChoiceField(
        label=_("Members present"), widget=forms.CheckboxSelectMultiple, required=False
    )
    assets_seen = forms.CharField(label=_("Assets seen"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    vehicle_value = AsciiIntegerField(label=_("Vehicle seen, value (TL)"), min_value=0, required=False)
    observations = forms.CharField(label=_("Observations"), widget=forms.Textarea(attrs={"rows": 5}))
    photo = forms.FileField(label=_("Photo (optional)"), required=False)
    latitude = forms.DecimalField(widget=forms.HiddenInput, required=False)
    longitude = forms.DecimalField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, members: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_present"].choices = [(str(m.person_id), m.person.full_name) for m in members]
