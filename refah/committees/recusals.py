"""Automatic recusal: which sitting members are too close to an applicant household to vote on it.

A member is matched through their own registry record (CommitteeMember.person, or a person with
the member's TC Kimlik No). Members without one cannot be checked and must declare conflicts.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from refah.committees.enums import RecusalReason
from refah.common.text import fold
from refah.registry.models import Membership, Person
from refah.registry.selectors import members_on, person_current_household


@dataclass
class Conflict:
    reason: str
    detail: str


def member_person(member) -> Person | None:
    """The member's own registry record, if it can be found."""
    if member.person_id:
        return member.person
    if member.national_id:
        return Person.objects.filter(national_id=member.national_id).first()
    return None


def conflict_of(*, person: Person, household) -> Conflict | None:
    """The first reason, in order of strength, why this person may not vote on the household's case."""
    current = [m.person for m in members_on(household=household)]
    if any(p.pk == person.pk for p in current):
        return Conflict(RecusalReason.HOUSEHOLD_MEMBER, _("current member of household %s") % household.reference_code)
    shared = _shared_household(person=person, others=[p.pk for p in current])
    if shared:
        return Conflict(RecusalReason.RELATIVE, _("lived in the same household in the registry (%s)") % shared)
    namesake = next((p for p in current if fold(p.last_name) == fold(person.last_name)), None)
    if namesake:
        return Conflict(RecusalReason.RELATIVE, _("same surname as household member %s") % namesake.full_name)
    own = person_current_household(person=person)
    if own and _same_address(own, household):
        return Conflict(RecusalReason.SAME_ADDRESS, _("own household %s at the same address") % own.reference_code)
    return None


def _shared_household(*, person: Person, others: list) -> str | None:
    """A household (past or present) that the person and one of the others were both members of."""
    mine = Membership.objects.filter(person=person).values("household_id")
    row = (
        Membership.objects.filter(person_id__in=others, household_id__in=mine)
        .select_related("household")
        .order_by("joined_on")
        .first()
    )
    return row.household.reference_code if row else None


def _same_address(own, household) -> bool:
    line = fold(household.address_line)
    return bool(line) and own.neighbourhood_id == household.neighbourhood_id and fold(own.address_line) == line
