"""Forms of the access-log screens: who read a person or household, and unusual reading in a period."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from refah.registry.access_log import errors
from refah.registry.identity import identity_number_errors

MAX_DAYS = 366


def validate_identity_number(value: str) -> None:
    """A TC Kimlik No or a foreigner's number (99…), checksums included."""
    found = identity_number_errors(value)
    if found:
        raise ValidationError(found[0], code="identity_number")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise ValidationError({"end": errors.ERR_PERIOD})
            if (end - start).days >= MAX_DAYS:
                raise ValidationError({"start": ValidationError(errors.ERR_PERIOD_TOO_LONG, params={"days": MAX_DAYS})})
        return data


class LookupForm(PeriodForm):
    national_id = forms.CharField(
        label=_("TC Kimlik No"),
        required=False,
        max_length=11,
        validators=[validate_identity_number],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    household_code = forms.CharField(
        label=_("Household number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "76-02-1234567"}),
    )
    field_order = ["national_id", "household_code", "start", "end"]

    def clean(self):
        data = super().clean()
        given = [name for name in ("national_id", "household_code") if (data.get(name) or "").strip()]
        if len(given) != 1 and "national_id" not in self.errors:
            raise ValidationError({"national_id": errors.ERR_ONE_SUBJECT})
        return data
