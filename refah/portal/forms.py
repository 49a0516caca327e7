"""Forms of the citizen portal; they only parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.cases.enums import DocumentType
from refah.employment.reasons import RefusalReason
from refah.portal import errors

UPLOAD_TYPES = [(value, label) for value, label in DocumentType.choices if value != DocumentType.VISIT_PHOTO]


class SignInForm(forms.Form):
    national_id = forms.CharField(
        label=_("TC Kimlik No"),
        max_length=11,
        min_length=11,
        error_messages={"required": errors.ERR_NATIONAL_ID, "min_length": errors.ERR_NATIONAL_ID},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username", "pattern": "[0-9]{11}"}),
    )

    def clean_national_id(self) -> str:
        value = self.cleaned_data["national_id"].strip()
        if not value.isdigit() or len(value) != 11:
            raise forms.ValidationError(errors.ERR_NATIONAL_ID)
        return value


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("One-time code"),
        max_length=6,
        error_messages={"required": errors.ERR_CODE_FORMAT},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}),
    )

    def clean_code(self) -> str:
        value = self.cleaned_data["code"].strip()
        if not value.isdigit() or len(value) != 6:
            raise forms.ValidationError(errors.ERR_CODE_FORMAT)
        return value


class ApplyForm(forms.Form):
    """Programs, the consent of each adult member (ticked by the applicant) and an optional document."""

    programs = forms.MultipleChoiceField(label=_("Programs"), widget=forms.CheckboxSelectMultiple)
    consents = forms.MultipleChoiceField(label=_("Consent to data sharing"), widget=forms.CheckboxSelectMultiple)
    doc_type = forms.ChoiceField(label=_("Document type"), choices=[("", "—"), *UPLOAD_TYPES], required=False)
    document = forms.FileField(label=_("Document (PDF, JPEG or PNG, up to 10 MB)"), required=False)
    note = forms.CharField(
        label=_("Anything you want the foundation to know"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, programs: dict[str, str], adults: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programs"].choices = list(programs.items())
        self.fields["consents"].choices = [(str(p.pk), p.full_name) for p in adults]

    def clean(self):
        data = super().clean()
        if data.get("document") and not data.get("doc_type"):
            self.add_error("doc_type", _("Choose the type of the document."))
        return data


class DocumentForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Document type"), choices=UPLOAD_TYPES)
    document = forms.FileField(label=_("File (PDF, JPEG or PNG, up to 10 MB)"))


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you object?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, strip=True
    )


class OfferAnswerForm(forms.Form):
    """The citizen's answer to a job or course offer: accepted, or refused with a reason of the catalogue."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accepted", _("I accept")), ("refused", _("I refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Why do you refuse?"), choices=[("", "—"), *RefusalReason.choices], required=False
    )
    note = forms.CharField(
        label=_("In your words"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
