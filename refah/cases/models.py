"""Applications for programs, their history, documents, household visits, frozen scores, decisions, objections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.cases import enums
from refah.common.models import BaseModel
from refah.registry.models import Household, Person


class Application(BaseModel):
    """A household's application for one or more programs, handled by one office."""

    reference = models.CharField(_("application number"), max_length=20, unique=True)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="applications")
    office = models.ForeignKey(  # indexed by (office, status, due_on) below
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="applications", db_index=False
    )
    channel = models.CharField(_("channel"), max_length=8, choices=enums.Channel.choices)
    status = models.CharField(_("status"), max_length=20, choices=enums.Status.choices, default=enums.Status.RECEIVED)
    due_on = models.DateField(_("decision due on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    idempotency_scope = models.CharField(max_length=50, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, null=True, blank=True)
    request_hash = models.CharField(max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    decision_round = models.PositiveSmallIntegerField(default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "idempotency_scope", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="one_application_per_idempotency_key",
            ),
        ]
        indexes = [models.Index(fields=["office", "status", "due_on"])]
        permissions = [
            ("assign_visit", "Can assign household visits"),
            ("send_to_committee", "Can send a case to the committee"),
            ("record_decision", "Can record the committee's decision"),
            ("handle_objection", "Can assign and decide objections"),
        ]

    def __str__(self) -> str:
        return self.reference


class ApplicationProgram(models.Model):
    """One program applied for. `is_open` while the application is not finished: one open per household."""

    application = models.ForeignKey(  # indexed by the unique (application, program)
        Application, on_delete=models.CASCADE, related_name="programs", db_index=False
    )
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    program = models.CharField(_("program"), max_length=64)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["program"]
        constraints = [
            models.UniqueConstraint(fields=["application", "program"], name="one_row_per_application_program"),
            models.UniqueConstraint(
                fields=["household", "program"], condition=Q(is_open=True), name="one_open_application_per_program"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.program}"


class Consent(models.Model):
    """An adult member's consent to data sharing with the institutions queried for the application."""

    application = models.ForeignKey(  # indexed by the unique (application, person)
        Application, on_delete=models.CASCADE, related_name="consents", db_index=False
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(_("given at"))
    channel = models.CharField(_("channel"), max_length=8, choices=enums.Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="one_consent_per_person")]

    def __str__(self) -> str:
        return f"{self.person} consents ({self.application})"


class CaseEvent(models.Model):
    """One step of the case's history: a transition or another action, with who, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application} {self.action} {self.from_status}→{self.to_status}"


class Visit(BaseModel):
    """A household visit by a social aid inspector and what was found there."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visits")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_visits")
    kind = models.CharField(_("kind"), max_length=20, choices=enums.VisitKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=enums.VisitStatus.choices, default=enums.VisitStatus.ASSIGNED
    )
    due_on = models.DateField(_("visit due on"))
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    living_conditions = models.CharField(
        _("living conditions"), max_length=10, choices=enums.LivingConditions.choices, blank=True
    )
    assets_seen = models.TextField(_("assets seen"), blank=True)
    members_present = models.JSONField(_("members present"), default=list, blank=True)
    observations = models.TextField(_("observations"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    changes = models.JSONField(_("registry changes"), default=list, blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        permissions = [("record_visit", "Can record a household visit")]
        indexes = [models.Index(fields=["inspector", "status"])]

    def __str__(self) -> str:
        return f"{self.application} visit by {self.inspector}"


class Document(BaseModel):
    """An uploaded file (PDF/JPEG/PNG) kept in private storage under a random name."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.CASCADE, related_name="photos")
    doc_type = models.CharField(_("document type"), max_length=24, choices=enums.DocumentType.choices)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=100, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} ({self.original_name})"


class CaseSnapshot(BaseModel):
    """The need score and every program determination, frozen when the case went to the committee."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="snapshots")
    period = models.DateField(_("period"))
    need_score = models.FloatField(_("need score"), null=True, blank=True)
    determinations = models.JSONField(_("determinations"), default=list)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"{self.application} {self.created_at:%Y-%m-%d}"

    def determination(self, program: str) -> dict | None:
        return next((d for d in self.determinations if d["program"] == program), None)


class ProgramDecision(BaseModel):
    """The committee's decision on one program of an application, in force from `decided_at` until `ended_on`."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decisions")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="program_decisions")
    program = models.CharField(_("program"), max_length=64)
    round = models.PositiveSmallIntegerField(_("decision round"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=enums.Outcome.choices)
    amount_kurus = models.BigIntegerField(_("amount (kuruş)"), null=True, blank=True)
    reason_codes = models.JSONField(_("reason codes"), default=list)
    justification = models.TextField(_("justification"), blank=True)
    deviates_from_score = models.BooleanField(_("deviates from the objective result"), default=False)
    meeting_ref = models.CharField(_("meeting"), max_length=100)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "program"]
        verbose_name = _("program decision")
        verbose_name_plural = _("program decisions")
        constraints = [
            models.UniqueConstraint(fields=["application", "program", "round"], name="one_decision_per_round"),
            models.CheckConstraint(condition=Q(amount_kurus__gte=0), name="decision_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["outcome", "program", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.application} {self.program}: {self.outcome}"


class Objection(BaseModel):
    """The citizen's objection to a decision, re-examined by a different inspector."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="objections")
    reason = models.TextField(_("reason"))
    filed_at = models.DateTimeField(_("filed at"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_by_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=enums.ObjectionStatus.choices, default=enums.ObjectionStatus.FILED
    )
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.TextField(_("outcome"), blank=True)
    # An objection against something decided outside the committee's decision (a sanction of the employment app):
    # its kind (cases.objection_subjects) and id; empty for an objection against the case's decision.
    subject_kind = models.CharField(_("objected to"), max_length=32, blank=True)
    subject_id = models.UUIDField(null=True, blank=True)
    upheld = models.BooleanField(_("upheld"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.application} objection {self.filed_at:%Y-%m-%d}"
