"""Forms of the eligibility screens: screener, parameter proposals, custom programs, simulation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.common.forms import AsciiDecimalField
from refah.eligibility.schemas import PERIOD_PATTERN
from refah.eligibility.screener_inputs import HOUSEHOLD_QUESTIONS, MEMBER_QUESTIONS, Question
from refah.geo.models import District, Province
from refah.registry import enums
from refah.registry.facts import FACTS, Fact, Kind

PERIOD_FIELD = {"max_length": 7, "help_text": _("Month as YYYY-MM, e.g. 2025-07.")}
_NULL_BOOL = [("", _("Not known")), ("true", _("Yes")), ("false", _("No"))]


def period_field() -> forms.RegexField:
    return forms.RegexField(label=_("Month"), regex=PERIOD_PATTERN, **PERIOD_FIELD)


class ScreenerPlaceForm(forms.Form):
    """Step 1 of the screener: the month and where the household lives."""

    period = period_field()
    il = forms.ModelChoiceField(
        Province.objects.order_by("plate"), label=_("Province"), to_field_name="plate", empty_label=None
    )
    ilce = forms.ModelChoiceField(District.objects.none(), label=_("District"), to_field_name="pcode")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plate = self.data.get(self.add_prefix("il")) or self.initial.get("il") or 76
        plate = plate if str(plate).isascii() and str(plate).isdigit() else 0
        self.fields["ilce"].queryset = District.objects.filter(province__plate=plate).order_by("name")

    def place(self) -> dict:
        return {"il": self.cleaned_data["il"].plate, "ilce": self.cleaned_data["ilce"].pcode}


class ScreenerPersonForm(forms.Form):
    """Step 1: who lives in the household (role, birth date, sex); nothing is pre-chosen."""

    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose…")), *enums.Role.choices])
    birth_date = forms.DateField(label=_("Birth date"), widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", _("Choose…")), *enums.Sex.choices])

    def person(self) -> dict:
        data = dict(self.cleaned_data)
        data["birth_date"] = data["birth_date"].isoformat()
        return data


PeopleFormSet = forms.formset_factory(ScreenerPersonForm, extra=0, min_num=1, validate_min=True, max_num=30)


def _choice(label, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", _("Not known")), *choices], required=False)


def _yes_no(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=_NULL_BOOL, coerce=lambda v: v == "true", empty_value=None, required=False
    )


class _Answers(forms.Form):
    """Step 2 answers: every field optional ("not known" is an answer); only the `asked` ones are shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.conditional = True  # every answer is optional: the screen says so once, not on each field

    def visible(self, asked: set[str] | None) -> list:
        return [field for field in self if asked is None or self.question_of(field.name) in asked]

    def hidden(self, asked: set[str] | None) -> list:
        shown = {field.name for field in self.visible(asked)}
        return [field for field in self if field.name not in shown and field.value() not in (None, "")]

    @staticmethod
    def question_of(name: str) -> str:
        return "assets" if name.startswith("asset_") else name

    def answers(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


def _answer_field(fact: Fact) -> forms.Field:
    """The optional form field answering a declared fact (refah.registry.facts), by its kind."""
    if fact.codes is not None:
        return _choice(fact.label, fact.codes.choices)
    if fact.kind in (Kind.BOOL, Kind.NULLABLE_BOOL):
        return _yes_no(fact.label)
    if fact.kind == Kind.MONEY:
        return AsciiDecimalField(label=fact.label, min_value=0, decimal_places=2, required=False)
    return forms.IntegerField(label=fact.label, min_value=fact.minimum, max_value=fact.maximum, required=False)


def _asking(questions: tuple[Question, ...], *, step_1: set[str]):
    """Add a field per screener question (in the order asked), except those of step 1 and the asset list."""

    def add(form_class: type[_Answers]) -> type[_Answers]:
        fields = {
            question.key: _answer_field(FACTS[question.columns[0]])
            for question in questions
            if question.key not in step_1 and question.key != "assets"
        }
        form_class.base_fields, form_class.declared_fields = fields, dict(fields)
        return form_class

    return add


@_asking(HOUSEHOLD_QUESTIONS, step_1={"il"})
class ScreenerHouseholdForm(_Answers):
    """Step 2, the household's answers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in enums.AssetKind.choices:
            self.fields[f"asset_{kind}"] = AsciiDecimalField(
                label=_("Value of %(kind)s (TL)") % {"kind": label}, min_value=0, decimal_places=2, required=False
            )
            self.fields[f"asset_{kind}"].conditional = True

    def household(self) -> dict:
        """The answers given, in the engine's dict shape; assets count as answered when any value is given."""
        data = {key: value for key, value in self.answers().items() if not key.startswith("asset_")}
        if "monthly_rent" in data:
            data["monthly_rent"] = str(data["monthly_rent"])
        values = {kind: self.cleaned_data.get(f"asset_{kind}") for kind in enums.AssetKind.values}
        if any(value is not None for value in values.values()):
            data["assets"] = [{"kind": kind, "value": str(value)} for kind, value in values.items() if value]
        return data


@_asking(MEMBER_QUESTIONS, step_1={"sex"})
class ScreenerMemberForm(_Answers):
    """Step 2, one member's answers."""

    def member(self) -> dict:
        data = self.answers()
        if "monthly_income" in data:
            data["monthly_income"] = str(data["monthly_income"])
        return data


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
            "<code>valid_from</code>, <code>conditions</code>, <code>amount</code>; how it is paid: "
            "<code>payment</code> with <code>method</code> (<code>cash</code>, <code>in_kind</code> or "
            "<code>aid_card</code>), <code>purse</code> for a card, <code>item</code> for aid from a warehouse, "
            "<code>recipient</code>."
        ),
    )


class SimulateForm(forms.Form):
    period = period_field()
    changes = forms.CharField(
        label=_("Parameter changes"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("One per line, for example <code>home_care.income_ratio=0.75</code>"),
    )
