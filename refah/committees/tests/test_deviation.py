"""Deviation flags: a committee approving against the score far more often than the others is flagged."""

import pytest
from django.utils import timezone

from refah.committees import deviation, services
from refah.committees.enums import CommitteeKind, Outcome
from refah.committees.models import AgendaItem, ItemDecision, Meeting
from refah.common.errors import PermissionDeniedError


def _committee_with_decisions(admin_user, office, name, application, *, against: int, total: int = 10):
    """A committee with `total` decided programs on one item, `against` of them approved while not eligible."""
    committee = services.committee_create(actor=admin_user, office=office, name=name, kind=CommitteeKind.SYDV_BOARD)
    meeting = Meeting.objects.create(committee=committee, reference="1", scheduled_at=timezone.now(), status="closed")
    item = AgendaItem.objects.create(meeting=meeting, application=application, position=1, decided_at=timezone.now())
    for n in range(total):
        bad = n < against
        ItemDecision.objects.create(
            item=item,
            program=f"p{n}",
            outcome=Outcome.APPROVED,
            objective_eligible=not bad,
            against_objective=bad,
        )
    return committee


@pytest.fixture
def application(make_case):
    return make_case()


def test_flag_fires_for_the_committee_far_above_the_others(admin_user, office_merkez, application, make_staff):
    rates = {"A": 1, "B": 0, "C": 1, "D": 2, "E": 7}  # of 10: 10 %, 0 %, 10 %, 20 %, 70 %
    for name, against in rates.items():
        _committee_with_decisions(admin_user, office_merkez, name, application, against=against)
    rows = {r.committee.name: r for r in deviation.committee_deviation(user=admin_user)}
    # E: 70 % against the others' median 10 % (> 2 × 10 % and ≥ 10 points above): flagged
    assert rows["E"].flagged and rows["E"].rate == pytest.approx(0.7)
    assert rows["E"].peer_median == pytest.approx(0.1)
    # D: 20 % is exactly twice the others' median (10 %), not more, and below their mean + 2 sd: not flagged
    assert not any(rows[n].flagged for n in "ABCD")
    assert deviation.committee_deviation(user=admin_user)[0].committee.name == "E"


def test_too_few_decisions_are_not_rated(admin_user, office_merkez, application):
    _committee_with_decisions(admin_user, office_merkez, "small", application, against=5, total=5)
    (row,) = deviation.committee_deviation(user=admin_user)
    assert not row.rated and not row.flagged


def test_deviation_report_needs_its_permission(caseworker):
    with pytest.raises(PermissionDeniedError):
        deviation.committee_deviation(user=caseworker)
