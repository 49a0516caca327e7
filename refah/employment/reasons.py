"""The catalogue of reasons for refusing a job or a course: what each means, and whether it is presumed valid.

The caseworker decides whether a refusal had a valid reason and writes why (services.answers.refusal_decide); the
catalogue only says what to expect. Health, a care duty and being in education are presumed valid (the
caseworker checks the report or the enrolment); a workplace farther than `work_sanction.distance_limit_km` and a
wage below the net minimum wage are valid by the rule when the offer shows it, checked here from the offer;
no reason, or another one, is presumed not valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.eligibility.params import ParameterSet


class RefusalReason(models.TextChoices):
    HEALTH = "health", _("Health: a report says the person cannot do this work")
    CARE_DUTY = "care_duty", _("Care duty: looks after a child, a sick or a disabled family member")
    DISTANCE = "distance", _("The workplace is too far")
    LOW_WAGE = "low_wage", _("The wage is below the minimum wage")
    EDUCATION = "education", _("Enrolled in education or a course")
    NO_REASON = "no_reason", _("No reason given")
    OTHER = "other", _("Another reason")


PRESUMED_VALID = {RefusalReason.HEALTH, RefusalReason.CARE_DUTY, RefusalReason.EDUCATION}


@dataclass(frozen=True)
class Presumption:
    """What the catalogue expects of a refusal: valid or not, and why (shown to the caseworker)."""

    valid: bool
    why: str


def presumption(*, reason: str, distance_km: int | None, wage_kurus: int | None, on) -> Presumption:
    """The catalogue's expectation for a refusal with `reason` of an offer (its distance and wage) on a day."""
    params = ParameterSet(on)
    if reason == RefusalReason.DISTANCE:
        limit = params("work_sanction.distance_limit_km")
        if distance_km is None:
            return Presumption(False, str(_("The offer gives no distance: check it.")))
        far = distance_km > limit
        why = _("%(km)s km, the limit is %(limit)s km.") % {"km": distance_km, "limit": limit}
        return Presumption(far, str(why))
    if reason == RefusalReason.LOW_WAGE:
        minimum = params("common.net_minimum_wage")
        if wage_kurus is None:
            return Presumption(False, str(_("The offer gives no wage: check it.")))
        return Presumption(wage_kurus < minimum, str(_("Compared with the net minimum wage.")))
    if reason in PRESUMED_VALID:
        return Presumption(True, str(_("Presumed valid: check the document.")))
    return Presumption(False, str(_("Presumed not valid.")))
