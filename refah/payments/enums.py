"""Choice lists of payments. Values are stable codes used by the API, files and the ledger."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    BIMONTHLY = "bimonthly", _("Every two months")
    ONE_OFF = "one_off", _("One-off")
    SEASONAL = "seasonal", _("Seasonal (once a year)")


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Open, not computed")
    COMPUTED = "computed", _("Computed (frozen)")


class Channel(models.TextChoices):
    """How an entitlement reaches the recipient."""

    BANK = "bank", _("Bank transfer (IBAN)")
    PTT = "ptt", _("PTT cash payment")
    AID_CARD = "aid_card", _("Aid card purse")
    IN_KIND = "in_kind", _("In kind")


class EntitlementStatus(models.TextChoices):
    PENDING = "pending", _("Not yet in a batch")
    BATCHED = "batched", _("In a batch, awaiting the bank")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    RETURNED = "returned", _("Returned")
    DELIVERED = "delivered", _("Delivered in kind")


class LineStatus(models.TextChoices):
    PENDING = "pending", _("Sent, awaiting the answer")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    RETURNED = "returned", _("Returned")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    EXPORTED = "exported", _("Exported to the bank")
    RECONCILED = "reconciled", _("Reconciled")


class StockMoveKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt into the warehouse")
    ISSUE = "issue", _("Issue (transfer, loss, write-off)")
    DELIVERY = "delivery", _("Delivery to a household")
