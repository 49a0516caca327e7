"""Writes of persons: creating one (as a household's member) and correcting a person's data, identity number
included."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.text import fold
from refah.registry import enums, errors
from refah.registry.identity import validate_foreign_id, validate_tc_kimlik_no
from refah.registry.models import Person
from refah.registry.phones import normalise_mobile
from refah.registry.services import checks

PERSON_FIELDS = [
    "id_kind",
    "national_id",
    "first_name",
    "last_name",
    "father_name",
    "mother_name",
    "birth_date",
    "sex",
    "nationality",
    "protection_status",
    "marital_status",
    "education_level",
    "employment_status",
    "social_security",
    "health_insurance",
    "disability_percent",
    "dependency",
    "chronic_illness",
    "pregnant",
    "school_level",
    "school_grade",
    "phone",
    "deceased_on",
    "sed_risk",
    "in_state_care",
    "orphan",
    "spouse_deceased",
    "child_checkups_done",
]
# Birth dates before this are typing errors (1800 for 1980), not people.
EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


def _birth_date(person: Person) -> None:
    if person.birth_date is None:
        return
    if person.birth_date < EARLIEST_BIRTH_DATE:
        raise ValidationError({"birth_date": ValidationError(errors.ERR_BIRTH_DATE_TOO_EARLY, code="too_early")})
    if person.birth_date > timezone.localdate():
        raise ValidationError({"birth_date": ValidationError(errors.ERR_BIRTH_DATE_FUTURE, code="future")})


def new_internal_id() -> str:
    """Internal person id for those without a number: "R" + 10 random digits."""
    return "R" + "".join(secrets.choice("0123456789") for _ in range(10))


def _validate_identity(person: Person) -> None:
    if person.id_kind == enums.IdKind.INTERNAL:
        if person.national_id:
            raise ValidationError({"national_id": errors.ERR_ID_NOT_ALLOWED})
        person.national_id = None
        return
    if not person.national_id:
        raise ValidationError({"national_id": errors.ERR_ID_REQUIRED})
    person.national_id = person.national_id.strip()
    validator = validate_tc_kimlik_no if person.id_kind == enums.IdKind.TC else validate_foreign_id
    try:
        validator(person.national_id)
    except ValidationError as exc:
        raise ValidationError({"national_id": exc.messages}) from exc


def _mobile(person: Person, phone_before: str) -> None:
    """A new or changed phone must be a Turkish mobile (the portal's sign-in codes go to it); one already on
    record is kept as it is, so correcting a name never fails on an old number."""
    if person.phone != phone_before:
        try:
            person.phone = normalise_mobile(person.phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.error_list}) from exc


def _clean_person(person: Person, *, phone_before: str = "") -> None:
    checks.visible_fields(person, ["first_name", "last_name", "phone"])
    _mobile(person, phone_before)
    _validate_identity(person)
    _birth_date(person)
    person.first_name = " ".join(person.first_name.split())
    person.last_name = " ".join(person.last_name.split())
    person.name_folded = fold(f"{person.first_name} {person.last_name}")
    if person.national_id and Person.objects.filter(national_id=person.national_id).exclude(pk=person.pk).exists():
        raise ValidationError({"national_id": errors.ERR_DUPLICATE_ID})
    person.full_clean(exclude=["internal_id"])


def _person_create(*, actor, data: dict, household_id=None) -> Person:
    person = Person(**{k: v for k, v in data.items() if k in PERSON_FIELDS})
    person.internal_id = new_internal_id()
    _clean_person(person)
    person.save()
    checks.audit(
        actor=actor, action=AuditAction.PERSON_CREATE, obj=person, after=snapshot(person), household_id=household_id
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, data: dict) -> Person:
    """Correct or update a person's data (identity number included, re-validated)."""
    checks.require(actor, "registry.change_person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    membership = person.memberships.current().select_related("household__district").first()
    if membership:
        checks.require_district(actor, membership.household.district)
    else:
        checks.require_person_in_reach(actor, person)  # without a household, their last one decides
    before = snapshot(person)
    checks.assign(person, data, PERSON_FIELDS)
    _clean_person(person, phone_before=before["phone"])
    person.save()
    checks.audit(
        actor=actor,
        action=AuditAction.PERSON_UPDATE,
        obj=person,
        before=before,
        after=snapshot(person),
        household_id=membership.household_id if membership else None,
    )
    return person
