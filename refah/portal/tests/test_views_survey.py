"""The survey in the portal: the signed-in citizen sees "Tell us about your decision" for their household's open
invitation and answers it there, once (channel portal); another household's application is not found."""

import pytest

from refah.accounts.enums import Role
from refah.reports.models import SurveyInvitation, SurveyResponse
from refah.reports.surveys import offering
from refah.reports.tests import survey_world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(household, other_household, staff_case, office_merkez, make_staff, django_capture_on_commit_callbacks):
    """The committee's decision on the citizen's household (through the cases service) and one on the other
    household, both offered the survey by the timer's function."""
    with django_capture_on_commit_callbacks(execute=True):
        own = staff_case(household)
    other = w.decide(other_household, office=office_merkez, user=make_staff(office_merkez, Role.COMMITTEE_MEMBER))
    with django_capture_on_commit_callbacks(execute=True):
        assert offering.surveys_offer() == 2
    return own, other


def test_the_citizen_answers_their_households_survey_in_the_portal(decided, portal):
    own, other = decided
    client = portal
    home = client.get("/portal/").content.decode()
    assert "Kararınızı değerlendirin" in home and f"/portal/applications/{own.pk}/survey/" in home
    assert str(other.pk) not in home

    assert f"/portal/applications/{own.pk}/survey/" in client.get(f"/portal/applications/{own.pk}/").content.decode()
    page = client.get(f"/portal/applications/{own.pk}/survey/")
    assert page.status_code == 200 and page.content.decode().count("<fieldset") == 2
    bad = client.post(f"/portal/applications/{own.pk}/survey/", {"fairness": "3"})
    assert bad.status_code == 400 and "memnun olduğunuzu 1 ile 5 arasında seçin" in bad.content.decode()
    done = client.post(f"/portal/applications/{own.pk}/survey/", {"satisfaction": "2", "fairness": "1"})
    assert done.status_code == 302 and done["Location"] == "/portal/"
    (answer,) = SurveyResponse.objects.all()
    assert (answer.channel, answer.outcome, answer.satisfaction, answer.fairness) == ("portal", "approved", 2, 1)
    assert SurveyInvitation.objects.get(application=own).answered
    assert "Kararınızı değerlendirin" not in client.get("/portal/").content.decode()
    # answered: no form any more, and no second answer
    again = client.post(f"/portal/applications/{own.pk}/survey/", {"satisfaction": "5", "fairness": "5"})
    assert again.status_code == 302 and SurveyResponse.objects.count() == 1

    # another household's application is not found, its invitation untouched
    assert client.get(f"/portal/applications/{other.pk}/survey/").status_code == 404
    assert (
        client.post(f"/portal/applications/{other.pk}/survey/", {"satisfaction": "5", "fairness": "5"}).status_code
        == 404
    )
    assert not SurveyInvitation.objects.get(application=other).answered
