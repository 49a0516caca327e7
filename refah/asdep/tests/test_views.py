"""The screens: today's visits, the checklist (a refusal keeps the answers, with its fields), the visit page, the
rounds, the plan, the proposals, the risk profile; the household page's lines; who may open what."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from refah.accounts.enums import Role
from refah.asdep.models import Round, Visit
from refah.asdep.tests.conftest import all_no, elderly_alone, family, plan
from refah.casework.household_services import household_service_lines
from refah.casework.models import Referral

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round_(office_merkez, planner, workers, baglar):
    elderly_alone(baglar)
    family(baglar)
    return plan(planner, office_merkez, [baglar], [workers])


def _form(answers: dict, **extra) -> dict:
    data = {"outcome": "visited", "visited_on": timezone.localdate().isoformat(), "note": ""}
    data |= {f"answers.{code}": value for code, value in answers.items()}
    return data | extra


def test_worker_sees_today_and_records_the_checklist(round_, workers, catalogue):
    worker = client_for(workers[0])
    home = worker.get(reverse("asdep:home"))
    assert home.status_code == 200 and home.content.decode().count('data-visit="') == 2
    visit = round_.visits.get(household__memberships__person__first_name="Hatice")
    form = worker.get(reverse("asdep:visit_form", args=[visit.pk]))
    assert form.status_code == 200 and "elderly_alone" in form.content.decode()
    answers = all_no(elderly_alone="yes")
    del answers["income_debt"]
    refused = worker.post(reverse("asdep:visit_form", args=[visit.pk]), _form(answers))
    page = refused.content.decode()
    assert refused.status_code == 400
    assert 'value="yes" required id="id_answers.elderly_alone_0" checked' in page or (
        'id="id_answers.elderly_alone_0" checked' in page
        or 'value="yes" id="id_answers.elderly_alone_0" checked' in page
    )
    assert not Referral.objects.exists()
    done = worker.post(
        reverse("asdep:visit_form", args=[visit.pk]),
        _form(all_no(elderly_alone="yes"), **{"risks.elderly_care.severity": "high"}),
    )
    assert done.status_code == 302
    assert Referral.objects.get().service.kind == "elderly_care"
    detail = worker.get(done["Location"]).content.decode()
    assert "Merkez elderly_care" in detail and "data-visit-recorded" in detail


def test_refused_checklist_is_in_turkish(round_, workers, catalogue):
    worker = client_for(workers[0])
    visit = round_.visits.first()
    answers = all_no(housing_unsafe="yes")
    page = worker.post(
        reverse("asdep:visit_form", args=[visit.pk]), _form(answers), headers={"Accept-Language": "tr"}
    ).content.decode()
    assert "Bulunan bir riskin önem derecesini seçin." in page


def test_planner_screens(round_, planner, baglar):
    client = client_for(planner)
    assert client.get(reverse("asdep:round_detail", args=[round_.pk])).status_code == 200
    page = client.get(reverse("asdep:round_plan")).content.decode()
    assert "BAĞLAR" in page
    closed = client.post(reverse("asdep:round_detail", args=[round_.pk]))
    assert closed.status_code == 302 and Round.objects.get().status == "done"
    proposals = client.get(reverse("asdep:proposals")).content.decode()
    assert "Yalnız yaşayan yaşlı" in proposals  # its visit was not made: proposed again


def test_plan_through_the_screen(planner, workers, baglar):
    family(baglar)
    today = timezone.localdate().isoformat()
    data = {
        "name": "Bağlar Aralık",
        "neighbourhoods": [str(baglar.pk)],
        "starts_on": today,
        "ends_on": today,
        "team1_1": str(workers[0].pk),
        "team1_2": str(workers[1].pk),
    }
    answer = client_for(planner).post(reverse("asdep:round_plan"), data)
    assert answer.status_code == 302 and Visit.objects.count() == 1
    refused = client_for(planner).post(reverse("asdep:round_plan"), data | {"team1_2": str(workers[0].pk)})
    assert refused.status_code == 400


def test_profile_page_panel_and_household_lines(round_, workers, make_staff, office_province, catalogue):
    visit = round_.visits.first()
    worker = client_for(workers[0])
    worker.post(
        reverse("asdep:visit_form", args=[visit.pk]),
        _form(all_no(income_debt="yes"), **{"risks.income.severity": "medium"}),
    )
    social_worker = make_staff(office_province, Role.SOCIAL_WORKER)
    url = reverse("asdep:household_profile", args=[visit.household_id])
    page = client_for(social_worker).get(url)
    assert page.status_code == 200 and "Gelir" in page.content.decode()
    panel = client_for(social_worker).get(url, headers={"HX-Request": "true"}).content.decode()
    assert panel.startswith("<section") and "<html" not in panel
    lines = household_service_lines(user=social_worker, household=visit.household)
    profile = next(line for line in lines if line.url == url)  # casework's own referral lines come first
    assert "Income" in profile.title or "Gelir" in profile.title
    finance = make_staff(office_province, Role.FINANCE)
    assert not [
        line for line in household_service_lines(user=finance, household=visit.household) if "/asdep/" in line.url
    ]


def test_who_may_open_what(round_, make_staff, office_merkez, office_tuzluca, workers):
    visit = round_.visits.first()
    social_worker = make_staff(office_merkez, Role.SOCIAL_WORKER)
    assert client_for(social_worker).get(reverse("asdep:visit_form", args=[visit.pk])).status_code == 403
    assert client_for(social_worker).get(reverse("asdep:visit_detail", args=[visit.pk])).status_code == 200
    assert client_for(workers[0]).get(reverse("asdep:round_plan")).status_code == 403
    other = make_staff(office_tuzluca, Role.ASDEP_WORKER)
    assert client_for(other).get(reverse("asdep:visit_detail", args=[visit.pk])).status_code == 404


def test_a_provincial_supervisor_plans_for_a_district_sydv(make_staff, office_province, office_merkez, workers, baglar):
    family(baglar)
    supervisor = make_staff(office_province, Role.SUPERVISOR)
    page = client_for(supervisor).get(reverse("asdep:round_plan")).content.decode()
    assert "BAĞLAR" in page and f'name="office" value="{office_merkez.pk}"' in page
    today = timezone.localdate().isoformat()
    data = {
        "office": str(office_merkez.pk),
        "neighbourhoods": [str(baglar.pk)],
        "starts_on": today,
        "ends_on": today,
        "team1_1": str(workers[0].pk),
        "team1_2": str(workers[1].pk),
    }
    assert client_for(supervisor).post(reverse("asdep:round_plan"), data).status_code == 302
    assert Round.objects.get().office == office_merkez
