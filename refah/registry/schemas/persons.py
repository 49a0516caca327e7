"""Persons in the API: a new person, a patch, and a person as shown (sensitive fields only to those who may see
them)."""

import datetime as dt
import uuid
from typing import ClassVar

from ninja import Field, Schema

from refah.common.schemas import ObjectIn
from refah.registry import enums, selectors
from refah.registry.schemas.finance import IncomeOut
from refah.registry.schemas.restricted import SENSITIVE_FIELDS, _Restricted
from refah.registry.schemas.values import IsoDate, PlaceOut


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


# A person's current household, as a person's answer names it (a comment: a docstring would show in OpenAPI).
class HouseholdRef(Schema):
    id: uuid.UUID
    reference_code: str
    district: PlaceOut


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
