"""Reads the staff screens need beyond selectors.py; scoped by jurisdiction like every selector."""

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError
from refah.geo.models import District
from refah.registry import errors, selectors
from refah.registry.models import Asset, Household, Membership, Person, SchoolAttendance


def districts_for_user(*, user) -> QuerySet:
    """Districts the user may register households in (their office's jurisdiction)."""
    office = office_for_user(user)
    qs = District.objects.select_related("province")
    if office is None or not user.is_active:
        return qs.none()
    if office.district_id:
        return qs.filter(pk=office.district_id)
    if office.province_id:
        return qs.filter(province_id=office.province_id)
    return qs


def household_get_by_code(*, user, reference_code: str) -> Household:
    """A household in the user's jurisdiction by its household number, e.g. 76-02-1234567."""
    household = Household.objects.filter(jurisdiction_q(user), reference_code=reference_code.strip()).first()
    if household is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND, field="household")
    return selectors.household_get(user=user, household_id=household.pk)


def household_assets(*, household: Household) -> QuerySet:
    """Assets of the household still held (not disposed of), with their owner."""
    return Asset.objects.filter(household=household, disposed_on__isnull=True).select_related("owner")


def household_attendance(*, members: list[Membership], months: int = 6) -> QuerySet:
    """Recent monthly school absence of the given members (the household's current ones), newest first."""
    person_ids = [m.person_id for m in members]
    return SchoolAttendance.objects.filter(person_id__in=person_ids).select_related("person")[: months * 10]


def identity_number_taken(*, national_id: str) -> bool:
    """Is a person with this identity number already registered (anywhere in the country)?"""
    return Person.objects.filter(national_id=national_id).exists()


def import_report_exported(*, user, batch) -> None:
    """Log the download of an import's report (its rows name the persons of the file): one access row."""
    access_record(
        actor=user,
        purpose=AccessPurpose.REGISTRATION,
        channel=AccessChannel.EXPORT,
        kind=AccessKind.EXPORT,
        obj=batch,
        count=len(batch.report or ()),
    )


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
    selectors.require_view(user, "registry.view_person")
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
