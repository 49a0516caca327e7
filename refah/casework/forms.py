"""Forms of the social-services screens: they parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from refah.casework.enums import (
    SEALED_KINDS,
    AttendanceStatus,
    CaseOutcome,
    GoalStatus,
    NeedArea,
    NeedLevel,
    ProgrammeKind,
    ProviderKind,
    ReferralStatus,
    RiskLevel,
    ServiceKind,
    SessionKind,
    SessionStatus,
)
from refah.common.forms import AsciiIntegerField
from refah.registry.forms import DateInput

TEXT = forms.Textarea(attrs={"rows": 3})
OPEN_KINDS = [(value, label) for value, label in ServiceKind.choices if value not in SEALED_KINDS]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _person_choices(members) -> list:
    return [(str(m.person_id), m.person.full_name) for m in members]


class ReferForm(forms.Form):
    """Refer the household (or a member) to a kind of service (the most local one) or to a service of the catalogue.
    Protection from violence is among the kinds: it is handed to the sealed services."""

    kind = forms.ChoiceField(label=_("Kind of service"), required=False)
    service = forms.ChoiceField(
        label=_("Or a service of the catalogue"), required=False, help_text=_("Leave empty for the nearest service.")
    )
    person = forms.ChoiceField(label=_("Member concerned"), required=False)
    reason = forms.CharField(label=_("Why the household is referred"), max_length=2000, widget=TEXT)
    deadline = forms.DateField(
        label=_("Answer by"), required=False, widget=DateInput(), help_text=_("Empty: the service's usual time.")
    )

    def __init__(self, *args, members=(), services=(), **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [*OPEN_KINDS, *[(k.value, k.label) for k in SEALED_KINDS]]
        self.fields["kind"].choices = [("", "—"), *kinds]
        self.fields["service"].choices = [("", "—"), *[(str(s.pk), s.name) for s in services]]
        self.fields["person"].choices = [("", _("The whole household")), *_person_choices(members)]


class OwnerForm(forms.Form):
    owner = forms.ChoiceField(label=_("Responsible"), required=False)

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—"), *[(str(u.pk), u.get_full_name() or u.username) for u in workers]]


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=2000, widget=TEXT)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=TEXT)


class ResendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of service"), required=False, help_text=_("Empty: the same service."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *OPEN_KINDS]


class ReferralFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("all", _("All of my area")),
            ("mine", _("Mine")),
            ("office", _("My office's")),
            ("overdue", _("Overdue")),
        ],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *ReferralStatus.choices])
    kind = forms.ChoiceField(label=_("Kind of service"), required=False, choices=[("", "—"), *OPEN_KINDS])


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of service"), choices=OPEN_KINDS)
    name = forms.CharField(label=_("Name"), max_length=200)
    provider_kind = forms.ChoiceField(label=_("Provider"), choices=ProviderKind.choices)
    office = forms.ChoiceField(label=_("Office"), required=False)
    provider_name = forms.CharField(
        label=_("Outside institution"), max_length=200, required=False, help_text=_("When no office provides it.")
    )
    district = forms.ChoiceField(label=_("District"), required=False, help_text=_("Empty: the whole province."))
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    days_to_answer = AsciiIntegerField(label=_("Days to answer a referral"), min_value=1, max_value=90)
    active = forms.BooleanField(label=_("Takes referrals"), required=False, initial=True)

    def __init__(self, *args, offices=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [("", "—"), *[(str(o.pk), o.name) for o in offices]]
        self.fields["district"].choices = [("", "—"), *[(str(d.pk), d.name) for d in districts]]


class CaseOpenForm(forms.Form):
    persons = forms.MultipleChoiceField(label=_("Members concerned"), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Why the case is opened"), max_length=2000, widget=TEXT)
    worker = forms.ChoiceField(label=_("Social worker"), required=False, help_text=_("Empty: you."))

    def __init__(self, *args, members=(), workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].choices = _person_choices(members)
        self.fields["worker"].choices = [("", "—"), *[(str(u.pk), u.get_full_name() or u.username) for u in workers]]


class AssessmentForm(forms.Form):
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    strengths = forms.CharField(label=_("Strengths"), max_length=4000, required=False, widget=TEXT)
    risks = forms.CharField(label=_("Risks"), max_length=4000, required=False, widget=TEXT)
    summary = forms.CharField(label=_("Summary"), max_length=8000, widget=TEXT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in NeedArea:
            self.fields[f"need_{area.value}"] = forms.ChoiceField(
                label=area.label, choices=NeedLevel.choices, initial=NeedLevel.NONE
            )

    def needs(self) -> dict:
        return {area.value: self.cleaned_data[f"need_{area.value}"] for area in NeedArea}

    def need_fields(self):
        return [self[f"need_{area.value}"] for area in NeedArea]

    def text_fields(self):
        return [self[name] for name in ("risk_level", "strengths", "risks", "summary")]


class PlanForm(forms.Form):
    summary = forms.CharField(label=_("Plan agreed with the family"), max_length=8000, widget=TEXT)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput())
    review_on = forms.DateField(label=_("Review on"), widget=DateInput())


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=300)
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())


class GoalUpdateForm(forms.Form):
    goal = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    achieved_on = forms.DateField(label=_("Achieved on"), required=False, widget=DateInput())


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    status = forms.ChoiceField(label=_("Status"), choices=SessionStatus.choices)
    notes = forms.CharField(
        label=_("Notes"), max_length=8000, required=False, widget=TEXT, help_text=_("Required for a session held.")
    )


class SessionRecordForm(forms.Form):
    session = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Result"),
        choices=[(s.value, s.label) for s in (SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.CANCELLED)],
    )
    notes = forms.CharField(label=_("Notes"), max_length=8000, required=False, widget=TEXT)


class FollowUpForm(forms.Form):
    first = forms.DateField(label=_("First follow-up on"), widget=DateInput())
    second = forms.DateField(label=_("Second follow-up on"), required=False, widget=DateInput())


class FollowUpRecordForm(forms.Form):
    follow_up = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("What the follow-up found"), max_length=4000, widget=TEXT)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *CaseOutcome.choices])
    note = forms.CharField(label=_("Outcome, in words"), max_length=4000, widget=TEXT)


class AssignForm(forms.Form):
    worker = forms.ChoiceField(label=_("Social worker"))

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [(str(u.pk), u.get_full_name() or u.username) for u in workers]


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    capacity = AsciiIntegerField(label=_("Capacity"), min_value=1, max_value=500)
    completion_percent = AsciiIntegerField(
        label=_("Attendance needed to complete (%)"), min_value=1, max_value=100, initial=75
    )


class GroupSessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=200)


class EnrolForm(forms.Form):
    national_id = forms.CharField(
        label=_("TC Kimlik No"), max_length=11, min_length=11, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )


ATTENDANCE_CHOICES = AttendanceStatus.choices
