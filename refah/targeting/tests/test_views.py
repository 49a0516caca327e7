"""The /targeting/ screens and API: the model card, maker–checker on the screen, runs, a household's proposal in
the user's jurisdiction only (another district's household is not found), the read access-logged."""

import pytest
from django.urls import reverse

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent
from refah.registry.tests.factories import household_with_members
from refah.targeting import services
from refah.targeting.enums import ModelStatus

TR = {"HTTP_ACCEPT_LANGUAGE": "tr"}


@pytest.fixture
def scored(approved, manager, registry, merkez):
    return services.scoring_run_request(actor=manager, district_id=merkez.pk, run_now=True)


def test_the_screen_shows_models_card_and_runs_in_turkish(client, analyst, scored, approved):
    client.force_login(analyst)
    page = client.get(reverse("targeting:home"), **TR).content.decode()
    assert "Hedefleme modeli" in page and approved.version in page and "Puanlama çalışmaları" in page
    card = client.get(reverse("targeting:model_detail", args=[approved.pk]), **TR).content.decode()
    assert "Dışlama hatası" in card and "yayımlanan ihtiyaç puanı" in card and "<svg" in card
    assert "Gruplara göre hakkaniyet" in card and "kadın reisli" in card


def test_maker_checker_on_the_screen(client, artifact, manager, checker):
    model = services.targeting_model_register(actor=manager, artifact=artifact)
    client.force_login(manager)
    client.post(reverse("targeting:model_approve", args=[model.pk]), **TR)
    model.refresh_from_db()
    assert model.status == ModelStatus.DRAFT
    client.force_login(checker)
    client.post(reverse("targeting:model_approve", args=[model.pk]), **TR)
    model.refresh_from_db()
    assert model.status == ModelStatus.APPROVED


def test_a_households_proposal_is_in_the_jurisdiction_only_and_logged(
    client, analyst, scored, registry, make_staff, office_tuzluca, api_client_for
):
    household = registry[0]
    client.force_login(analyst)
    page = client.get(reverse("targeting:household", args=[household.pk]), **TR)
    assert page.status_code == 200 and "Tahmini en çok etkileyenler" in page.content.decode()
    assert AccessEvent.objects.filter(household_id=household.pk).exists()
    api = api_client_for(analyst).get(f"/api/v1/targeting/households/{household.pk}/proposal")
    assert api.status_code == 200 and len(api.json()["reasons"]) == 3 and api.json()["advisory"]
    other_analyst = make_staff(office_tuzluca, Role.ANALYST)
    client.force_login(other_analyst)
    assert client.get(reverse("targeting:household", args=[household.pk]), **TR).status_code == 404
    assert api_client_for(other_analyst).get(f"/api/v1/targeting/households/{household.pk}/proposal").status_code == 404


def test_another_districts_household_is_not_found(client, analyst, scored, merkez):
    from refah.geo.models import District

    elsewhere = household_with_members(District.objects.exclude(pk=merkez.pk).first())
    client.force_login(analyst)
    assert client.get(reverse("targeting:household", args=[elsewhere.pk]), **TR).status_code == 404


def test_api_lists_models_and_runs(api_client_for, analyst, scored, approved):
    client = api_client_for(analyst)
    assert [m["version"] for m in client.get("/api/v1/targeting/models").json()] == [approved.version]
    runs = client.get("/api/v1/targeting/runs").json()
    assert runs[0]["status"] == "done" and runs[0]["households"] == 12


def test_roles_without_the_permission_are_refused(client, caseworker, api_client_for):
    client.force_login(caseworker)
    assert client.get(reverse("targeting:home"), **TR).status_code == 403
    assert api_client_for(caseworker).get("/api/v1/targeting/models").status_code == 403
