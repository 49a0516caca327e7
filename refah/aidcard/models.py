"""The single aid card: cards, purses per purpose, the purse ledger, merchants, terminals, the social market."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from refah.aidcard.enums import BlockReason, CardStatus, HoldStatus, LineKind, MerchantKind, PurseKind
from refah.common.models import BaseModel
from refah.geo.models import District
from refah.registry.models import Household


class Card(BaseModel):
    """A household's card. One active card per household; the full number is shown only when issued."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="cards"
    )
    number = models.CharField(_("card number"), max_length=19, unique=True)
    last4 = models.CharField(max_length=4)
    status = models.CharField(_("status"), max_length=10, choices=CardStatus.choices, default=CardStatus.ACTIVE)
    pin_hash = models.CharField(max_length=128, blank=True)
    blocked_at = models.DateTimeField(_("blocked at"), null=True, blank=True)
    block_reason = models.CharField(_("block reason"), max_length=10, choices=BlockReason.choices, blank=True)
    # Consecutive wrong PINs (reset by a right one); at the limit the card is PIN-locked until staff unblock it.
    pin_failures = models.PositiveSmallIntegerField(_("wrong PINs in a row"), default=0)
    pin_locked_at = models.DateTimeField(_("PIN locked at"), null=True, blank=True)
    pin_locked_merchant = models.ForeignKey(
        "Merchant",
        verbose_name=_("PIN locked at merchant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replaces = models.OneToOneField(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aid card")
        verbose_name_plural = _("aid cards")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(status=CardStatus.ACTIVE), name="one_active_card_per_household"
            ),
        ]
        permissions = [
            ("issue_card", "Can issue and replace aid cards"),
            ("block_card", "Can block aid cards"),
            ("unblock_card_pin", "Can unblock aid cards locked by wrong PINs"),
        ]

    def __str__(self) -> str:
        return self.masked

    @property
    def masked(self) -> str:
        return f"{self.number[:4]} •••• •••• {self.last4}"

    @property
    def pin_locked(self) -> bool:
        return self.pin_locked_at is not None


class Purse(BaseModel):
    """A household's balance for one purpose. `available` can be spent; `held` is reserved by open holds."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="purses")
    kind = models.CharField(_("purse"), max_length=10, choices=PurseKind.choices)
    available = models.BigIntegerField(_("available"), default=0)
    held = models.BigIntegerField(_("held"), default=0)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("purse")
        verbose_name_plural = _("purses")
        constraints = [
            models.UniqueConstraint(fields=["household", "kind"], name="one_purse_per_kind"),
            models.CheckConstraint(condition=Q(available__gte=0), name="purse_available_not_negative"),
            models.CheckConstraint(condition=Q(held__gte=0), name="purse_held_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.kind}"


class MerchantCategory(models.Model):
    """A merchant category (MCC-style code) and the purses that may be spent in it."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    purse_kinds = models.CharField(_("purses allowed"), max_length=100, help_text="comma-separated purse kinds")

    class Meta:
        ordering = ["code"]
        verbose_name = _("merchant category")
        verbose_name_plural = _("merchant categories")

    def __str__(self) -> str:
        return f"{self.code} {gettext(self.name)}"

    @property
    def purse_kind_list(self) -> list[str]:
        return [k for k in self.purse_kinds.split(",") if k]


class Merchant(BaseModel):
    """A social market or a registered shop that accepts the card."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=MerchantKind.choices)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT)
    tax_number = models.CharField(_("tax number"), max_length=11, blank=True)
    categories = models.ManyToManyField(MerchantCategory, verbose_name=_("categories"), related_name="merchants")
    # Denormalised from the categories when they change, so an authorisation needs no join.
    allowed_purses = models.CharField(max_length=100, blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        permissions = [
            ("manage_merchants", "Can register merchants and issue terminal keys"),
            ("manage_market", "Can manage social market stock"),
            ("market_checkout", "Can check out at the social market"),
        ]

    def __str__(self) -> str:
        return self.name

    def accepts(self, purse_kind: str) -> bool:
        return purse_kind in self.allowed_purses.split(",")


class Terminal(BaseModel):
    """A merchant's terminal; it authenticates with its own key, of which only the SHA-256 is stored."""

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="terminals")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    active = models.BooleanField(_("active"), default=True)
    # Failed authorisations (unknown card, wrong PIN, locked card) counted since failures_since; at the
    # limit the terminal is refused until throttled_until. Only failures write these; the key lookup reads them.
    failures = models.PositiveIntegerField(default=0)
    failures_since = models.DateTimeField(null=True, blank=True)
    throttled_until = models.DateTimeField(_("paused until"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("terminal")
        verbose_name_plural = _("terminals")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class Hold(BaseModel):
    """An authorisation: money moved from available to held, later captured (fully or partly) or released."""

    purse = models.ForeignKey(Purse, on_delete=models.PROTECT, related_name="holds")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="holds")
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="holds")
    terminal = models.ForeignKey(Terminal, null=True, blank=True, on_delete=models.PROTECT, related_name="holds")
    idempotency_key = models.CharField(max_length=64)
    amount = models.BigIntegerField(_("authorised"))
    captured = models.BigIntegerField(_("captured"), default=0)
    refunded = models.BigIntegerField(_("refunded"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=HoldStatus.choices, default=HoldStatus.OPEN)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("authorisation")
        verbose_name_plural = _("authorisations")
        constraints = [
            models.UniqueConstraint(fields=["merchant", "idempotency_key"], name="hold_idempotent_per_merchant"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="hold_amount_positive"),
            models.CheckConstraint(condition=Q(captured__lte=models.F("amount")), name="hold_capture_le_amount"),
            models.CheckConstraint(condition=Q(refunded__lte=models.F("captured")), name="hold_refund_le_capture"),
            models.CheckConstraint(condition=Q(refunded__gte=0), name="hold_refunded_not_negative"),
        ]


class Refund(BaseModel):
    """A refund of (part of) a captured authorisation; its reference makes a retried refund count once."""

    hold = models.ForeignKey(Hold, on_delete=models.PROTECT, related_name="refunds")
    reference = models.CharField(max_length=64)
    amount = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hold", "reference"], name="refund_idempotent_per_hold"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
        ]


class PurseLoad(BaseModel):
    """Money (or points) a program put on a purse. `source_ref` is unique: loading it twice credits once."""

    purse = models.ForeignKey(Purse, on_delete=models.PROTECT, related_name="loads")
    source_ref = models.CharField(_("source reference"), max_length=100, unique=True)
    amount = models.BigIntegerField(_("amount"))
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("purse load")
        verbose_name_plural = _("purse loads")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="load_amount_positive")]


class LedgerLine(models.Model):
    """One movement of one purse. For every purse, available = Σ delta_available and held = Σ delta_held.

    Double-entry style: a hold moves money available → held (the two deltas cancel), a capture moves
    it held → the merchant, a release held → available, a refund merchant → available, a load
    program → available. The lines are never updated or deleted.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(auto_now_add=True)
    purse = models.ForeignKey(Purse, on_delete=models.PROTECT, related_name="lines")
    kind = models.CharField(max_length=10, choices=LineKind.choices)
    amount = models.BigIntegerField()
    delta_available = models.BigIntegerField()
    delta_held = models.BigIntegerField()
    available_after = models.BigIntegerField()
    held_after = models.BigIntegerField()
    hold = models.ForeignKey(Hold, null=True, blank=True, on_delete=models.PROTECT, related_name="lines")
    load = models.ForeignKey(PurseLoad, null=True, blank=True, on_delete=models.PROTECT, related_name="lines")
    merchant = models.ForeignKey(Merchant, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["purse", "id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class MarketItem(BaseModel):
    """An item on a social market's shelves, priced in points."""

    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="items")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, default="adet")
    price_points = models.PositiveIntegerField(_("price (points)"))
    quantity = models.IntegerField(_("in stock"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("market item")
        verbose_name_plural = _("market items")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="market_stock_not_negative"),
            models.CheckConstraint(condition=Q(price_points__gt=0), name="market_price_positive"),
            models.UniqueConstraint(fields=["merchant", "name"], name="market_item_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class StockMovement(models.Model):
    """A change of stock: restocking (positive) or a sale on a receipt (negative)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(auto_now_add=True)
    item = models.ForeignKey(MarketItem, on_delete=models.PROTECT, related_name="movements")
    delta = models.IntegerField()
    quantity_after = models.IntegerField()
    receipt = models.ForeignKey("Receipt", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.delta:+d}"


class Receipt(BaseModel):
    """A social market checkout: the items, the points paid and the authorisation that paid them."""

    number = models.CharField(_("receipt number"), max_length=20)
    merchant = models.ForeignKey(Merchant, on_delete=models.PROTECT, related_name="receipts")
    hold = models.OneToOneField(Hold, on_delete=models.PROTECT, related_name="receipt")
    total_points = models.PositiveIntegerField()
    cashier = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["merchant", "number"], name="receipt_number_unique")]


class ReceiptLine(models.Model):
    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(MarketItem, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    price_points = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"

    @property
    def total(self) -> int:
        return self.quantity * self.price_points
