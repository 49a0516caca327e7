"""Deviation flags: committees whose decisions go against the objective score far more often than the others'.

Counted per committee over its decided programs with a known objective result (approved or
rejected; deferrals are never "against"). The contradiction rate is
(approved while not eligible or below the cut-off + rejected while eligible) / decisions.

The rule, with its constants below: a committee with at least MIN_DECISIONS decisions is compared
with the other rated committees in the user's jurisdiction (at least MIN_PEERS of them). It is
flagged when its rate exceeds the others' median by at least MIN_GAP and either is more than
twice that median or lies more than two standard deviations above the others' mean.
"""

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q

from refah.committees.enums import Outcome
from refah.committees.models import Committee
from refah.committees.selectors import committee_scope_q, require_perm

MIN_DECISIONS = 10
MIN_PEERS = 2
MIN_GAP = 0.10
MEDIAN_FACTOR = 2
SD_FACTOR = 2


@dataclass
class DeviationRow:
    committee: Committee
    decisions: int
    approved_against: int
    rejected_against: int
    rate: float | None = None
    peer_median: float | None = None
    peer_mean: float | None = None
    peer_sd: float | None = None
    flagged: bool = False

    @property
    def against(self) -> int:
        return self.approved_against + self.rejected_against

    @property
    def rated(self) -> bool:
        return self.rate is not None


def committee_deviation(*, user, since: dt.date | None = None) -> list[DeviationRow]:
    """Every committee in the user's jurisdiction with its contradiction rate and flag, flagged first."""
    require_perm(user, "committees.view_deviation")
    rows = [_row(c) for c in _counted(user, since)]
    rated = [r for r in rows if r.decisions >= MIN_DECISIONS]
    for row in rated:
        row.rate = row.against / row.decisions
    for row in rated:
        _compare(row, [r.rate for r in rated if r is not row])
    return sorted(rows, key=lambda r: (not r.flagged, -(r.rate or 0), r.committee.name))


def _counted(user, since):
    scope = Q(meetings__items__decisions__outcome__in=[Outcome.APPROVED, Outcome.REJECTED])
    scope &= Q(meetings__items__decisions__objective_eligible__isnull=False)
    if since:
        scope &= Q(meetings__items__decided_at__date__gte=since)
    against = Q(meetings__items__decisions__against_objective=True)
    return (
        Committee.objects.filter(committee_scope_q(user))
        .select_related("office")
        .annotate(
            n=Count("meetings__items__decisions", filter=scope),
            approved_against=Count(
                "meetings__items__decisions",
                filter=scope & against & Q(meetings__items__decisions__outcome=Outcome.APPROVED),
            ),
            rejected_against=Count(
                "meetings__items__decisions",
                filter=scope & against & Q(meetings__items__decisions__outcome=Outcome.REJECTED),
            ),
        )
    )


def _row(committee) -> DeviationRow:
    return DeviationRow(
        committee=committee,
        decisions=committee.n,
        approved_against=committee.approved_against,
        rejected_against=committee.rejected_against,
    )


def _compare(row: DeviationRow, peers: list[float]) -> None:
    if len(peers) < MIN_PEERS:
        return
    row.peer_median = statistics.median(peers)
    row.peer_mean = statistics.fmean(peers)
    row.peer_sd = statistics.pstdev(peers)
    far_above_median = row.rate > MEDIAN_FACTOR * row.peer_median
    far_above_mean = row.rate > row.peer_mean + SD_FACTOR * row.peer_sd
    row.flagged = row.rate - row.peer_median >= MIN_GAP and (far_above_median or far_above_mean)
