"""Writes of memberships: adding a person to a household, ending a membership, moving a person to another
household. History is kept: a membership is closed on a date, never deleted."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.errors import ConflictError
from refah.registry import enums, errors
from refah.registry.models import Household, Membership, Person
from refah.registry.services import checks
from refah.registry.services.persons import _person_create


def _membership_open(*, actor, household: Household, person: Person, role: str, joined_on: dt.date) -> Membership:
    checks.not_future(joined_on, "joined_on")
    if Membership.objects.current().filter(person=person).exists():
        raise ConflictError(errors.ERR_ALREADY_MEMBER, field="person")
    if role == enums.Role.REFERENCE and household.memberships.current().filter(role=enums.Role.REFERENCE).exists():
        raise ConflictError(errors.ERR_SECOND_REFERENCE, field="role")
    membership = Membership(household=household, person=person, role=role, joined_on=joined_on)
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ConflictError(errors.ERR_ALREADY_MEMBER, field="person") from exc
    checks.audit(
        actor=actor,
        action=AuditAction.MEMBER_ADD,
        obj=membership,
        after=snapshot(membership),
        household_id=household.pk,
    )
    return membership


@transaction.atomic
def member_add(
    *,
    actor,
    household: Household,
    role: str,
    person: Person | None = None,
    person_data: dict | None = None,
    joined_on: dt.date | None = None,
) -> Membership:
    """Add an existing person (not currently in a household) or a new one to the household."""
    checks.require(actor, "registry.add_membership")
    checks.require_district(actor, household.district)
    if person is None:
        checks.require(actor, "registry.add_person")
        person = _person_create(actor=actor, data=person_data or {}, household_id=household.pk)
    else:
        checks.require_person_in_reach(actor, person)
    return _membership_open(
        actor=actor, household=household, person=person, role=role, joined_on=joined_on or timezone.localdate()
    )


@transaction.atomic
def member_remove(*, actor, membership: Membership, left_on: dt.date, reason: str) -> Membership:
    """End a membership on a date (death, marriage, moving out…). History is kept."""
    checks.require(actor, "registry.change_membership")
    membership = Membership.objects.select_for_update().select_related("household__district").get(pk=membership.pk)
    checks.require_district(actor, membership.household.district)
    if membership.left_on is not None:
        raise ConflictError(errors.ERR_NOT_CURRENT_MEMBER, field="membership")
    checks.not_future(left_on, "left_on")
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": errors.ERR_LEFT_BEFORE_JOINED})
    before = snapshot(membership)
    membership.left_on, membership.left_reason = left_on, reason
    membership.save(update_fields=["left_on", "left_reason", "updated_at"])
    checks.audit(
        actor=actor,
        action=AuditAction.MEMBER_REMOVE,
        obj=membership,
        before=before,
        after=snapshot(membership),
        household_id=membership.household_id,
    )
    return membership


@transaction.atomic
def member_move(
    *, actor, person: Person, to_household: Household, role: str, on_date: dt.date, reason: str = ""
) -> Membership:
    """Move a person to another household on a date: closes the old membership, opens the new one."""
    checks.require(actor, "registry.change_membership")
    checks.require_district(actor, to_household.district)
    checks.require_person_in_reach(actor, person)
    current = Membership.objects.select_for_update().current().filter(person=person).first()
    if current is not None:
        if current.household_id == to_household.pk:
            raise ConflictError(errors.ERR_SAME_HOUSEHOLD, field="household")
        member_remove(actor=actor, membership=current, left_on=on_date, reason=reason or "moved")
    return _membership_open(actor=actor, household=to_household, person=person, role=role, joined_on=on_date)
