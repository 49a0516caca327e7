"""Fixtures of the aid card tests: a Merkez household with a card, a grocery shop with a terminal, a social market."""

import pytest

from refah.accounts.enums import Role
from refah.aidcard import services
from refah.aidcard.enums import MerchantKind
from refah.aidcard.models import MerchantCategory
from refah.registry.tests.factories import HouseholdFactory


@pytest.fixture
def finance(make_staff, office_merkez):
    return make_staff(office_merkez, Role.FINANCE)


@pytest.fixture
def household(db):
    return HouseholdFactory()


@pytest.fixture
def issued(finance, household):
    """(card, full number) of the household's card."""
    return services.card_issue(actor=finance, household=household)


@pytest.fixture
def card_number(issued) -> str:
    return issued[1]


@pytest.fixture
def shop(finance, merkez):
    """A grocery: takes food and general purses, not clothing or market points."""
    grocery = MerchantCategory.objects.get(code="5411")
    return services.merchant_create(
        actor=finance, name="Ağrı Bakkal", kind=MerchantKind.SHOP, district=merkez, categories=[grocery]
    )


@pytest.fixture
def other_shop(finance, merkez):
    clothing = MerchantCategory.objects.get(code="5651")
    return services.merchant_create(
        actor=finance, name="Aras Giyim", kind=MerchantKind.SHOP, district=merkez, categories=[clothing]
    )


@pytest.fixture
def market(finance, merkez):
    category = MerchantCategory.objects.get(code="SM01")
    return services.merchant_create(
        actor=finance,
        name="Iğdır Sosyal Market",
        kind=MerchantKind.SOCIAL_MARKET,
        district=merkez,
        categories=[category],
    )


def load(household, purse: str, amount: int, ref: str):
    return services.purse_load(actor=None, household=household, purse=purse, amount_kurus=amount, source_ref=ref)
