"""What the institutions answered: the call log (KVKK), each source's circuit breaker, the disagreements with the
declaration, and each household's check per source (what the workflow waits for) with the facts of its latest answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.exchange import enums
from refah.registry.models import Household, Person


class SourceCall(models.Model):
    """One call to an institution: who pulled what, why, when, the outcome and the latency (KVKK)."""

    source = models.CharField(_("institution"), max_length=10, choices=enums.Source.choices)
    bulk = models.BooleanField(_("bulk"), default=False)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    requester_label = models.CharField(_("requester"), max_length=150)
    purpose = models.CharField(_("purpose"), max_length=16, choices=enums.CallPurpose.choices)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subjects = models.JSONField(_("TC Kimlik Nos asked"), default=list)
    started_at = models.DateTimeField(_("asked at"), db_index=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    outcome = models.CharField(_("outcome"), max_length=14, choices=enums.CallOutcome.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("call to an institution")
        verbose_name_plural = _("calls to institutions")
        indexes = [models.Index(fields=["household", "started_at"])]
        permissions = [
            ("refresh_sources", "Can pull institutions' data"),
            ("view_sources", "Can see institutions' data"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"


class Breaker(models.Model):
    """A source's circuit breaker, shared by every process: closed, open until a time, or half-open (one probe)."""

    source = models.CharField(primary_key=True, max_length=10, choices=enums.Source.choices)
    state = models.CharField(max_length=10, choices=enums.BreakerState.choices, default=enums.BreakerState.CLOSED)
    failures = models.PositiveIntegerField(default=0)
    opened_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.source}: {self.state}"


class Discrepancy(BaseModel):
    """A registered fact that disagrees with what the household declared; open until someone resolves it."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("institution"), max_length=10, choices=enums.Source.choices)
    fact = models.CharField(_("fact"), max_length=40)
    declared_value = models.CharField(_("declared"), max_length=200, blank=True)
    registered_value = models.CharField(_("registered"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=enums.DiscrepancyStatus.choices, default=enums.DiscrepancyStatus.OPEN
    )
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.CharField(_("why resolved"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("disagreement with the declaration")
        verbose_name_plural = _("disagreements with the declaration")
        indexes = [models.Index(fields=["household", "status"])]

    def __str__(self) -> str:
        return f"{self.source}.{self.fact}: {self.declared_value} ≠ {self.registered_value}"


class SourceCheck(BaseModel):
    """A household's check against one source: ok, waiting (source down or failing; retried) or failed, with the
    facts of the source's latest usable answer (kept as they were while a later call fails)."""

    created_at = models.DateTimeField(auto_now_add=True)  # not indexed: never looked up by it (800,000 rows a run)

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+", db_index=False)
    source = models.CharField(_("institution"), max_length=10, choices=enums.Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=enums.CheckStatus.choices)
    purpose = models.CharField(_("purpose"), max_length=16, choices=enums.CallPurpose.choices)
    checked_at = models.DateTimeField(_("last answered"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_retry_at = models.DateTimeField(_("next try"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    # the latest answer: [[person id, fact, value (kuruş or a count) or null, text], …], its date and its call
    facts = models.JSONField(_("registered facts"), default=list, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    # Not indexed (a call is never looked up from its checks) and no constraint checked by the database: the call
    # log is never deleted from, each id is the call just logged, and a bulk refresh writes 800,000 checks
    call = models.ForeignKey(
        SourceCall,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        ordering = ["source"]
        constraints = [models.UniqueConstraint(fields=["household", "source"], name="one_check_per_household_source")]
        indexes = [
            models.Index(
                fields=["next_retry_at"], name="exchange_check_waiting", condition=Q(status=enums.CheckStatus.WAITING)
            )
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.source}: {self.status}"
