"""Tally, majority, justification against the objective result; the decision lands on the case and the ledger."""

import pytest
from django.core.exceptions import ValidationError

from refah.audit.models import LedgerEntry
from refah.cases.models import ProgramDecision
from refah.committees import errors, services
from refah.committees.enums import Outcome
from refah.common.errors import ConflictError

P = "family_support"


def _vote(item, members, secretary, choices):
    """Members with an account vote themselves; the secretary records the muhtars' hands."""
    for member, choice in zip(members, choices, strict=False):
        actor = member.user or secretary
        services.vote_cast(actor=actor, item=item, member=member, program=P, choice=choice)


@pytest.fixture
def item(open_meeting):
    return open_meeting.items.get()


def test_majority_approves_and_records_on_the_case(item, members, secretary):
    # 3 approve, 1 reject, 1 abstain: 3 of the 4 votes cast is more than half → approved
    _vote(item, members, secretary, ["approve", "approve", "approve", "reject", "abstain"])
    (decision,) = services.item_decide(actor=secretary, item=item, reason_codes={P: ["need_confirmed"]})
    assert decision.outcome == Outcome.APPROVED
    assert decision.tally == {"approve": 3, "reject": 1, "defer": 0, "abstain": 1}
    assert decision.amount_kurus == 125_000 and not decision.against_objective
    case_row = ProgramDecision.objects.get(application=item.application)
    assert (case_row.outcome, case_row.reason_codes) == ("approved", ["need_confirmed"])
    assert LedgerEntry.objects.filter(kind="decision", ref=str(case_row.pk), program=P).exists()
    item.refresh_from_db()
    assert item.decided_at is not None


def test_no_majority_defers(item, members, secretary):
    # 2 approve, 2 reject: a tie; the chair abstained, so nobody's side prevails → deferred
    _vote(item, members, secretary, ["abstain", "approve", "approve", "reject", "reject"])
    (decision,) = services.item_decide(actor=secretary, item=item)
    assert decision.outcome == Outcome.DEFERRED


def test_chair_breaks_a_tie(item, members, secretary):
    _vote(item, members, secretary, ["reject", "approve", "approve", "reject", "abstain"])
    (decision,) = services.item_decide(actor=secretary, item=item, justification="Household has a rented shop.")
    assert decision.outcome == Outcome.REJECTED


def test_rejecting_an_eligible_case_needs_a_justification(item, members, secretary):
    _vote(item, members, secretary, ["reject", "reject", "reject", "approve", "approve"])
    with pytest.raises(ValidationError) as exc:
        services.item_decide(actor=secretary, item=item)
    assert exc.value.message_dict["justification"] == [errors.ERR_JUSTIFICATION_REQUIRED % {"program": P}]
    assert not ProgramDecision.objects.exists()
    (decision,) = services.item_decide(
        actor=secretary, item=item, justifications={P: "The visit found a second car in the garden."}
    )
    assert decision.against_objective and decision.outcome == Outcome.REJECTED
    assert ProgramDecision.objects.get().deviates_from_score


def test_approving_below_the_cut_off_needs_a_justification(board, meeting, members, secretary, make_case):
    board.need_score_cutoff = 50
    board.save()
    make_case(eligible=True, need_score=42.0)
    (item,) = services.agenda_build(actor=secretary, meeting=meeting)
    services.meeting_open(actor=secretary, meeting=meeting, present=members)
    _vote(item, members, secretary, ["approve"] * 5)
    with pytest.raises(ValidationError):
        services.item_decide(actor=secretary, item=item)
    (decision,) = services.item_decide(actor=secretary, item=item, justification="Flood damaged the house last week.")
    assert decision.objective_eligible is False and decision.against_objective


def test_decided_item_takes_no_more_votes(item, members, secretary):
    _vote(item, members, secretary, ["approve"] * 5)
    services.item_decide(actor=secretary, item=item)
    with pytest.raises(ConflictError):
        services.vote_cast(actor=members[0].user, item=item, member=members[0], program=P, choice="reject")
    with pytest.raises(ConflictError):
        services.item_decide(actor=secretary, item=item)


def test_absent_member_cannot_vote(meeting, members, secretary, make_case):
    make_case()
    (item,) = services.agenda_build(actor=secretary, meeting=meeting)
    services.meeting_open(actor=secretary, meeting=meeting, present=members[:3])
    with pytest.raises(ConflictError) as exc:
        services.vote_cast(actor=secretary, item=item, member=members[4], program=P, choice="approve")
    assert exc.value.message == errors.ERR_ABSENT
