"""A household's means in the API: members' incomes and the household's assets."""

import datetime as dt
import uuid

from ninja import Field, Schema

from refah.common.money import kurus_to_tl
from refah.common.schemas import ObjectIn
from refah.registry import enums
from refah.registry.schemas.values import IsoDate, Money


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


class IncomeIn(ObjectIn):
    kind: enums.IncomeKind
    amount: Money
    period: enums.IncomePeriod = enums.IncomePeriod.MONTHLY
    start_date: IsoDate
    end_date: IsoDate | None = None
    source: enums.DataSource = enums.DataSource.DECLARED
    note: str = Field("", max_length=200)


class HouseholdAssetIn(ObjectIn):
    kind: enums.AssetKind
    value: Money
    description: str = Field("", max_length=200)
    owner_id: uuid.UUID | None = Field(None, description="A current member of the household.")
    acquired_on: IsoDate | None = None
    source: enums.DataSource = enums.DataSource.DECLARED


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
