"""Factories and builders of the care tests: institutions written directly, persons of a given age and care need."""

import datetime as dt

import factory
from django.utils import timezone

from refah.care.enums import CareMode, InstitutionKind, Ownership
from refah.care.models import Institution
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory


class InstitutionFactory(factory.django.DjangoModelFactory):
    """A public elderly home of 60 places run by the directorate (pass `office=` and `district=`)."""

    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Huzurevi {n}")
    kind = InstitutionKind.ELDERLY_HOME
    ownership = Ownership.PUBLIC
    mode = CareMode.RESIDENTIAL
    capacity = 60
    province = factory.LazyAttribute(lambda o: o.district.province)


def born_years_ago(years: int) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def person_in(household, *, age: int, role=enums.Role.OTHER, **fields):
    person = PersonFactory(birth_date=born_years_ago(age), marital_status=enums.MaritalStatus.SINGLE, **fields)
    MembershipFactory(household=household, person=person, role=role)
    return person


def alone(district, *, age: int = 78, **fields):
    """A household of one: (household, person)."""
    household = HouseholdFactory(district=district)
    return household, person_in(household, age=age, role=enums.Role.REFERENCE, **fields)
