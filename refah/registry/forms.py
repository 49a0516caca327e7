"""Forms of the registry screens. They parse and check input; the services decide and write."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.common.forms import AsciiIntegerField
from refah.common.money import tl_to_kurus
from refah.registry import enums, errors, selectors
from refah.registry.identity import validate_foreign_id, validate_tc_kimlik_no
from refah.registry.phones import normalise_mobile
from refah.registry.services import EARLIEST_BIRTH_DATE

ERR_AMOUNT = _("Enter an amount in TL, for example 1.250,50 or 1250.50.")
ERR_AMOUNT_DECIMALS = _("An amount can have at most two decimal places (kuruş).")

_SEPARATOR = re.compile(r"[.,]")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def parse_tl(text: str) -> Decimal:
    """Read a TL amount written the Turkish or the English way: "1.250,50", "1,250.50", "1250.50", "1250".

    When both separators appear, the last one is the decimal mark. A single separator followed by
    exactly three digits is a thousands separator ("1.250" is one thousand two hundred and fifty).
    """
    text = text.replace(" ", "").replace("\u00a0", "").removesuffix("TL").removesuffix("₺").strip()
    if not re.fullmatch(r"[0-9][0-9.,]*", text):  # ASCII digits only: "٣٥٠٠" is not 3500
        raise ValidationError(ERR_AMOUNT, code="amount")
    marks = _SEPARATOR.findall(text)
    if marks:
        last = text.rfind(marks[-1])
        decimals = text[last + 1 :]
        one_kind = len(set(marks)) == 1
        if one_kind and (len(marks) > 1 or len(decimals) == 3):
            text = _SEPARATOR.sub("", text)
        else:
            text = _SEPARATOR.sub("", text[:last]) + "." + decimals
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(ERR_AMOUNT, code="amount") from None
    if amount.as_tuple().exponent < -2:
        raise ValidationError(ERR_AMOUNT_DECIMALS, code="amount")
    return amount


class TLField(forms.CharField):
    """A money input in TL; cleans to integer kuruş."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "class": "input-money", "maxlength": "20"})
        return attrs

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return tl_to_kurus(parse_tl(text))


def _choices(enum, blank: bool = False):
    return ([("", "—")] if blank else []) + list(enum.choices)


class HouseholdForm(forms.Form):
    """Address and dwelling of a household; money in TL."""

    district = forms.ChoiceField(label=_("District"))
    neighbourhood = forms.CharField(label=_("Neighbourhood (mahalle) or village"), max_length=100)
    is_rural = forms.BooleanField(label=_("This is a village (rural)"), required=False)
    address_line = forms.CharField(label=_("Street, building, door"), max_length=250, required=False)
    phone = forms.CharField(
        label=_("Household phone"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    dwelling_type = forms.ChoiceField(label=_("Dwelling"), choices=_choices(enums.DwellingType))
    tenure = forms.ChoiceField(label=_("Tenure"), choices=_choices(enums.Tenure))
    monthly_rent = TLField(label=_("Monthly rent (TL)"), required=False, help_text=_("Only for tenants."))
    heating = forms.ChoiceField(label=_("Heating"), choices=_choices(enums.Heating))
    rooms = AsciiIntegerField(label=_("Rooms"), min_value=1, max_value=30, initial=2)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {str(d.pk): d for d in districts}
        self.fields["district"].choices = [(key, str(d)) for key, d in self.districts.items()]
        if len(self.districts) == 1:
            self.fields["district"].initial = next(iter(self.districts))

    def clean_district(self):
        return self.districts[self.cleaned_data["district"]]

    def service_data(self) -> dict:
        """Keyword arguments for household_register / household_update."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "monthly_rent"}
        data["monthly_rent_kurus"] = self.cleaned_data.get("monthly_rent") or 0
        return data


PERSON_FIELD_NAMES = [
    "id_kind",
    "national_id",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "marital_status",
    "education_level",
    "employment_status",
    "social_security",
    "health_insurance",
    "school_level",
    "phone",
    "disability_percent",
    "dependency",
    "chronic_illness",
    "pregnant",
]
SENSITIVE_FIELD_NAMES = ["disability_percent", "dependency", "chronic_illness", "pregnant"]


class MemberForm(forms.Form):
    """A new person joining a household: identity, role and the data programs look at."""

    role = forms.ChoiceField(label=_("Role in household"), choices=_choices(enums.Role), initial=enums.Role.CHILD)
    id_kind = forms.ChoiceField(label=_("Identity kind"), choices=_choices(enums.IdKind), initial=enums.IdKind.TC)
    national_id = forms.CharField(
        label=_("TC Kimlik No / foreigner's number"),
        max_length=11,
        required=False,
        help_text=_("11 digits. Leave empty only for a person without a number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), widget=DateInput())
    sex = forms.ChoiceField(label=_("Sex"), choices=_choices(enums.Sex, blank=True))
    marital_status = forms.ChoiceField(label=_("Marital status"), choices=_choices(enums.MaritalStatus, blank=True))
    education_level = forms.ChoiceField(
        label=_("Education"), choices=_choices(enums.EducationLevel, blank=True), required=False
    )
    employment_status = forms.ChoiceField(label=_("Employment"), choices=_choices(enums.EmploymentStatus, blank=True))
    social_security = forms.ChoiceField(
        label=_("Social security (SGK)"), choices=_choices(enums.SocialSecurity), initial=enums.SocialSecurity.NONE
    )
    health_insurance = forms.ChoiceField(
        label=_("Health insurance"), choices=_choices(enums.HealthInsurance), initial=enums.HealthInsurance.GSS_STATE
    )
    school_level = forms.ChoiceField(
        label=_("School"), choices=_choices(enums.SchoolLevel), initial=enums.SchoolLevel.NONE
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    disability_percent = AsciiIntegerField(
        label=_("Disability rate (%)"), min_value=0, max_value=100, initial=0, required=False
    )
    dependency = forms.ChoiceField(
        label=_("Care dependency"), choices=_choices(enums.Dependency), initial=enums.Dependency.NONE
    )
    chronic_illness = forms.BooleanField(label=_("Chronic illness"), required=False)
    pregnant = forms.BooleanField(label=_("Pregnant"), required=False)

    def __init__(self, *args, show_sensitive: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_sensitive = show_sensitive
        self.fields["national_id"].conditional = True  # required unless the identity kind is "no number"
        if not show_sensitive:
            for name in SENSITIVE_FIELD_NAMES:
                del self.fields[name]

    def clean_national_id(self):
        return self.cleaned_data["national_id"].strip()

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind, number = data.get("id_kind"), data.get("national_id")
        if kind == enums.IdKind.INTERNAL and number:
            self.add_error("national_id", errors.ERR_ID_NOT_ALLOWED)
        elif kind in (enums.IdKind.TC, enums.IdKind.FOREIGN):
            self._check_number(kind, number)
        born = data.get("birth_date")
        if born and born > timezone.localdate():
            self.add_error("birth_date", errors.ERR_BIRTH_DATE_FUTURE)
        elif born and born < EARLIEST_BIRTH_DATE:
            self.add_error("birth_date", errors.ERR_BIRTH_DATE_TOO_EARLY)
        return data

    def _check_number(self, kind: str, number: str | None) -> None:
        if not number:
            self.add_error("national_id", errors.ERR_ID_REQUIRED)
            return
        validator = validate_tc_kimlik_no if kind == enums.IdKind.TC else validate_foreign_id
        try:
            validator(number)
        except ValidationError as exc:
            self.add_error("national_id", exc)
            return
        if selectors.identity_number_taken(national_id=number):
            self.add_error("national_id", errors.ERR_DUPLICATE_ID)

    def person_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in PERSON_FIELD_NAMES and v is not None}

    def sensitive_fields(self):
        return [self[name] for name in SENSITIVE_FIELD_NAMES if name in self.fields]

    def main_fields(self):
        skip = {"role", *SENSITIVE_FIELD_NAMES}
        return [self[name] for name in self.fields if name not in skip]


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.has_changed() or not f.empty_permitted]
        if sum(1 for f in filled if f.cleaned_data.get("role") == enums.Role.REFERENCE) != 1:
            raise ValidationError(errors.ERR_NEEDS_REFERENCE)
        numbers = [f.cleaned_data.get("national_id") for f in filled if f.cleaned_data.get("national_id")]
        if len(numbers) != len(set(numbers)):
            raise ValidationError(errors.ERR_DUPLICATE_ID)

    def filled_forms(self):
        return [f for f in self.forms if f.has_changed() or not f.empty_permitted]


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=0, min_num=1, validate_min=True, max_num=30
)


class MemberAddForm(MemberForm):
    joined_on = forms.DateField(label=_("Joined the household on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joined_on"].initial = timezone.localdate()
        self.fields["role"].initial = enums.Role.CHILD


class ContactForm(forms.Form):
    """A member's contact details: the mobile the portal's sign-in codes and the decision messages go to."""

    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        help_text=_("For example 0532 123 45 67. Leave empty if the person has no mobile."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])


REMOVE_REASONS = [
    _("Moved out"),
    _("Got married"),
    _("Died"),
    _("Registered in error"),
]


class MemberRemoveForm(forms.Form):
    left_on = forms.DateField(label=_("Left the household on"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "remove-reasons"}),
        help_text=_("For example: moved out, married, died."),
    )


class MemberMoveForm(forms.Form):
    to_household = forms.CharField(
        label=_("Household number to move to"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "76-02-1234567", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role in the new household"), choices=_choices(enums.Role))
    on_date = forms.DateField(label=_("Date of the move"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class IncomeForm(forms.Form):
    person = forms.ChoiceField(label=_("Member"))
    kind = forms.ChoiceField(label=_("Kind of income"), choices=_choices(enums.IncomeKind))
    amount = TLField(label=_("Amount (TL)"), help_text=_("For example 17.002,12"))
    period = forms.ChoiceField(label=_("Period"), choices=_choices(enums.IncomePeriod))
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=_choices(enums.DataSource))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.persons = {str(m.person.pk): m.person for m in members}
        self.fields["person"].choices = [(key, p.full_name) for key, p in self.persons.items()]

    def clean_person(self):
        return self.persons[self.cleaned_data["person"]]

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", errors.ERR_END_BEFORE_START)
        return data


class AssetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of asset"), choices=_choices(enums.AssetKind))
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("For example: 2012 Fiat Doblo, 76 AB 123"),
    )
    value = TLField(label=_("Estimated value (TL)"))
    owner = forms.ChoiceField(label=_("Owned by"), required=False)
    acquired_on = forms.DateField(label=_("Acquired on"), widget=DateInput(), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=_choices(enums.DataSource))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.persons = {str(m.person.pk): m.person for m in members}
        self.fields["owner"].choices = [("", _("The household"))] + [
            (key, p.full_name) for key, p in self.persons.items()
        ]

    def clean_owner(self):
        return self.persons.get(self.cleaned_data["owner"])


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("TC Kimlik No or name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false", "autofocus": True}
        ),
    )
