"""GET /api/v1/registry/households/{id}: the hand-written SQL answer equals the response schema's own output.

The endpoint builds its JSON without the ORM and without validating through HouseholdDetail (see
refah/registry/selectors/household_json.py); here both are computed for varied synthetic households, users with and
without the sensitive-data permission, today and past dates, and must be the same document.
"""

import datetime as dt
import json

import pytest
from django.test import RequestFactory

from refah.accounts.enums import Role
from refah.registry import selectors
from refah.registry.models import Asset, Household, IncomeSource, Membership
from refah.registry.schemas import SENSITIVE_FIELDS, HouseholdDetail
from refah.registry.tests.factories import IncomeFactory, household_with_members
from refah.synth.generate import generate
from refah.synth.load import load_batches

pytestmark = pytest.mark.django_db

URL = "/api/v1/registry/households/{}"


def schema_answer(user, household_id, on=None) -> dict:
    """What the endpoint answered before: the ORM selector validated and dumped through HouseholdDetail."""
    request = RequestFactory().get("/")
    request.user = user
    household = selectors.household_detail(user=user, household_id=household_id, on=on)
    data = HouseholdDetail.from_orm(household, context={"request": request}).model_dump()
    from ninja.responses import NinjaJSONEncoder

    return json.loads(json.dumps(data, cls=NinjaJSONEncoder))


@pytest.fixture
def synthetic(db):
    load_batches(generate(provinces=[76], households=40, seed=5), seed=5)
    return list(Household.objects.order_by("reference_code"))


@pytest.mark.parametrize("sensitive", [False, True])
def test_same_document_as_the_schema(synthetic, make_staff, office_province, api_client_for, sensitive):
    roles = [Role.CASEWORKER, Role.INSPECTOR] if sensitive else [Role.ANALYST]
    user = make_staff(office_province, *roles)
    assert user.has_perm("registry.view_sensitive_person") is sensitive
    client = api_client_for(user)
    households = synthetic[:25]
    # Vary what the synthetic data lacks: assets bought and sold, ended incomes, a member who left.
    first = households[0]
    member = first.memberships.filter(left_on__isnull=True).first()
    Asset.objects.create(
        household=first, kind="vehicle", value_kurus=45_000_000, acquired_on=dt.date(2020, 1, 1), source="declared"
    )
    Asset.objects.create(
        household=first,
        kind="land",
        value_kurus=1_234_567,
        owner=member.person,
        disposed_on=dt.date(2023, 6, 1),
        source="tapu",
    )
    IncomeFactory(person=member.person, amount_kurus=1_200_001, period="yearly", end_date=dt.date(2024, 12, 31))
    IncomeFactory(person=member.person, amount_kurus=99, period="one_off", start_date=dt.date(2025, 2, 1))
    Membership.objects.filter(pk=member.pk).update(left_on=dt.date(2025, 1, 1))
    assert IncomeSource.objects.filter(person__memberships__household__in=households).exists()
    for household in households:
        for on in (None, dt.date(2023, 1, 1), dt.date(2025, 1, 1)):
            url = URL.format(household.pk) + (f"?on={on}" if on else "")
            response = client.get(url)
            assert response.status_code == 200, response.content
            assert response["Content-Type"] == "application/json; charset=utf-8"
            assert response.json() == schema_answer(user, household.pk, on), (household.reference_code, on)
    shown = client.get(URL.format(first.pk)).json()
    assert shown["members"] and all((m["person"].keys() >= SENSITIVE_FIELDS) is sensitive for m in shown["members"])


def test_sensitive_values_and_money(make_staff, office_merkez, merkez, api_client_for):
    household = household_with_members(merkez, children=1)
    person = household.memberships.get(role="spouse").person
    person.disability_percent, person.dependency, person.chronic_illness = 62, "full", True
    person.save()
    IncomeFactory(person=person, amount_kurus=1_200_005, period="yearly")
    user = make_staff(office_merkez, Role.CASEWORKER, Role.INSPECTOR)
    body = api_client_for(user).get(URL.format(household.pk)).json()
    shown = next(m["person"] for m in body["members"] if m["person"]["id"] == str(person.pk))
    assert (shown["disability_percent"], shown["dependency"], shown["chronic_illness"]) == (62, "full", True)
    assert body["incomes"][0]["amount"] == "12000.05"
    assert body["incomes"][0]["monthly_equivalent"] == "1000.00"
    assert body["monthly_income_total"] == "1000.00"
    assert body == schema_answer(user, household.pk)


def test_outside_jurisdiction_wrong_id_and_no_permission(
    make_staff, office_merkez, office_tuzluca, merkez, api_client_for
):
    household = household_with_members(merkez)
    outsider = api_client_for(make_staff(office_tuzluca, Role.CASEWORKER))
    for url in (URL.format(household.pk), URL.format("not-a-uuid"), URL.format("0" * 32)):
        response = outsider.get(url)
        assert response.status_code == 404
        assert response.json()["errors"][0]["reason"] == response.json()["detail"] == "Hane bulunamadı."
    without_roles = make_staff(office_merkez, Role.CASEWORKER)
    without_roles.groups.clear()
    assert api_client_for(without_roles).get(URL.format(household.pk)).status_code == 403
    inside = api_client_for(make_staff(office_merkez, Role.CASEWORKER))
    assert inside.get(URL.format(household.pk)).status_code == 200
    assert inside.get(URL.format(household.pk), headers={"Authorization": "Bearer wrong"}).status_code == 401
