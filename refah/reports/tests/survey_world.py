"""Rows for the survey tests, written directly: a household with a phone, an application and its decided round."""

import datetime as dt
import itertools

from django.utils import timezone

from refah.cases.models import Application, ProgramDecision
from refah.registry.tests.factories import household_with_members

_seq = itertools.count()


def household(district, phone="05321234567"):
    hh = household_with_members(district)
    reference = hh.memberships.get(role="reference").person
    reference.phone = phone
    reference.save(update_fields=["phone"])
    return hh


def decide(hh, *, office, user, outcomes=("approved",), decided_at=None, application=None):
    """The committee's next round on `application` (a new one of `hh` by default), one program per outcome."""
    decided_at = decided_at or timezone.now() - dt.timedelta(hours=1)
    if application is None:
        application = Application.objects.create(
            reference=f"S{next(_seq):09d}", household=hh, office=office, channel="counter", due_on=decided_at.date()
        )
    application.decision_round += 1
    application.decided_at = decided_at
    application.save(update_fields=["decision_round", "decided_at"])
    for i, outcome in enumerate(outcomes):
        ProgramDecision.objects.create(
            application=application,
            household=hh,
            program=["family_support", "heating", "education"][i],
            round=application.decision_round,
            outcome=outcome,
            meeting_ref="2026/12",
            decided_at=decided_at,
            decided_by=user,
        )
    return application
