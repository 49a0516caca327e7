"""Payments: cycles, frozen entitlements, payee accounts, batches and lines; in-kind stock and deliveries.

Entitlements and payment lines have integer keys and are written with set-based SQL (a cycle holds up
to millions of rows). "Never pay twice" is the database's job: one entitlement per household, program
and period; at most one live (pending or paid) line per entitlement.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.common.models import BaseModel
from refah.payments.enums import (
    BatchStatus,
    Channel,
    CycleKind,
    CycleStatus,
    EntitlementStatus,
    LineStatus,
    StockMoveKind,
)
from refah.registry.models import Household, Person


class PaymentCycle(BaseModel):
    """One program and period (monthly, every two months, one-off, seasonal); frozen once computed."""

    program = models.CharField(_("program"), max_length=64)
    period_start = models.DateField(_("period start"), help_text=_("First day of the first month."))
    kind = models.CharField(_("kind"), max_length=10, choices=CycleKind.choices)
    months = models.PositiveSmallIntegerField(_("months covered"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    entitlement_count = models.PositiveIntegerField(_("entitlements"), default=0)
    total_kurus = models.BigIntegerField(_("total (kuruş or units)"), default=0)

    class Meta:
        ordering = ["-period_start", "program"]
        verbose_name = _("payment cycle")
        verbose_name_plural = _("payment cycles")
        constraints = [models.UniqueConstraint(fields=["program", "period_start"], name="one_cycle_per_program_period")]
        permissions = [("compute_cycle", "Can create and compute payment cycles")]

    def __str__(self) -> str:
        return f"{self.program} {self.period_start:%Y-%m}"


class PayeeAccount(BaseModel):
    """A person's bank account for benefits (validated TR IBAN); one open account per person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="payee_accounts")
    iban = models.CharField(_("IBAN"), max_length=26)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payee account")
        verbose_name_plural = _("payee accounts")
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(closed_at__isnull=True), name="one_open_account")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.iban}"


class EntitlementQuerySet(QuerySet):
    def with_payment_status(self) -> "EntitlementQuerySet":
        """Annotate `payment_status`: the latest line's status (a pending line: batched), else `status`."""
        latest = PaymentLine.objects.filter(entitlement=OuterRef("pk")).order_by("-id").values("status")[:1]
        return self.alias(latest_line=Subquery(latest)).annotate(
            payment_status=Case(
                When(latest_line=LineStatus.PENDING, then=Value(EntitlementStatus.BATCHED.value)),
                When(latest_line__isnull=False, then=F("latest_line")),
                default=F("status"),
                output_field=models.CharField(),
            )
        )


class Entitlement(models.Model):
    """What one household is owed by one program for one period, frozen when the cycle is computed.

    `status` is written only where no payment line exists (pending, aid card paid, delivered in kind); a
    bank or PTT entitlement's payment state is its latest line's: `with_payment_status()`. So batches and
    answers never rewrite a million entitlements.
    """

    id = models.BigAutoField(primary_key=True)
    # no single-column indexes: the unique constraint leads with household, the index below with cycle.
    # Household and recipient are frozen copies written by one INSERT … SELECT from rows that exist: no
    # database foreign key (its per-row check cost 26 s per million); Django's PROTECT still refuses deletes.
    cycle = models.ForeignKey(PaymentCycle, on_delete=models.PROTECT, related_name="entitlements", db_index=False)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="entitlements", db_index=False, db_constraint=False
    )
    program = models.CharField(_("program"), max_length=64)
    period_start = models.DateField(_("period start"))
    amount_kurus = models.BigIntegerField(_("amount (kuruş, or units in kind)"))
    unit = models.CharField(_("unit"), max_length=8, default="TRY")
    recipient = models.ForeignKey(
        Person, null=True, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    recipient_name = models.CharField(_("recipient"), max_length=201, blank=True)
    recipient_identifier = models.CharField(_("recipient identity number"), max_length=16, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    iban = models.CharField(_("IBAN"), max_length=26, blank=True)
    inputs_hash = models.CharField(_("inputs hash"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=EntitlementStatus.choices, default=EntitlementStatus.PENDING
    )
    created_at = models.DateTimeField(_("computed at"))

    objects = EntitlementQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "program", "period_start"], name="one_entitlement_per_household_program_period"
            ),
            models.CheckConstraint(condition=Q(amount_kurus__gt=0), name="entitlement_amount_positive"),
        ]
        # status is not indexed: batches change it for a million rows at once
        indexes = [models.Index(fields=["cycle", "channel"])]

    def __str__(self) -> str:
        return f"{self.household_id} {self.program} {self.period_start:%Y-%m}"


class PaymentBatch(BaseModel):
    """Lines of one cycle and channel for one office's jurisdiction; maker–checker before export."""

    cycle = models.ForeignKey(PaymentCycle, on_delete=models.PROTECT, related_name="batches")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="payment_batches")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    retry_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="retries")
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    debtor_name = models.CharField(_("debtor"), max_length=140)
    debtor_iban = models.CharField(_("debtor IBAN"), max_length=26)
    execution_date = models.DateField(_("execution date"))
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    total_kurus = models.BigIntegerField(_("total (kuruş)"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    exported_at = models.DateTimeField(_("exported at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("created_by")), name="payment_batch_four_eyes"
            ),
        ]
        permissions = [
            ("create_batch", "Can create payment batches"),
            ("approve_batch", "Can approve payment batches (not one's own)"),
            ("export_batch", "Can export payment files"),
            ("reconcile", "Can import bank answers and reconcile payments"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.channel} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def message_id(self) -> str:
        return f"REFAH-{self.pk.hex[:24].upper()}"


class PaymentLine(models.Model):
    """One attempt to pay one entitlement. Failed or returned lines may be retried by a new line."""

    id = models.BigAutoField(primary_key=True)
    # the (batch, status) index serves batch lookups. Keep the entitlement index: on PostgreSQL, turning a
    # column's db_index off drops every single-column index on it, the partial unique one included.
    # Lines are written by one INSERT … SELECT from existing entitlements, which are never deleted (PROTECT):
    # no database foreign key to the entitlement (its per-row check cost ~16 s per million lines).
    batch = models.ForeignKey(PaymentBatch, on_delete=models.PROTECT, related_name="lines", db_index=False)
    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, related_name="lines", db_constraint=False)
    amount_kurus = models.BigIntegerField(_("amount (kuruş)"))
    recipient_name = models.CharField(_("recipient"), max_length=201, blank=True)
    recipient_identifier = models.CharField(_("recipient identity number"), max_length=16, blank=True)
    iban = models.CharField(_("IBAN"), max_length=26, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=LineStatus.choices, default=LineStatus.PENDING)
    reason = models.CharField(_("reason"), max_length=140, blank=True)
    status_at = models.DateTimeField(_("status since"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        constraints = [
            models.UniqueConstraint(
                fields=["entitlement"],
                condition=Q(status__in=[LineStatus.PENDING, LineStatus.PAID]),
                name="one_live_line_per_entitlement",
            ),
            models.CheckConstraint(condition=Q(amount_kurus__gt=0), name="payment_line_amount_positive"),
        ]
        indexes = [models.Index(fields=["batch", "status"])]

    def __str__(self) -> str:
        return self.end_to_end_id

    @property
    def end_to_end_id(self) -> str:
        return f"RF{self.pk}"


class Warehouse(BaseModel):
    """A store of in-kind aid (coal, food parcels) run by an office."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="warehouses")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        permissions = [("manage_stock", "Can receive, issue and deliver in-kind aid")]

    def __str__(self) -> str:
        return self.name


class InKindItem(models.TextChoices):
    COAL_KG = "coal_kg", _("Heating coal (kg)")
    FOOD_PARCEL = "food_parcel", _("Food parcel")


class StockLevel(models.Model):
    """Quantity on hand of one item in one warehouse; never negative (checked by the database too)."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="stock")
    item = models.CharField(_("item"), max_length=16, choices=InKindItem.choices)
    quantity = models.BigIntegerField(_("quantity"), default=0)

    class Meta:
        verbose_name = _("stock level")
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "item"], name="one_stock_level_per_item"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.warehouse} {self.item}: {self.quantity}"


class StockMove(BaseModel):
    """A receipt (+), issue (−) or delivery (−) of stock; the history behind StockLevel."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="moves")
    item = models.CharField(_("item"), max_length=16, choices=InKindItem.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=StockMoveKind.choices)
    quantity = models.BigIntegerField(_("quantity (signed)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("stock move")


class Delivery(BaseModel):
    """In-kind aid handed to a household, with the receiver's signed receipt."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="deliveries")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="deliveries")
    item = models.CharField(_("item"), max_length=16, choices=InKindItem.choices)
    quantity = models.BigIntegerField(_("quantity"))
    entitlement = models.OneToOneField(
        Entitlement, null=True, blank=True, on_delete=models.PROTECT, related_name="delivery"
    )
    receiver_name = models.CharField(_("receiver's name"), max_length=201, blank=True)
    receiver_identifier = models.CharField(_("receiver's identity number"), max_length=11, blank=True)
    signature = models.FileField(_("signature image"), upload_to="payments/signatures/%Y/%m/", blank=True)
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive")]
