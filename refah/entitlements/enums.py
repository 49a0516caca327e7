"""The choices of the entitlements app: veterans' and martyrs' relatives' statuses, their entitlements, free
travel cards with their bases, statuses, delivery and print batches."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VeteranStatus(models.TextChoices):
    """A person's standing under Law 3713 art. 21 and Law 2330: a veteran, or a martyr's relative."""

    VETERAN = "veteran", _("Veteran (gazi)")
    DISABLED_VETERAN = "disabled_veteran", _("Disabled veteran (malul gazi)")
    MARTYR_SPOUSE = "martyr_spouse", _("Martyr's spouse")
    MARTYR_CHILD = "martyr_child", _("Martyr's child")
    MARTYR_MOTHER = "martyr_mother", _("Martyr's mother")
    MARTYR_FATHER = "martyr_father", _("Martyr's father")
    MARTYR_SIBLING = "martyr_sibling", _("Martyr's sibling")


# The veteran is the subject of their own record; a martyr's relative's subject is the martyr.
OWN_STATUSES = frozenset({VeteranStatus.VETERAN, VeteranStatus.DISABLED_VETERAN})


class EntitlementKind(models.TextChoices):
    FREE_TRAVEL = "free_travel", _("Free travel on public transport")
    PUBLIC_EMPLOYMENT = "public_employment", _("Right to employment in the public sector")
    EDUCATION_GRANT = "education_grant", _("Education grant")
    HOUSING_CREDIT = "housing_credit", _("Priority for housing credit")
    HEALTH_EXEMPTION = "health_exemption", _("Exemption from health care contributions")
    SERVICE_PENSION = "service_pension", _("Pension for service to the country")


class EntitlementStatus(models.TextChoices):
    GRANTED = "granted", _("Granted")
    USED = "used", _("Used")
    REVOKED = "revoked", _("Revoked")


class CardBasis(models.TextChoices):
    """Why a person travels free (Law 4736 art. 1); the first three come from the free-travel rule."""

    AGE = "age", _("Aged 65 or over")
    DISABILITY = "disability", _("Disability of 40 per cent or more")
    COMPANION = "companion", _("Companion of a severely disabled person")
    VETERAN = "veteran", _("Veteran or martyr's relative")


class CardStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested, awaiting printing")
    PRINTED = "printed", _("Printed, awaiting delivery")
    DELIVERED = "delivered", _("Delivered")
    LOST = "lost", _("Reported lost")
    CANCELLED = "cancelled", _("Cancelled")
    REPLACED = "replaced", _("Replaced")


# A person holds at most one card in these statuses (a database constraint): the issue run skips its holders.
LIVE_CARD_STATUSES = (CardStatus.REQUESTED, CardStatus.PRINTED, CardStatus.DELIVERED)


class DeliveryPlace(models.TextChoices):
    COUNTER = "counter", _("SYDV counter")
    PTT = "ptt", _("PTT branch")


class Receiver(models.TextChoices):
    PERSON = "person", _("The card holder")
    PROXY = "proxy", _("A proxy")


class ReplaceReason(models.TextChoices):
    LOST = "lost", _("Lost or stolen")
    DAMAGED = "damaged", _("Damaged")
    DETAILS = "details", _("Details changed")


class BatchStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared, awaiting printing")
    PRINTED = "printed", _("Printed")
