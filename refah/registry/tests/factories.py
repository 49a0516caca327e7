"""factory_boy factories for the registry. They write rows directly: use services to test services."""

import datetime as dt
import random

import factory

from refah.common.text import fold
from refah.geo.models import District, Neighbourhood
from refah.registry import enums
from refah.registry.identity import make_identity_number
from refah.registry.models import Household, IncomeSource, Membership, Person


def valid_tc(rng: random.Random | None = None) -> str:
    rng = rng or random
    first9 = str(rng.randint(1, 9)) + str(rng.randint(0, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    if first9.startswith("99"):
        first9 = "1" + first9[1:]
    return make_identity_number(first9)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    id_kind = enums.IdKind.TC
    national_id = factory.LazyFunction(valid_tc)
    internal_id = factory.Sequence(lambda n: f"R{n:010d}")
    first_name = factory.Iterator(["Ayşe", "Fatma", "Emine", "Şükrü", "İbrahim", "Ömer", "Gülşen", "Çağrı"])
    last_name = factory.Iterator(["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Işık", "Doğan"])
    name_folded = factory.LazyAttribute(lambda o: fold(f"{o.first_name} {o.last_name}"))
    birth_date = dt.date(1985, 5, 17)
    sex = enums.Sex.FEMALE
    marital_status = enums.MaritalStatus.MARRIED
    employment_status = enums.EmploymentStatus.HOMEMAKER


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("district", "name_folded")

    district = factory.LazyFunction(lambda: District.objects.get(pcode="TUR076002"))
    name = "BAĞLAR"
    name_folded = factory.LazyAttribute(lambda o: fold(o.name))


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    reference_code = factory.Sequence(lambda n: f"76-02-{n:07d}")
    district = factory.LazyFunction(lambda: District.objects.get(pcode="TUR076002"))
    province = factory.LazyAttribute(lambda o: o.district.province)
    neighbourhood = factory.LazyAttribute(lambda o: NeighbourhoodFactory(district=o.district))
    dwelling_type = enums.DwellingType.APARTMENT
    tenure = enums.Tenure.OWNER
    heating = enums.Heating.STOVE_COAL


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)
    role = enums.Role.REFERENCE
    joined_on = dt.date(2020, 1, 1)


class IncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeSource

    person = factory.SubFactory(PersonFactory)
    kind = enums.IncomeKind.WAGE
    amount_kurus = 1_500_000
    period = enums.IncomePeriod.MONTHLY
    start_date = dt.date(2024, 1, 1)
    source = enums.DataSource.DECLARED


def household_with_members(district: District | None = None, *, children: int = 2) -> Household:
    """A household with a reference person, a spouse and some children (rows written directly)."""
    household = HouseholdFactory(**({"district": district} if district else {}))
    MembershipFactory(
        household=household,
        role=enums.Role.REFERENCE,
        person=PersonFactory(sex=enums.Sex.MALE, first_name="Mehmet", employment_status="unemployed"),
    )
    MembershipFactory(household=household, role=enums.Role.SPOUSE, person=PersonFactory(sex=enums.Sex.FEMALE))
    for i in range(children):
        MembershipFactory(
            household=household,
            role=enums.Role.CHILD,
            person=PersonFactory(
                birth_date=dt.date(2015 + i, 3, 1),
                marital_status=enums.MaritalStatus.SINGLE,
                employment_status=enums.EmploymentStatus.CHILD,
                school_level=enums.SchoolLevel.PRIMARY,
            ),
        )
    return household
