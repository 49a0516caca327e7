from django.db import models
from django.utils.translation import gettext_lazy as _


class PurseKind(models.TextChoices):
    """One purse per purpose; amounts are kuruş, except the social market purse which holds points."""

    FOOD = "food", _("Food")
    CLOTHING = "clothing", _("Clothing")
    GENERAL = "general", _("General")
    MARKET = "market", _("Social market points")


class CardStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    BLOCKED = "blocked", _("Blocked")
    REPLACED = "replaced", _("Replaced")


class BlockReason(models.TextChoices):
    LOST = "lost", _("Lost")
    STOLEN = "stolen", _("Stolen")
    DAMAGED = "damaged", _("Damaged")
    OTHER = "other", _("Other")


class MerchantKind(models.TextChoices):
    SOCIAL_MARKET = "social_market", _("Social market")
    SHOP = "shop", _("Registered shop")


class HoldStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CAPTURED = "captured", _("Captured")
    VOIDED = "voided", _("Voided")
    EXPIRED = "expired", _("Expired")


class LineKind(models.TextChoices):
    """Every movement of a purse; the purse's figures are always the sums of its lines."""

    LOAD = "load", _("Load")
    HOLD = "hold", _("Authorisation")
    CAPTURE = "capture", _("Capture")
    RELEASE = "release", _("Release")
    REFUND = "refund", _("Refund")
