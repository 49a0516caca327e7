"""Writes to the registry. Each runs in one transaction, checks jurisdiction and leaves an AuditEvent."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import capfirst

from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.signals import household_changed
from refah.common.text import fold, hidden_character
from refah.geo.models import District
from refah.geo.services import neighbourhood_get_or_create
from refah.registry import enums, errors, selectors
from refah.registry.identity import validate_foreign_id, validate_tc_kimlik_no
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, SchoolAttendance
from refah.registry.phones import normalise_mobile

PERSON_FIELDS = [
    "id_kind",
    "national_id",
    "first_name",
    "last_name",
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


def _audit(**kwargs) -> None:
    """Audit the change and tell other apps (eligibility) that the household changed."""
    audit_record(**kwargs)
    if kwargs.get("household_id"):
        household_changed.send(sender=None, household_id=kwargs["household_id"])


def _require(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def _require_district(actor, district: District) -> None:
    if not district_in_jurisdiction(actor, district):
        raise PermissionDeniedError(errors.ERR_OUTSIDE_JURISDICTION, field="district")


def _require_person_in_reach(actor, person: Person) -> None:
    """A person registered outside the actor's jurisdiction is "not found", exactly as the API answers it."""
    if not selectors.person_in_reach(user=actor, person=person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND, field="person")


def _not_future(value: dt.date | None, field_name: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field_name: errors.ERR_FUTURE_DATE})


def _visible_text(field: str, label, text: str | None) -> None:
    """Refuse bidi overrides, zero-width and other invisible characters in text that identifies a person or a
    household: they make a name or an address look like another one on screen, in lists and in exports."""
    char = hidden_character(text)
    if char:
        params = {"field": capfirst(label), "char": char}
        raise ValidationError(
            {field: ValidationError(errors.ERR_HIDDEN_CHARACTER, code="hidden_character", params=params)}
        )


def _visible_fields(obj, names: list[str]) -> None:
    for name in names:
        _visible_text(name, obj._meta.get_field(name).verbose_name, getattr(obj, name))


def _neighbourhood_name(name: str | None) -> str:
    if not name:  # a household always has a neighbourhood: a PATCH's null or "" cannot take it away
        raise ValidationError({"neighbourhood": errors.ERR_CANNOT_EMPTY})
    _visible_text("neighbourhood", Household._meta.get_field("neighbourhood").verbose_name, name)
    return name


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


def new_household_code(district: District) -> str:
    """Household number: province plate, district code and 7 random digits, e.g. 76-02-1234567."""
    return f"{district.province.plate:02d}-{district.pcode[-2:]}-{secrets.randbelow(10**7):07d}"


def _assign(instance, data: dict, fields: list[str]) -> None:
    """Set the fields that `data` names. None empties a field that may be empty and is refused for one that may
    not (a PATCH with "first_name": null), rather than reaching the database or the cleaning as None."""
    refused = {}
    for key in fields:
        if key not in data:
            continue
        value, field = data[key], instance._meta.get_field(key)
        if value is None and not field.null:
            if not (field.blank and field.empty_strings_allowed):
                refused[key] = errors.ERR_CANNOT_EMPTY
                continue
            value = ""
        setattr(instance, key, value)
    if refused:
        raise ValidationError(refused)


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
    _visible_fields(person, ["first_name", "last_name", "phone"])
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
    _audit(actor=actor, action=AuditAction.PERSON_CREATE, obj=person, after=snapshot(person), household_id=household_id)
    return person


def _clean_household(household: Household) -> None:
    _visible_fields(household, ["address_line", "phone"])
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
    _require(actor, "registry.add_household")
    _require_district(actor, district)
    if sum(1 for m in members if m.role == enums.Role.REFERENCE) != 1:
        raise ValidationError({"members": errors.ERR_NEEDS_REFERENCE})
    for m in members:
        if m.person is not None:
            _require_person_in_reach(actor, m.person)
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
    _audit(
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
    _require(actor, "registry.change_household")
    household = Household.objects.select_for_update().get(pk=household.pk)
    _require_district(actor, household.district)
    before = snapshot(household)
    if "district" in data and data["district"] != household.district:
        _require_district(actor, data["district"])
        household.district = data["district"]
        household.province = data["district"].province
    if "neighbourhood" in data:
        household.neighbourhood = neighbourhood_get_or_create(
            district=household.district, name=_neighbourhood_name(data["neighbourhood"])
        )
    _assign(household, data, HOUSEHOLD_FIELDS)
    _clean_household(household)
    household.save()
    _audit(
        actor=actor,
        action=AuditAction.HOUSEHOLD_UPDATE,
        obj=household,
        before=before,
        after=snapshot(household),
        household_id=household.pk,
    )
    return household


@transaction.atomic
def person_update(*, actor, person: Person, data: dict) -> Person:
    """Correct or update a person's data (identity number included, re-validated)."""
    _require(actor, "registry.change_person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    membership = person.memberships.filter(left_on__isnull=True).select_related("household__district").first()
    if membership:
        _require_district(actor, membership.household.district)
    else:
        _require_person_in_reach(actor, person)  # without a household, their last one decides
    before = snapshot(person)
    _assign(person, data, PERSON_FIELDS)
    _clean_person(person, phone_before=before["phone"])
    person.save()
    _audit(
        actor=actor,
        action=AuditAction.PERSON_UPDATE,
        obj=person,
        before=before,
        after=snapshot(person),
        household_id=membership.household_id if membership else None,
    )
    return person


def _membership_open(*, actor, household: Household, person: Person, role: str, joined_on: dt.date) -> Membership:
    _not_future(joined_on, "joined_on")
    if Membership.objects.filter(person=person, left_on__isnull=True).exists():
        raise ConflictError(errors.ERR_ALREADY_MEMBER, field="person")
    if (
        role == enums.Role.REFERENCE
        and household.memberships.filter(left_on__isnull=True, role=enums.Role.REFERENCE).exists()
    ):
        raise ConflictError(errors.ERR_SECOND_REFERENCE, field="role")
    membership = Membership(household=household, person=person, role=role, joined_on=joined_on)
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ConflictError(errors.ERR_ALREADY_MEMBER, field="person") from exc
    _audit(
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
    _require(actor, "registry.add_membership")
    _require_district(actor, household.district)
    if person is None:
        _require(actor, "registry.add_person")
        person = _person_create(actor=actor, data=person_data or {}, household_id=household.pk)
    else:
        _require_person_in_reach(actor, person)
    return _membership_open(
        actor=actor, household=household, person=person, role=role, joined_on=joined_on or timezone.localdate()
    )


@transaction.atomic
def member_remove(*, actor, membership: Membership, left_on: dt.date, reason: str) -> Membership:
    """End a membership on a date (death, marriage, moving out…). History is kept."""
    _require(actor, "registry.change_membership")
    membership = Membership.objects.select_for_update().select_related("household__district").get(pk=membership.pk)
    _require_district(actor, membership.household.district)
    if membership.left_on is not None:
        raise ConflictError(errors.ERR_NOT_CURRENT_MEMBER, field="membership")
    _not_future(left_on, "left_on")
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": errors.ERR_LEFT_BEFORE_JOINED})
    before = snapshot(membership)
    membership.left_on, membership.left_reason = left_on, reason
    membership.save(update_fields=["left_on", "left_reason", "updated_at"])
    _audit(
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
    _require(actor, "registry.change_membership")
    _require_district(actor, to_household.district)
    _require_person_in_reach(actor, person)
    current = Membership.objects.select_for_update().filter(person=person, left_on__isnull=True).first()
    if current is not None:
        if current.household_id == to_household.pk:
            raise ConflictError(errors.ERR_SAME_HOUSEHOLD, field="household")
        member_remove(actor=actor, membership=current, left_on=on_date, reason=reason or "moved")
    return _membership_open(actor=actor, household=to_household, person=person, role=role, joined_on=on_date)


def _person_household_id(actor, person: Person):
    membership = person.memberships.filter(left_on__isnull=True).select_related("household__district").first()
    if membership is None:
        raise RefahError(errors.ERR_NOT_CURRENT_MEMBER, field="person")
    _require_district(actor, membership.household.district)
    return membership.household_id


@transaction.atomic
def income_record(
    *,
    actor,
    person: Person,
    kind: str,
    amount_kurus: int,
    period: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    source: str = enums.DataSource.DECLARED,
    note: str = "",
) -> IncomeSource:
    """Record an income of a person (amount in integer kuruş)."""
    _require(actor, "registry.add_incomesource")
    household_id = _person_household_id(actor, person)
    if not isinstance(amount_kurus, int) or amount_kurus < 0:
        raise ValidationError({"amount_kurus": errors.ERR_NEGATIVE_AMOUNT})
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": errors.ERR_END_BEFORE_START})
    income = IncomeSource(
        person=person,
        kind=kind,
        amount_kurus=amount_kurus,
        period=period,
        start_date=start_date,
        end_date=end_date,
        source=source,
        note=note,
    )
    income.full_clean()
    income.save()
    _audit(actor=actor, action=AuditAction.INCOME_RECORD, obj=income, after=snapshot(income), household_id=household_id)
    return income


@transaction.atomic
def income_end(*, actor, income: IncomeSource, end_date: dt.date) -> IncomeSource:
    """Close an income on a date (job lost, pension stopped)."""
    _require(actor, "registry.change_incomesource")
    income = IncomeSource.objects.select_for_update().get(pk=income.pk)
    household_id = _person_household_id(actor, income.person)
    if end_date < income.start_date:
        raise ValidationError({"end_date": errors.ERR_END_BEFORE_START})
    before = snapshot(income)
    income.end_date = end_date
    income.save(update_fields=["end_date", "updated_at"])
    _audit(
        actor=actor,
        action=AuditAction.INCOME_END,
        obj=income,
        before=before,
        after=snapshot(income),
        household_id=household_id,
    )
    return income


@transaction.atomic
def asset_record(
    *,
    actor,
    household: Household,
    kind: str,
    value_kurus: int,
    description: str = "",
    owner: Person | None = None,
    acquired_on: dt.date | None = None,
    source: str = enums.DataSource.DECLARED,
) -> Asset:
    """Record an asset of the household (vehicle, real estate, land…) with its value in kuruş."""
    _require(actor, "registry.add_asset")
    _require_district(actor, household.district)
    if not isinstance(value_kurus, int) or value_kurus < 0:
        raise ValidationError({"value_kurus": errors.ERR_NEGATIVE_AMOUNT})
    asset = Asset(
        household=household,
        owner=owner,
        kind=kind,
        value_kurus=value_kurus,
        description=description,
        acquired_on=acquired_on,
        source=source,
    )
    asset.full_clean()
    asset.save()
    _audit(actor=actor, action=AuditAction.ASSET_RECORD, obj=asset, after=snapshot(asset), household_id=household.pk)
    return asset


@transaction.atomic
def attendance_record(*, actor, person: Person, month: dt.date, absence_days: int) -> SchoolAttendance:
    """Record (or correct) a child's absence days for a month."""
    _require(actor, "registry.add_schoolattendance")
    household_id = _person_household_id(actor, person)
    if not 0 <= absence_days <= 31:
        raise ValidationError({"absence_days": errors.ERR_SCHOOL_AGE})
    month = month.replace(day=1)
    existing = SchoolAttendance.objects.filter(person=person, month=month).first()
    before = snapshot(existing)
    row, _ = SchoolAttendance.objects.update_or_create(
        person=person, month=month, defaults={"absence_days": absence_days}
    )
    _audit(
        actor=actor,
        action=AuditAction.ATTENDANCE_RECORD,
        obj=row,
        before=before,
        after=snapshot(row),
        household_id=household_id,
    )
    return row
