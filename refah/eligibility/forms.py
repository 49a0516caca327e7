"""Forms of the eligibility screens: screener, parameter proposals, custom programs, simulation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.common.forms import AsciiDecimalField
from refah.eligibility.schemas import PERIOD_PATTERN
from refah.geo.models import District, Province
from refah.registry import enums

PERIOD_FIELD = {"max_length": 7, "help_text": _("Month as YYYY-MM, e.g. 2025-07.")}
_NULL_BOOL = [("", _("Not known")), ("true", _("Yes")), ("false", _("No"))]


def period_field() -> forms.RegexField:
    return forms.RegexField(label=_("Month"), regex=PERIOD_PATTERN, **PERIOD_FIELD)


class ScreenerHouseholdForm(forms.Form):
    period = period_field()
    il = forms.ModelChoiceField(
        Province.objects.order_by("plate"), label=_("Province"), to_field_name="plate", empty_label=None
    )
    ilce = forms.ModelChoiceField(District.objects.none(), label=_("District"), to_field_name="pcode")
    rural = forms.BooleanField(label=_("Village (rural)"), required=False)
    dwelling_type = forms.ChoiceField(label=_("Dwelling"), choices=enums.DwellingType.choices)
    tenure = forms.ChoiceField(label=_("Tenure"), choices=enums.Tenure.choices)
    monthly_rent = AsciiDecimalField(label=_("Monthly rent (TL)"), min_value=0, decimal_places=2, initial=0)
    heating = forms.ChoiceField(label=_("Heating"), choices=enums.Heating.choices)
    rooms = forms.IntegerField(label=_("Rooms"), min_value=0, max_value=50, initial=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plate = self.data.get(self.add_prefix("il")) or self.initial.get("il") or 76
        self.fields["ilce"].queryset = District.objects.filter(province__plate=plate).order_by("name")
        for kind, label in enums.AssetKind.choices:
            self.fields[f"asset_{kind}"] = AsciiDecimalField(
                label=_("Value of %(kind)s (TL)") % {"kind": label}, min_value=0, decimal_places=2, initial=0
            )

    def household(self) -> dict:
        """The household fields in the engine's dict shape (members added by the view)."""
        data = {key: value for key, value in self.cleaned_data.items() if not key.startswith("asset_")}
        data["il"], data["ilce"] = data["il"].plate, data["ilce"].pcode
        data["monthly_rent"] = str(data["monthly_rent"])
        data["assets"] = [
            {"kind": kind, "value": str(self.cleaned_data[f"asset_{kind}"])}
            for kind in enums.AssetKind.values
            if self.cleaned_data[f"asset_{kind}"]
        ]
        return data


class ScreenerMemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=enums.Role.choices)
    birth_date = forms.DateField(
        label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=enums.Sex.choices)
    marital_status = forms.ChoiceField(label=_("Marital status"), choices=enums.MaritalStatus.choices)
    employment_status = forms.ChoiceField(label=_("Employment"), choices=enums.EmploymentStatus.choices)
    social_security = forms.ChoiceField(label=_("Social security"), choices=enums.SocialSecurity.choices)
    monthly_income = AsciiDecimalField(label=_("Monthly income (TL)"), min_value=0, decimal_places=2, initial=0)
    school_level = forms.ChoiceField(label=_("School"), choices=enums.SchoolLevel.choices)
    absence_days = forms.IntegerField(label=_("Absence days last month"), min_value=0, max_value=31, required=False)
    disability_percent = forms.IntegerField(label=_("Disability %"), min_value=0, max_value=100, initial=0)
    dependency = forms.ChoiceField(label=_("Care dependency"), choices=enums.Dependency.choices)
    chronic_illness = forms.BooleanField(label=_("Chronic illness"), required=False)
    pregnant = forms.BooleanField(label=_("Pregnant"), required=False)
    sed_risk = forms.BooleanField(label=_("Child at risk of entering care"), required=False)
    in_state_care = forms.BooleanField(label=_("In state care"), required=False)
    orphan = forms.BooleanField(label=_("Orphan"), required=False)
    spouse_deceased = forms.BooleanField(label=_("Widow(er)"), required=False)
    child_checkups_done = forms.TypedChoiceField(
        label=_("Health check-ups up to date (0–6)"),
        choices=_NULL_BOOL,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
    )

    def member(self) -> dict:
        data = dict(self.cleaned_data)
        data["birth_date"] = data["birth_date"].isoformat()
        data["monthly_income"] = str(data["monthly_income"])
        return {key: value for key, value in data.items() if value is not None}


MemberFormSet = forms.formset_factory(ScreenerMemberForm, extra=0, min_num=1, validate_min=True, max_num=30)


class ParameterProposeForm(forms.Form):
    start = forms.DateField(label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    value = forms.CharField(label=_("Value"), help_text=_("As in the YAML file: 9077.00, 3/4, [450.00, 911.15]."))
    reference = forms.CharField(label=_("Legal source"), max_length=300)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CustomProgramForm(forms.Form):
    code = forms.RegexField(
        label=_("Code"), regex=r"^[a-z][a-z0-9_]{2,39}$", help_text=_("Lower-case letters, digits and _.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    spec = forms.JSONField(
        label=_("Definition (JSON)"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_(
            "Building blocks: <code>label</code>, <code>reference</code>, <code>unit</code>, <code>frequency</code>, "
            "<code>valid_from</code>, <code>conditions</code>, <code>amount</code>."
        ),
    )


class SimulateForm(forms.Form):
    period = period_field()
    changes = forms.CharField(
        label=_("Parameter changes"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("One per line, for example <code>home_care.income_ratio=0.75</code>"),
    )
