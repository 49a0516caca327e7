"""Writes of households: registering one with its members, and changing its address, dwelling and rent."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.geo.models import District
from refah.geo.services import neighbourhood_get_or_create
from refah.registry import enums, errors
from refah.registry.models import Household, Person
from refah.registry.services import checks
from refah.registry.services.members import _membership_open
from refah.registry.services.persons import _person_create

HOUSEHOLD_FIELDS = [
    "address_line",
    "phone",
    "dwelling_type",
    "tenure",
    "monthly_rent_kurus",
    "heating",
    "rooms",
]


@dataclass
class MemberInput:
    """One member of a household being registered: a new person's data (or an existing person)."""

    role: str
    person: Person | None = None
    person_data: dict = field(default_factory=dict)
    joined_on: dt.date | None = None


def _neighbourhood_name(name: str | None) -> str:
    if not name:  # a household always has a neighbourhood: a PATCH's null or "" cannot take it away
        raise ValidationError({"neighbourhood": errors.ERR_CANNOT_EMPTY})
    checks.visible_text("neighbourhood", Household._meta.get_field("neighbourhood").verbose_name, name)
    return name


def new_household_code(district: District) -> str:
    """Household number: province plate, district code and 7 random digits, e.g. 76-02-1234567."""
    return f"{district.province.plate:02d}-{district.pcode[-2:]}-{secrets.randbelow(10**7):07d}"


def _clean_household(household: Household) -> None:
    checks.visible_fields(household, ["address_line", "phone"])
    if household.district.province_id != household.province_id:
        raise ValidationError({"district": errors.ERR_DISTRICT_PROVINCE})
    if household.tenure != enums.Tenure.TENANT and household.monthly_rent_kurus:
        raise ValidationError({"monthly_rent_kurus": errors.ERR_RENT_NOT_TENANT})
    household.full_clean()


@transaction.atomic
def household_register(
    *,
    actor: AbstractBaseUser,
    district: District,
    neighbourhood: str,
    members: list[MemberInput],
    is_rural: bool = False,
    external_ref: str | None = None,
    **data,
) -> Household:
    """Register a household with its members; exactly one reference person; all or nothing."""
    checks.require(actor, "registry.add_household")
    checks.require_district(actor, district)
    if sum(1 for m in members if m.role == enums.Role.REFERENCE) != 1:
        raise ValidationError({"members": errors.ERR_NEEDS_REFERENCE})
    for m in members:
        if m.person is not None:
            checks.require_person_in_reach(actor, m.person)
    household = Household(
        province=district.province,
        district=district,
        neighbourhood=neighbourhood_get_or_create(
            district=district, name=_neighbourhood_name(neighbourhood), is_rural=is_rural
        ),
        registered_by=getattr(getattr(actor, "staff", None), "office", None),
        external_ref=external_ref,
        reference_code=new_household_code(district),
        **{k: v for k, v in data.items() if k in HOUSEHOLD_FIELDS},
    )
    _clean_household(household)
    household.save()
    checks.audit(
        actor=actor,
        action=AuditAction.HOUSEHOLD_REGISTER,
        obj=household,
        after=snapshot(household),
        household_id=household.pk,
    )
    today = timezone.localdate()
    for m in members:
        person = m.person or _person_create(actor=actor, data=m.person_data, household_id=household.pk)
        _membership_open(actor=actor, household=household, person=person, role=m.role, joined_on=m.joined_on or today)
    return household


@transaction.atomic
def household_update(*, actor, household: Household, data: dict) -> Household:
    """Change address details, dwelling, tenure, rent, heating or rooms; audited with before/after."""
    checks.require(actor, "registry.change_household")
    household = Household.objects.select_for_update().get(pk=household.pk)
    checks.require_district(actor, household.district)
    before = snapshot(household)
    if "district" in data and data["district"] != household.district:
        checks.require_district(actor, data["district"])
        household.district = data["district"]
        household.province = data["district"].province
    if "neighbourhood" in data:
        household.neighbourhood = neighbourhood_get_or_create(
            district=household.district, name=_neighbourhood_name(data["neighbourhood"])
        )
    checks.assign(household, data, HOUSEHOLD_FIELDS)
    _clean_household(household)
    household.save()
    checks.audit(
        actor=actor,
        action=AuditAction.HOUSEHOLD_UPDATE,
        obj=household,
        before=before,
        after=snapshot(household),
        household_id=household.pk,
    )
    return household
