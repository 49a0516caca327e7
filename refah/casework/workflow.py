"""The state machines of referrals and SHM cases: the allowed transitions, and the one check that refuses a wrong one
with a clear error (like refah/cases/workflow.py).

Referral: open → accepted → in progress → done;  open | accepted | in progress → declined (back with the referrer,
who sends it again — open — or cancels it);  open | accepted | in progress | declined → cancelled.

Case: intake → assessment → plan → in progress → follow-up → closed; a case may be closed from any open status
(the family declines, moves away, no need found); a new assessment may be made while assessing or planning.
"""

from refah.casework import errors
from refah.casework.enums import CaseStatus, ReferralStatus
from refah.common.errors import ConflictError

R = ReferralStatus
REFERRAL_TRANSITIONS: dict[str, set[str]] = {
    R.OPEN: {R.ACCEPTED, R.DECLINED, R.CANCELLED},
    R.ACCEPTED: {R.IN_PROGRESS, R.DONE, R.DECLINED, R.CANCELLED},
    R.IN_PROGRESS: {R.DONE, R.DECLINED, R.CANCELLED},
    R.DECLINED: {R.OPEN, R.CANCELLED},
    R.DONE: set(),
    R.CANCELLED: set(),
}

C = CaseStatus
CASE_TRANSITIONS: dict[str, set[str]] = {
    C.INTAKE: {C.ASSESSMENT, C.CLOSED},
    C.ASSESSMENT: {C.ASSESSMENT, C.PLAN, C.CLOSED},
    C.PLAN: {C.ASSESSMENT, C.PLAN, C.IN_PROGRESS, C.CLOSED},
    C.IN_PROGRESS: {C.FOLLOW_UP, C.CLOSED},
    C.FOLLOW_UP: {C.IN_PROGRESS, C.CLOSED},
    C.CLOSED: set(),
}


def referral_check(current: str, target: str) -> None:
    """Raise a ConflictError (409) naming both statuses unless a referral may go from `current` to `target`."""
    if target not in REFERRAL_TRANSITIONS.get(current, set()):
        params = {"current": R(current).label, "target": R(target).label}
        raise ConflictError(errors.ERR_TRANSITION % params, field="status", code="transition")


def case_check(current: str, target: str) -> None:
    """Raise a ConflictError (409) naming both statuses unless a case may go from `current` to `target`."""
    if target not in CASE_TRANSITIONS.get(current, set()):
        params = {"current": C(current).label, "target": C(target).label}
        raise ConflictError(errors.ERR_CASE_TRANSITION % params, field="status", code="transition")
