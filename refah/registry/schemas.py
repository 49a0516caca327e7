"""In/Out schemas of the registry API.

Money travels as TL strings with two decimals ("12500.00"), never as JSON floats; dates are ISO;
choice fields are the registry codes of `refah.registry.enums`. Health and disability fields
are dumped only for users who may see them (KVKK special category).
"""

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Annotated, ClassVar

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import (
    BeforeValidator,
    PlainSerializer,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from refah.audit.services import changed_fields
from refah.common.money import kurus_to_tl
from refah.common.schemas import ErrorItem, ErrorOut, ObjectIn  # noqa: F401 — re-exported for the apps' routers
from refah.registry import enums, selectors

_MONEY_PATTERN = r"^[0-9]{1,13}(\.[0-9]{1,2})?$"
_MONEY_TEXT = re.compile(_MONEY_PATTERN.removeprefix("^").removesuffix("$"))  # [0-9]: \d would take "٣٥٠٠"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _money_in(value):
    if isinstance(value, (int, float)):  # bool is an int too; the schema says string, so every JSON number is refused
        code = "money_number" if isinstance(value, int) and not isinstance(value, bool) else "money_float"
        raise PydanticCustomError(code, _('Send amounts as a string in TL with at most two decimals, e.g. "12500.00".'))
    if isinstance(value, str):
        if not _MONEY_TEXT.fullmatch(value):
            raise PydanticCustomError(
                "money_format", _('Not an amount in TL: use digits with at most two decimals, e.g. "12500.00".')
            )
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite() and value >= 0 and value.as_tuple().exponent >= -2:
        return value
    raise PydanticCustomError("money_format", _("Not an amount in TL."))


def _money_out(value: Decimal) -> str:
    return f"{value:.2f}"


Money = Annotated[
    Decimal,
    BeforeValidator(_money_in),
    PlainSerializer(_money_out, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _MONEY_PATTERN,
            "examples": ["12500.00"],
            "description": "TL as a string of the digits 0-9 with at most two decimals; JSON numbers are rejected.",
        }
    ),
]


def _date_in(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_format", _("Not a valid date: use YYYY-MM-DD."))


IsoDate = Annotated[dt.date, BeforeValidator(_date_in)]

SENSITIVE_FIELDS = frozenset({"health_insurance", "disability_percent", "dependency", "chronic_illness", "pregnant"})


def _viewer(info: ValidationInfo):
    request = (info.context or {}).get("request")
    return getattr(request, "user", None)


# ---------------------------------------------------------------- errors


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}


# ---------------------------------------------------------------- persons


def _person_data(data: dict) -> dict:
    if "education_level" in data:
        data["education_level"] = data["education_level"] or ""
    return data


class _PersonFields(ObjectIn):
    """Fields shared by new persons and patches (all optional here)."""

    national_id: str | None = Field(None, max_length=11, description="TC Kimlik No or foreigner's 99… number.")
    nationality: str = Field("TR", pattern=r"^[A-Z]{2}$")
    protection_status: enums.ProtectionStatus = enums.ProtectionStatus.CITIZEN
    education_level: enums.EducationLevel | None = None
    social_security: enums.SocialSecurity = enums.SocialSecurity.NONE
    health_insurance: enums.HealthInsurance = enums.HealthInsurance.GSS_STATE
    disability_percent: int = Field(0, ge=0, le=100)
    dependency: enums.Dependency = enums.Dependency.NONE
    chronic_illness: bool = False
    pregnant: bool = False
    school_level: enums.SchoolLevel = enums.SchoolLevel.NONE
    school_grade: int | None = Field(None, ge=1, le=12)
    phone: str = Field("", max_length=20)
    deceased_on: IsoDate | None = None

    def service_data(self) -> dict:
        """All fields, defaults included, as registry.services expects them."""
        return _person_data(self.model_dump())


class PersonIn(_PersonFields):
    id_kind: enums.IdKind = enums.IdKind.TC
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    birth_date: IsoDate
    sex: enums.Sex
    marital_status: enums.MaritalStatus
    employment_status: enums.EmploymentStatus


class PersonPatch(ObjectIn):
    """Only the fields sent are changed; an identity number is validated again."""

    id_kind: enums.IdKind | None = None
    national_id: str | None = Field(None, max_length=11)
    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    birth_date: IsoDate | None = None
    sex: enums.Sex | None = None
    nationality: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    protection_status: enums.ProtectionStatus | None = None
    marital_status: enums.MaritalStatus | None = None
    education_level: enums.EducationLevel | None = None
    employment_status: enums.EmploymentStatus | None = None
    social_security: enums.SocialSecurity | None = None
    health_insurance: enums.HealthInsurance | None = None
    disability_percent: int | None = Field(None, ge=0, le=100)
    dependency: enums.Dependency | None = None
    chronic_illness: bool | None = None
    pregnant: bool | None = None
    school_level: enums.SchoolLevel | None = None
    school_grade: int | None = Field(None, ge=1, le=12)
    phone: str | None = Field(None, max_length=20)
    deceased_on: IsoDate | None = None

    def service_data(self) -> dict:
        """Only the fields that were sent."""
        return _person_data(self.model_dump(exclude_unset=True))


class _Restricted(Schema):
    """A schema whose RESTRICTED fields are dumped only when the request's user may see them."""

    RESTRICTED: ClassVar[frozenset[str]] = frozenset()
    _show_restricted: bool = PrivateAttr(False)

    @staticmethod
    def may_see(user) -> bool:
        return False

    @model_validator(mode="after")
    def _check_viewer(self, info: ValidationInfo):
        user = _viewer(info)
        self._show_restricted = user is not None and self.may_see(user)
        return self

    @model_serializer(mode="wrap")
    def _omit_restricted(self, handler):
        data = handler(self)
        if not self._show_restricted:
            for name in self.RESTRICTED:
                data.pop(name, None)
        return data


class PersonBrief(Schema):
    id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: dt.date
    sex: enums.Sex


class PersonOut(_Restricted, PersonBrief):
    """A person. health_insurance, disability_percent, dependency, chronic_illness and pregnant
    are present only for users with the `registry.view_sensitive_person` permission."""

    RESTRICTED: ClassVar[frozenset[str]] = SENSITIVE_FIELDS

    id_kind: enums.IdKind
    national_id: str | None
    internal_id: str
    nationality: str
    protection_status: enums.ProtectionStatus
    marital_status: enums.MaritalStatus
    education_level: enums.EducationLevel | None
    employment_status: enums.EmploymentStatus
    social_security: enums.SocialSecurity
    school_level: enums.SchoolLevel
    school_grade: int | None
    phone: str
    deceased_on: dt.date | None
    health_insurance: enums.HealthInsurance | None = None
    disability_percent: int | None = None
    dependency: enums.Dependency | None = None
    chronic_illness: bool | None = None
    pregnant: bool | None = None

    @staticmethod
    def may_see(user) -> bool:
        return selectors.can_view_sensitive(user)

    @staticmethod
    def resolve_education_level(obj):
        return obj.education_level or None


class PlaceOut(Schema):
    pcode: str
    name: str


class HouseholdRef(Schema):
    id: uuid.UUID
    reference_code: str
    district: PlaceOut


class IncomeOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    kind: enums.IncomeKind
    amount: Money
    period: enums.IncomePeriod
    monthly_equivalent: Money = Field(description="Monthly amount: yearly and one-off incomes divided by 12.")
    start_date: dt.date
    end_date: dt.date | None
    source: enums.DataSource
    note: str

    @staticmethod
    def resolve_amount(obj):
        return kurus_to_tl(obj.amount_kurus)

    @staticmethod
    def resolve_monthly_equivalent(obj):
        return kurus_to_tl(obj.monthly_kurus())


class PersonListItem(PersonOut):
    current_household: HouseholdRef | None = None
    role: enums.Role | None = None

    @staticmethod
    def resolve_current_household(obj):
        current = getattr(obj, "current_memberships", None)
        return current[0].household if current else None

    @staticmethod
    def resolve_role(obj):
        current = getattr(obj, "current_memberships", None)
        return current[0].role if current else None


class PersonDetail(PersonListItem):
    incomes: list[IncomeOut]

    @staticmethod
    def resolve_incomes(obj):
        return obj.incomes.all()


class PersonPage(Schema):
    count: int
    items: list[PersonListItem]


class IncomeIn(ObjectIn):
    kind: enums.IncomeKind
    amount: Money
    period: enums.IncomePeriod = enums.IncomePeriod.MONTHLY
    start_date: IsoDate
    end_date: IsoDate | None = None
    source: enums.DataSource = enums.DataSource.DECLARED
    note: str = Field("", max_length=200)


class MoveIn(ObjectIn):
    to_household_id: uuid.UUID
    role: enums.Role
    on_date: IsoDate
    reason: str = Field("", max_length=200)


# ---------------------------------------------------------------- households and memberships


class HouseholdMemberIn(ObjectIn):
    """A member: either an existing person (`person_id`) or a new one (`person`)."""

    role: enums.Role
    joined_on: IsoDate | None = None
    person_id: uuid.UUID | None = None
    person: PersonIn | None = None

    @model_validator(mode="after")
    def _one_person(self):
        if (self.person_id is None) == (self.person is None):
            raise PydanticCustomError("person_xor_id", _("Give either person_id or person, not both or neither."))
        return self


class HouseholdIn(ObjectIn):
    district: str = Field(max_length=9, description="District pcode, e.g. TUR076002 (Iğdır Merkez).")
    neighbourhood: str = Field(min_length=1, max_length=100)
    is_rural: bool = False
    address_line: str = Field("", max_length=250)
    phone: str = Field("", max_length=20)
    dwelling_type: enums.DwellingType
    tenure: enums.Tenure
    monthly_rent: Money = Decimal(0)
    heating: enums.Heating
    rooms: int = Field(2, ge=1, le=50)
    external_ref: str | None = Field(None, max_length=64)
    members: list[HouseholdMemberIn] = Field(min_length=1, max_length=40)


class HouseholdPatch(ObjectIn):
    district: str | None = Field(None, max_length=9, description="District pcode.")
    neighbourhood: str | None = Field(None, min_length=1, max_length=100)
    address_line: str | None = Field(None, max_length=250)
    phone: str | None = Field(None, max_length=20)
    dwelling_type: enums.DwellingType | None = None
    tenure: enums.Tenure | None = None
    monthly_rent: Money | None = None
    heating: enums.Heating | None = None
    rooms: int | None = Field(None, ge=1, le=50)


class MembershipIn(ObjectIn):
    """Add a member to a household: an existing person (`person_id`) or a new one (`person`)."""

    role: enums.Role
    joined_on: IsoDate | None = None
    person_id: uuid.UUID | None = None
    person: PersonIn | None = None

    _one_person = HouseholdMemberIn._one_person


class MembershipEndIn(ObjectIn):
    left_on: IsoDate
    reason: str = Field(min_length=1, max_length=200)


class HouseholdAssetIn(ObjectIn):
    kind: enums.AssetKind
    value: Money
    description: str = Field("", max_length=200)
    owner_id: uuid.UUID | None = Field(None, description="A current member of the household.")
    acquired_on: IsoDate | None = None
    source: enums.DataSource = enums.DataSource.DECLARED


class MembershipOut(Schema):
    id: uuid.UUID
    household_id: uuid.UUID
    role: enums.Role
    joined_on: dt.date
    left_on: dt.date | None
    left_reason: str
    person: PersonBrief


class MemberOut(MembershipOut):
    age: int = Field(description="Age in whole years on the date asked for.")
    person: PersonOut


class AssetOut(Schema):
    id: uuid.UUID
    kind: enums.AssetKind
    description: str
    value: Money
    owner_id: uuid.UUID | None
    acquired_on: dt.date | None
    disposed_on: dt.date | None
    source: enums.DataSource

    @staticmethod
    def resolve_value(obj):
        return kurus_to_tl(obj.value_kurus)


class HouseholdSummary(Schema):
    id: uuid.UUID
    reference_code: str
    province: PlaceOut
    district: PlaceOut
    neighbourhood: str
    address_line: str
    size: int = Field(description="Number of current members.")
    created_at: dt.datetime

    @staticmethod
    def resolve_neighbourhood(obj):
        return obj.neighbourhood.name


class HouseholdPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, or null on the last one.")
    items: list[HouseholdSummary]

    @staticmethod
    def resolve_next(obj, context):
        if not obj.has_next:
            return None
        request = context["request"]
        query = request.GET.copy()
        query["page"] = obj.page + 1
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class HouseholdDetail(Schema):
    id: uuid.UUID
    reference_code: str
    province: PlaceOut
    district: PlaceOut
    neighbourhood: str
    address_line: str
    phone: str
    dwelling_type: enums.DwellingType
    tenure: enums.Tenure
    monthly_rent: Money
    heating: enums.Heating
    rooms: int
    registered_by: str | None = Field(description="Name of the office that registered the household.")
    external_ref: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    on: dt.date = Field(description="The date the members, incomes and assets are given for.")
    members: list[MemberOut]
    incomes: list[IncomeOut]
    monthly_income_total: Money
    assets: list[AssetOut]

    @staticmethod
    def resolve_neighbourhood(obj):
        return obj.neighbourhood.name

    @staticmethod
    def resolve_monthly_rent(obj):
        return kurus_to_tl(obj.monthly_rent_kurus)

    @staticmethod
    def resolve_registered_by(obj):
        return obj.registered_by.name if obj.registered_by else None

    @staticmethod
    def resolve_on(obj):
        return obj.on_date

    @staticmethod
    def resolve_members(obj):
        return obj.members_on_date

    @staticmethod
    def resolve_incomes(obj):
        return obj.incomes_on_date

    @staticmethod
    def resolve_assets(obj):
        return obj.assets_on_date

    @staticmethod
    def resolve_monthly_income_total(obj):
        return kurus_to_tl(sum(i.monthly_kurus() for i in obj.incomes_on_date))


class AuditEventOut(_Restricted):
    """An audit event. `before`, `after` and `note` are present only for auditors."""

    RESTRICTED: ClassVar[frozenset[str]] = frozenset({"before", "after", "note"})

    id: int
    at: dt.datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    request_id: str
    changed: list[str] = Field(
        description="Names of the fields that changed (health and disability ones only for those who may see them)."
    )
    before: dict | None = None
    after: dict | None = None
    note: str | None = None

    @staticmethod
    def may_see(user) -> bool:
        return user.has_perm("audit.view_auditevent")

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_label

    @staticmethod
    def resolve_changed(obj, context):
        names = sorted(set(changed_fields(obj.before, obj.after)) - {"updated_at", "created_at", "name_folded"})
        user = context["request"].user
        if not selectors.can_view_sensitive(user):
            names = [n for n in names if n not in SENSITIVE_FIELDS]
        return names
