"""Quorum and majority arithmetic. Pure functions of counts and the committee's rules (data on Committee)."""

from collections import Counter

from refah.committees.enums import VOTE_TO_OUTCOME, MajorityBase, Outcome, VoteChoice


def quorum_required(*, committee, members: int) -> int:
    """Fewest members needed: more than (strict) or at least quorum_num/quorum_den of the sitting members.

    # absolute majority of 7 members: 7 × 1/2 = 3.5, strictly more → 4; of 8: 8 × 1/2 = 4 → 5
    """
    return _fewest(committee.quorum_num * members, committee.quorum_den, strict=committee.quorum_strict)


def has_quorum(*, committee, present: int, members: int) -> bool:
    return members > 0 and present >= quorum_required(committee=committee, members=members)


def _fewest(numerator: int, denominator: int, *, strict: bool) -> int:
    whole, rest = divmod(numerator, denominator)
    return whole + 1 if strict or rest else whole


def majority_base_count(*, committee, counts: Counter, present: int, members: int) -> int:
    """What the majority is counted against: votes cast for an outcome, members present, or all members."""
    if committee.majority_base == MajorityBase.PRESENT:
        return present
    if committee.majority_base == MajorityBase.MEMBERS:
        return members
    return sum(counts[c] for c in (VoteChoice.APPROVE, VoteChoice.REJECT, VoteChoice.DEFER))


def outcome_of(*, committee, choices: list[str], chair_choice: str | None, present: int, members: int) -> str:
    """The outcome on one program from the members' votes.

    The choice with the most votes wins if it reaches the majority; on a tie for the most votes the
    chair's side wins when the committee's rules say so (Turkish administrative practice). Without a
    majority the program is deferred to a later meeting.
    """
    counts = Counter(choices)
    ranked = [(counts[c], c) for c in (VoteChoice.APPROVE, VoteChoice.REJECT, VoteChoice.DEFER)]
    top = max(n for n, _ in ranked)
    leaders = [c for n, c in ranked if n == top and n > 0]
    if len(leaders) > 1:
        if committee.chair_breaks_tie and chair_choice in leaders:
            return VOTE_TO_OUTCOME[chair_choice]
        return Outcome.DEFERRED
    if not leaders:
        return Outcome.DEFERRED
    base = majority_base_count(committee=committee, counts=counts, present=present, members=members)
    needed = _fewest(committee.majority_num * base, committee.majority_den, strict=committee.majority_strict)
    return VOTE_TO_OUTCOME[leaders[0]] if top >= max(needed, 1) else Outcome.DEFERRED


def tally(choices: list[str]) -> dict[str, int]:
    counts = Counter(choices)
    return {c.value: counts[c.value] for c in VoteChoice}
