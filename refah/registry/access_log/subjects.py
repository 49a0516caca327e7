"""Whose access log an auditor looks at (a person or a household), found within the auditor's jurisdiction."""

import uuid
from dataclasses import dataclass

from refah.accounts.selectors import jurisdiction_q
from refah.common.errors import NotFoundError
from refah.registry import errors
from refah.registry.models import Household, Person
from refah.registry.selectors import require_view


@dataclass(frozen=True)
class AccessSubject:
    """Whose access log an auditor looks at: a person (with every household they ever belonged to) or a
    household."""

    label: str
    person_id: uuid.UUID | None
    household_ids: tuple[uuid.UUID, ...]


def access_subject(*, user, national_id: str = "", household_code: str = "") -> AccessSubject:
    """The person with this TC Kimlik No, or the household with this number, if one of its households (past
    or present) lies in the user's jurisdiction; otherwise "not found", like a wrong number."""
    require_view(user, "registry.view_person")
    if national_id:
        person = Person.objects.filter(national_id=national_id.strip()).first()
        households = list(person.memberships.values_list("household_id", flat=True)) if person else []
        if not households or not Household.objects.filter(jurisdiction_q(user), pk__in=households).exists():
            raise NotFoundError(errors.ERR_PERSON_NOT_FOUND, field="national_id")
        return AccessSubject(person.full_name, person.pk, tuple(dict.fromkeys(households)))
    household = Household.objects.filter(jurisdiction_q(user), reference_code=household_code.strip()).first()
    if household is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND, field="household_code")
    return AccessSubject(household.reference_code, None, (household.pk,))
