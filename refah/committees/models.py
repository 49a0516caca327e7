"""Committees that decide need (SYDV board of trustees, municipal commissions), their meetings and votes.

Quorum and majority rules are data on the committee, so a board whose statute says "two thirds
present" needs a changed row, not changed code. Votes, recusals and the decisions of an item are
kept here as well as on the case, so the minutes and the deviation report read one app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.committees import enums
from refah.common.models import BaseModel


class Committee(BaseModel):
    """A deciding body of an office, with its quorum and majority rules."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=enums.CommitteeKind.choices)
    # Quorum: present (and, per item, not recused) members compared with quorum_num/quorum_den of the
    # sitting members; strictly more when quorum_strict ("absolute majority": more than 1/2).
    quorum_num = models.PositiveSmallIntegerField(_("quorum numerator"), default=1)
    quorum_den = models.PositiveSmallIntegerField(_("quorum denominator"), default=2)
    quorum_strict = models.BooleanField(_("quorum: strictly more than the fraction"), default=True)
    majority_base = models.CharField(
        _("majority counted against"),
        max_length=16,
        choices=enums.MajorityBase.choices,
        default=enums.MajorityBase.PRESENT_VOTING,
    )
    majority_num = models.PositiveSmallIntegerField(_("majority numerator"), default=1)
    majority_den = models.PositiveSmallIntegerField(_("majority denominator"), default=2)
    majority_strict = models.BooleanField(_("majority: strictly more than the fraction"), default=True)
    chair_breaks_tie = models.BooleanField(_("on a tie the chair's side prevails"), default=True)
    # Below this need score an approval counts as against the objective result even when the rules say eligible.
    need_score_cutoff = models.FloatField(_("need score cut-off"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["office__name", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_den__gt=0, quorum_num__lte=models.F("quorum_den")), name="committee_quorum_fraction"
            ),
            models.CheckConstraint(
                condition=Q(majority_den__gt=0, majority_num__lte=models.F("majority_den")),
                name="committee_majority_fraction",
            ),
        ]
        permissions = [("view_deviation", "Can view the committee deviation report")]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(BaseModel):
    """A seat on a committee over a date range: a staff user, or an external person such as a muhtar."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="committee_seats"
    )
    full_name = models.CharField(_("name"), max_length=200)
    national_id = models.CharField(_("TC Kimlik No"), max_length=11, blank=True)
    # The member's own registry record, when known: used to detect recusals (same household, address, family).
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="committee_seats"
    )
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("e.g. District governor, muhtar"))
    role = models.CharField(_("role"), max_length=8, choices=enums.MemberRole.choices, default=enums.MemberRole.MEMBER)
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        ordering = ["role", "full_name"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")), name="member_until_after_since"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_external(self) -> bool:
        return self.user_id is None


class Meeting(BaseModel):
    """One sitting of a committee: planned, then open (attendance taken, quorum met), then closed."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    reference = models.CharField(_("meeting number"), max_length=40)
    scheduled_at = models.DateTimeField(_("scheduled at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=enums.MeetingStatus.choices, default=enums.MeetingStatus.PLANNED
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    agenda_built_at = models.DateTimeField(_("agenda built at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-scheduled_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.UniqueConstraint(fields=["committee", "reference"], name="one_meeting_reference")]
        permissions = [
            ("manage_meeting", "Can plan, open and close meetings, build agendas and record decisions"),
            ("cast_vote", "Can cast a vote as a committee member"),
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.reference}"


class Attendance(models.Model):
    """A member present at a meeting, recorded when it opens."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="attendance")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.member} @ {self.meeting}"


class AgendaItem(BaseModel):
    """A case on a meeting's agenda, at a position drawn at random when the agenda was built."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    application = models.ForeignKey("cases.Application", on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveIntegerField(_("position"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_item_per_position"),
            models.UniqueConstraint(fields=["meeting", "application"], name="one_item_per_application"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}"


class Recusal(BaseModel):
    """A member who may not vote on an item, and why; automatic ones name what matched."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="recusals")
    reason = models.CharField(_("reason"), max_length=20, choices=enums.RecusalReason.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    automatic = models.BooleanField(_("detected automatically"), default=False)

    class Meta:
        ordering = ["item", "member__full_name"]
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_recusal_per_member_item")]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_reason_display()})"


class Vote(BaseModel):
    """A member's vote on one program of an item; recorded_by is whoever entered it (the member or the secretary)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="votes")
    program = models.CharField(_("program"), max_length=64)
    choice = models.CharField(_("vote"), max_length=8, choices=enums.VoteChoice.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item", "program", "member__full_name"]
        constraints = [models.UniqueConstraint(fields=["item", "member", "program"], name="one_vote_per_program")]

    def __str__(self) -> str:
        return f"{self.member}: {self.program} {self.choice}"


class ItemDecision(BaseModel):
    """The outcome on one program of an item, with the tally and the frozen objective result beside it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    program = models.CharField(_("program"), max_length=64)
    outcome = models.CharField(_("outcome"), max_length=8, choices=enums.Outcome.choices)
    tally = models.JSONField(_("votes"), default=dict)
    objective_eligible = models.BooleanField(_("eligible by the rules"), null=True)
    need_score = models.FloatField(_("need score"), null=True)
    against_objective = models.BooleanField(_("against the objective result"), default=False)
    amount_kurus = models.BigIntegerField(_("amount (kuruş)"), default=0)
    reason_codes = models.JSONField(_("reason codes"), default=list)
    justification = models.TextField(_("justification"), blank=True)
    # The advisory model whose proposal the item showed when it was decided ("<version> <hash prefix>"), or "".
    model_ref = models.CharField(_("model shown"), max_length=160, blank=True, default="")
    model_disagreed = models.BooleanField(_("the model disagreed with the rules"), default=False)

    class Meta:
        ordering = ["item", "program"]
        constraints = [models.UniqueConstraint(fields=["item", "program"], name="one_decision_per_program")]

    def __str__(self) -> str:
        return f"{self.item}: {self.program} {self.outcome}"

    def as_case_decision(self) -> dict:
        """The shape refah.cases.services.case_record_decision takes."""
        return {
            "program": self.program,
            "outcome": self.outcome,
            "amount_kurus": self.amount_kurus,
            "reason_codes": self.reason_codes,
            "justification": self.justification,
        }
