"""Two answers sent at once with the same link (PostgreSQL): the invitation row is locked, so exactly one is stored
and the other refused as answered already."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from refah.accounts.enums import Role
from refah.reports.models import SurveyInvitation, SurveyResponse
from refah.reports.surveys import offering, services
from refah.reports.tests import survey_world as w

ATTEMPTS = 2


@pytest.mark.django_db(transaction=True)
def test_the_same_link_sent_twice_at_once_stores_one_answer(merkez, office_merkez, make_staff, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    settings.REFAH_NOTIFICATION_DELIVERY = "inline"
    committee = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    w.decide(w.household(merkez), office=office_merkez, user=committee)
    token = "Zk3r9Q-concurrent-token"
    offering.surveys_offer()
    SurveyInvitation.objects.update(token_hash=offering.token_hash(token))
    start = threading.Barrier(ATTEMPTS)

    def attempt(score: int) -> str:
        start.wait()
        try:
            services.survey_answer(token=token, satisfaction=score, fairness=score)
            return "stored"
        except services.SurveyClosedError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(ATTEMPTS) as pool:
        results = list(pool.map(attempt, [4, 5]))
    assert sorted(results) == ["refused", "stored"]
    assert SurveyResponse.objects.count() == 1 and SurveyInvitation.objects.get().answered
