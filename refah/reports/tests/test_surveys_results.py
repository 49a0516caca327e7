"""The survey's figures: shares of 4–5 answers with n and the 95 % margin with the finite-population correction
(checked against a hand computation), the response rate, and the results screen and API cut to the jurisdiction
with small cells hidden (and their complements), never their n."""

import datetime as dt
import math
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from refah.accounts.enums import Role
from refah.reports.models import SurveyInvitation, SurveyResponse
from refah.reports.surveys.figures import Share, survey_figures
from refah.reports.surveys.results import survey_results
from refah.reports.tests import survey_world as w

pytestmark = pytest.mark.django_db
YEAR = 2026


def invitations(district, outcome, count, *, application):
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            application=application,
            decision_round=i + 1,
            token_hash=uuid.uuid4().hex * 2,
            district=district,
            year=YEAR,
            month=3,
            outcome=outcome,
            offered_at=timezone.now(),
            expires_on=timezone.localdate() + dt.timedelta(days=30),
        )
        for i in range(count)
    )


def answers(district, outcome, scores):
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            id=uuid.uuid4(),
            district=district,
            year=YEAR,
            month=3,
            outcome=outcome,
            channel="sms",
            satisfaction=s,
            fairness=f,
        )
        for s, f in scores
    )


@pytest.fixture
def world(merkez, tuzluca, office_merkez, make_staff):
    """Merkez: 40 granted decisions surveyed, 10 answers (7 satisfied, 4 find it fair); 20 refused, 3 answers;
    10 granted in part, 6 answers. Tuzluca: 30 granted, 6 answers."""
    user = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    apps = [w.decide(w.household(d), office=office_merkez, user=user) for d in (merkez, merkez, merkez, tuzluca)]
    invitations(merkez, "approved", 40, application=apps[0])
    invitations(merkez, "refused", 20, application=apps[1])
    invitations(merkez, "mixed", 10, application=apps[2])
    invitations(tuzluca, "approved", 30, application=apps[3])
    answers(merkez, "approved", [(5, 5), (4, 4), (4, 4), (4, 3), (5, 4), (4, 2), (4, 1), (3, 2), (2, 3), (1, 1)])
    answers(merkez, "refused", [(1, 1), (2, 1), (4, 2)])
    answers(merkez, "mixed", [(4, 4), (4, 3), (3, 3), (5, 5), (2, 2), (4, 4)])
    answers(tuzluca, "approved", [(5, 5), (5, 4), (4, 4), (3, 3), (2, 2), (1, 1)])


def test_the_margin_is_the_hand_computed_one_with_the_finite_population_correction():
    # p = 7/10, n = 10, N = 40: 1.96 · √(0.7·0.3/10) · √(30/39) = 1.96 · 0.144914 · 0.877058 = 0.249114
    share = Share(agree=7, n=10, population=40)
    assert share.percent == Decimal("70.0") and share.margin == Decimal("24.9")
    assert abs(1.96 * math.sqrt(0.7 * 0.3 / 10) * math.sqrt(30 / 39) - 0.249114) < 1e-5
    assert Share(agree=7, n=10, population=10).margin == Decimal("0.0")  # everyone answered: no sampling error
    assert Share(agree=1, n=1, population=10).margin is None and Share(0, 0, 10).percent is None


def test_figures_count_the_answers_and_the_decisions_surveyed(world, merkez):
    merkez_only = survey_figures(year=YEAR, district_ids=[merkez.pk])[None]
    sat = merkez_only.satisfaction
    assert (sat.agree, sat.n, sat.population) == (7 + 1 + 4, 10 + 3 + 6, 40 + 20 + 10)
    assert merkez_only.fairness.agree == 4 + 0 + 3
    by_district = survey_figures(year=YEAR, by_district=True)
    assert by_district[merkez.pk].satisfaction.n == 19 and sum(f.satisfaction.n for f in by_district.values()) == 25


def test_results_hide_small_cells_and_their_complements(world, merkez, tuzluca, office_province, make_staff):
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)
    cells = survey_results(user=manager, year=YEAR)["cells"]
    granted = cells[(merkez.pk, "approved")]
    assert (granted.answers, granted.invitations, granted.response_rate) == (10, 40, Decimal("25.0"))
    assert (granted.satisfaction.percent, granted.satisfaction.margin) == (Decimal("70.0"), Decimal("24.9"))
    assert granted.fairness.percent == Decimal("40.0")
    # Merkez's refusals (3 answers) are hidden, and with them the smallest other cell of Merkez (granted in part,
    # 6): Merkez's total 19 − 10 would give the refusals away otherwise; the refusals' and "in part" totals of the
    # province are Merkez's own cells, hidden too. Merkez's total and the granted cells stay.
    hidden = {key for key, c in cells.items() if c.suppressed}
    assert hidden == {(merkez.pk, "refused"), (merkez.pk, "mixed"), (None, "refused"), (None, "mixed")}
    assert all(c.response_rate is None and c.satisfaction is None for key, c in cells.items() if key in hidden)
    assert cells[(merkez.pk, None)].answers == 19 and cells[(None, None)].answers == 25
    assert cells[(tuzluca.pk, "approved")].answers == 6 and cells[(None, "approved")].answers == 16
    assert all(c.answers >= 5 for c in cells.values() if c.answers)


def test_a_districts_staff_see_their_district_only(world, tuzluca, office_tuzluca, make_staff):
    manager = make_staff(office_tuzluca, Role.PROGRAM_MANAGER)
    data = survey_results(user=manager, year=YEAR)
    assert data["districts"] == [tuzluca] and {key[0] for key in data["cells"]} == {tuzluca.pk, None}
    assert data["cells"][(None, None)].answers == 6


def test_results_screen_and_api(world, merkez, tuzluca, office_province, make_staff, api_client_for):
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)
    client = Client()
    client.force_login(manager)
    page = client.get(f"/reports/surveys/?year={YEAR}")
    text = page.content.decode()
    assert page.status_code == 200 and merkez.name in text and tuzluca.name in text
    assert "70,0 %" in text and "± 24,9" in text and "25,0 %" in text
    assert "•" in text and "gizli" in text and "hata payı" in text
    bad = client.get("/reports/surveys/?year=abc")
    assert bad.status_code == 200 and "2000 ile 2100 arasında bir yıl girin." in bad.content.decode()

    answer = api_client_for(manager).get(f"/api/v1/reports/surveys/results?year={YEAR}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["threshold"] == 5
    cells = {(c["district_pcode"], c["outcome"]): c for c in body["cells"]}
    granted = cells[("TUR076002", "approved")]
    assert granted["answers"] == 10 and granted["invitations"] == 40
    assert Decimal(str(granted["satisfaction_margin"])) == Decimal("24.9")
    assert Decimal(str(granted["satisfaction_percent"])) == Decimal("70.0")
    hidden = cells[("TUR076002", "refused")]
    assert hidden["suppressed"] and hidden["answers"] is None and hidden["satisfaction_percent"] is None
    assert api_client_for(manager).get("/api/v1/reports/surveys/results?year=1").status_code == 400

    caseworker = make_staff(office_province, Role.CASEWORKER)  # no reports.view_surveys
    client.force_login(caseworker)
    assert client.get("/reports/surveys/").status_code == 403
    assert api_client_for(caseworker).get("/api/v1/reports/surveys/results").status_code == 403
