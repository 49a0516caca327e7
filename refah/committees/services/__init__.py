"""Writes of the committees app: one audited transaction per action, permission and jurisdiction checked first.

Meeting life: meeting_create → agenda_build (random order, automatic recusals) → meeting_open
(attendance, quorum) → recusal_declare / vote_cast → item_decide (per program, through the case's
case_record_decision) → meeting_close. Minutes are rendered from what is stored (refah.committees.minutes).

composition: the committee and its members' seats. meetings: plan, open, close. agenda: the random order and
detected recusals. votes: declared recusals and votes. decisions: the tally recorded on the case and the ledger.
"""

from refah.committees.services.agenda import agenda_build
from refah.committees.services.composition import committee_create, member_add, member_end
from refah.committees.services.decisions import item_decide
from refah.committees.services.meetings import meeting_close, meeting_create, meeting_open
from refah.committees.services.votes import recusal_declare, vote_cast

__all__ = [
    "agenda_build",
    "committee_create",
    "item_decide",
    "meeting_close",
    "meeting_create",
    "meeting_open",
    "member_add",
    "member_end",
    "recusal_declare",
    "vote_cast",
]
