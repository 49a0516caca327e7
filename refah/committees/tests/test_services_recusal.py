"""A recused member cannot vote: declared conflict, member of the household, relative, same address."""

import datetime as dt

import pytest

from refah.committees import errors, services
from refah.committees.enums import RecusalReason
from refah.common.errors import PermissionDeniedError
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory, household_with_members


def _build(meeting, secretary, members):
    (item,) = services.agenda_build(actor=secretary, meeting=meeting)
    services.meeting_open(actor=secretary, meeting=meeting, present=members)
    return item


def _assert_cannot_vote(item, member, actor):
    with pytest.raises(PermissionDeniedError) as exc:
        services.vote_cast(actor=actor, item=item, member=member, program="family_support", choice="approve")
    assert exc.value.message == errors.ERR_RECUSED
    assert not item.votes.filter(member=member).exists()


def test_declared_conflict_blocks_the_vote(meeting, members, secretary, make_case):
    make_case()
    item = _build(meeting, secretary, members)
    official = members[1]
    services.vote_cast(actor=official.user, item=item, member=official, program="family_support", choice="approve")
    recusal = services.recusal_declare(actor=official.user, item=item, member=official, reason="Business partner")
    assert recusal.reason == RecusalReason.DECLARED
    assert not item.votes.filter(member=official).exists()  # an earlier vote is withdrawn
    _assert_cannot_vote(item, official, official.user)


def test_member_of_the_household_is_recused_automatically(meeting, members, secretary, make_case, merkez):
    household = household_with_members(merkez)
    muhtar = members[3]
    MembershipFactory(household=household, person=muhtar.person, role="other", joined_on=dt.date(2020, 1, 1))
    make_case(household)
    item = _build(meeting, secretary, members)
    recusal = item.recusals.get(member=muhtar)
    assert recusal.automatic and recusal.reason == RecusalReason.HOUSEHOLD_MEMBER
    _assert_cannot_vote(item, muhtar, secretary)


def test_relative_by_surname_is_recused(meeting, members, secretary, make_case, merkez):
    household = household_with_members(merkez)
    MembershipFactory(household=household, person=PersonFactory(last_name="GÜNEŞ"), role="other")
    make_case(household)
    item = _build(meeting, secretary, members)
    recusal = item.recusals.get(member=members[3])  # Muhtar Hasan Güneş: folded surnames match
    assert recusal.reason == RecusalReason.RELATIVE
    _assert_cannot_vote(item, members[3], secretary)


def test_relative_by_registry_relation_is_recused(meeting, members, secretary, make_case, merkez):
    # The muhtar once lived in a household with a current member of the applicant household (a son who moved out).
    household = household_with_members(merkez)
    son = household.memberships.filter(role="child").first().person
    old = HouseholdFactory()
    MembershipFactory(
        household=old,
        person=members[4].person,
        role="reference",
        joined_on=dt.date(2010, 1, 1),
        left_on=dt.date(2019, 1, 1),
    )
    MembershipFactory(
        household=old, person=son, role="child", joined_on=dt.date(2010, 1, 1), left_on=dt.date(2019, 1, 1)
    )
    make_case(household)
    item = _build(meeting, secretary, members)
    recusal = item.recusals.get(member=members[4])
    assert recusal.reason == RecusalReason.RELATIVE
    assert old.reference_code in recusal.detail
    _assert_cannot_vote(item, members[4], secretary)


def test_same_address_is_recused(meeting, members, secretary, make_case, merkez):
    household = household_with_members(merkez)
    household.address_line = "Atatürk Cad. No 12 D 3"
    household.save()
    neighbour = HouseholdFactory(neighbourhood=household.neighbourhood, address_line="ATATÜRK CAD.  NO 12 D 3")
    MembershipFactory(household=neighbour, person=members[3].person, role="reference")
    make_case(household)
    item = _build(meeting, secretary, members)
    recusal = item.recusals.get(member=members[3])
    assert recusal.reason == RecusalReason.SAME_ADDRESS
    _assert_cannot_vote(item, members[3], secretary)


def test_unrelated_members_are_not_recused(meeting, members, secretary, make_case):
    make_case()
    item = _build(meeting, secretary, members)
    assert not item.recusals.exists()


def test_member_votes_only_for_themselves(open_meeting, members, secretary):
    item = open_meeting.items.get()
    official = members[1].user
    for actor in (official, secretary):  # not even the secretary votes for a member who has an account
        with pytest.raises(PermissionDeniedError) as exc:
            services.vote_cast(actor=actor, item=item, member=members[2], program="family_support", choice="approve")
        assert exc.value.message == errors.ERR_NOT_OWN_VOTE
    vote = services.vote_cast(actor=official, item=item, member=members[1], program="family_support", choice="reject")
    assert vote.recorded_by == official
    muhtar = services.vote_cast(
        actor=secretary, item=item, member=members[3], program="family_support", choice="reject"
    )
    assert muhtar.recorded_by == secretary
