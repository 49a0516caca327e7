"""The reports in the demo: the satisfaction survey offered after the scenario's decisions (as the timer would
have, the day after last month's board meeting and after today's re-examinations) and answered in the portal by
about two households in three, with scores drawn from the seed (a refused household finds the decision less fair);
the strategic plan's targets of this year and last for the country (the ministry's manager) and for Iğdır (the
provincial directorate's supervisor); then the indicators computed and the open data published, as their daily
timers would. The figures themselves are never written here: the dashboard and the open data count them from the
records."""

from __future__ import annotations

import random

from django.utils import timezone

from refah.demo.clock import as_of
from refah.geo.models import Province
from refah.registry.selectors.members import members_on
from refah.reports.enums import DecisionOutcome
from refah.reports.kpi.models import Indicator
from refah.reports.kpi.refresh import indicators_refresh
from refah.reports.kpi.services import target_set
from refah.reports.models import SurveyInvitation
from refah.reports.opendata.publish import open_data_publish
from refah.reports.surveys.offering import surveys_offer
from refah.reports.surveys.services import survey_answer

ANSWERED = 0.65  # of the invitations
# weights of the scores 1–5: satisfaction with the service, and the decision's fairness, by what it gave
WEIGHTS = {
    DecisionOutcome.APPROVED: ((2, 3, 10, 35, 50), (2, 4, 12, 37, 45)),
    DecisionOutcome.MIXED: ((5, 8, 20, 37, 30), (6, 12, 25, 32, 25)),
    DecisionOutcome.REFUSED: ((10, 15, 25, 30, 20), (20, 25, 25, 20, 10)),
}
# This year's and last year's targets, as the plan writes them (the counts sized to the scenario's cases, which do
# not grow with the synthetic registry).
PERCENT_TARGETS = {
    "satisfaction": (80, 78),
    "fairness": (75, 72),
    "aid_records_share": (90, 85),
    "first_decided_on_time": (95, 92),
    "reinvestigation_on_time": (95, 90),
    "payments_on_time": (98, 97),
    "referrals_on_time": (85, 80),
    "first_decision_days": (20, 22),
    "reinvestigation_days": (10, 12),
    "caseload": (40, 45),
}
COUNT_TARGETS = {"families_aided": (75, 60), "employment_referred": (5, 3)}


def _surveys(cast, seed: int, meeting_held: int) -> dict[str, int]:
    with as_of(max(meeting_held - 1, 0), hour=10):
        offered = surveys_offer()
    offered += surveys_offer()  # today's re-examinations
    rng = random.Random(seed)
    answered = 0
    invitations = list(SurveyInvitation.objects.filter(answered=False).select_related("application").order_by("pk"))
    for invitation in invitations:
        if rng.random() > ANSWERED:
            continue
        members = members_on(household=invitation.application.household)
        adults = [m.person for m in members if m.person.birth_date and m.person.birth_date.year < 2008]
        if not adults:
            continue
        satisfaction_w, fairness_w = WEIGHTS[invitation.outcome]
        days = max((timezone.localdate() - invitation.offered_at.date()).days - rng.randint(0, 3), 0)
        with as_of(days, hour=rng.randint(9, 21)):
            survey_answer(
                person=adults[0],
                invitation_id=invitation.pk,
                satisfaction=rng.choices(range(1, 6), satisfaction_w)[0],
                fairness=rng.choices(range(1, 6), fairness_w)[0],
            )
        answered += 1
    return {"survey invitations (one per decision)": offered, "survey answers (portal)": answered}


def _targets(cast) -> int:
    igdir = Province.objects.get(pcode="TUR076")
    year = timezone.localdate().year
    made = 0
    for indicator in Indicator.objects.filter(active=True):
        code = indicator.code
        values = PERCENT_TARGETS.get(code) or COUNT_TARGETS.get(code)
        if values is None:
            continue
        for offset, value in enumerate(values):
            if not value:
                continue
            target_set(actor=cast["manager"], indicator=indicator, year=year - offset, value=value)
            target_set(
                actor=cast["supervisor"], indicator=indicator, year=year - offset, value=value, province_id=igdir.pk
            )
            made += 2
    return made


def reports_scenario(cast, *, seed: int, meeting_held: int) -> dict[str, int]:
    counts = _surveys(cast, seed, meeting_held)
    counts["indicator targets (country and Iğdır, this year and last)"] = _targets(cast)
    counts["indicator figures computed"] = indicators_refresh()
    release = open_data_publish()
    counts["open data rows published"] = sum(s["rows"] for s in release.summary.values())
    return counts
