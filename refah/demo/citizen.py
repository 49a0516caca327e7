"""The citizen the demo prints: someone who can sign in to the portal (TC Kimlik No and a mobile on record) and
finds something there — preferably the household whose application the board approved first."""

from dataclasses import dataclass

from refah.cases.enums import Status
from refah.cases.models import Application
from refah.registry import enums
from refah.registry.models import Person, membership_current_q


@dataclass(frozen=True)
class DemoCitizen:
    name: str
    national_id: str
    phone: str
    household_code: str
    approved: bool  # the household has an approved application to read in the portal


def demo_citizen(*, district_id) -> DemoCitizen | None:
    """The reference person, with a TC Kimlik No and a phone, of the district's first approved application's
    household; without one, of the district's first such household. None if the district has nobody to sign in."""
    signs_in = Person.objects.filter(
        membership_current_q("memberships__"),
        id_kind=enums.IdKind.TC,
        memberships__role=enums.Role.REFERENCE,
        memberships__household__district_id=district_id,
    ).exclude(phone="")
    approved = Application.objects.filter(household__district_id=district_id, status=Status.APPROVED)
    first = approved.filter(household__memberships__person__in=signs_in).order_by("decided_at", "pk").first()
    if first is not None:
        person = signs_in.filter(memberships__household_id=first.household_id).first()
    else:
        person = signs_in.order_by("memberships__household__reference_code").first()
    if person is None:
        return None
    household = person.memberships.current().get().household
    return DemoCitizen(person.full_name, person.national_id, person.phone, household.reference_code, first is not None)


def citizen_lines(citizen: DemoCitizen | None, *, portal_url: str) -> list[str]:
    """What the demo prints about the citizen: who, and how to read the one-time code without a phone."""
    if citizen is None:
        return ["No citizen to try in the portal: no reference person with a TC Kimlik No and a phone."]
    what = "an approved application" if citizen.approved else "their household"
    return [
        f"A citizen to try in the portal ({portal_url}), who will find {what} there:",
        f"  name: {citizen.name}   TC Kimlik No: {citizen.national_id}   mobile: {citizen.phone}"
        f"   household: {citizen.household_code}",
        "  Type the TC Kimlik No; the sign-in code goes to the mobile by SMS. In the demo no SMS leaves the machine:",
        "  the server prints it in its own output (this terminal, once it runs), in a line like",
        f'  "[sms → {citizen.phone}] Refah giriş kodunuz: 123456. …" — type those six digits.',
    ]
