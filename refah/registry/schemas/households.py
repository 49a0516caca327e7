"""Households in the API: registering one with its members, a patch, pages of them, and one with its members,
incomes and assets on a date."""

import datetime as dt
import uuid
from decimal import Decimal

from ninja import Field, Schema

from refah.common.money import kurus_to_tl
from refah.common.schemas import ObjectIn
from refah.registry import enums
from refah.registry.schemas.finance import AssetOut, IncomeOut
from refah.registry.schemas.members import HouseholdMemberIn, MemberOut
from refah.registry.schemas.values import Money, PlaceOut


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
