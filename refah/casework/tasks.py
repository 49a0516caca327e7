"""The casework timer: overdue referrals escalate (refah/casework/services/escalation.py), audited as the timer."""

from refah.casework.services.escalation import referrals_escalate
from refah.common.timers import timer


@timer("casework_escalate_referrals")
def casework_escalate_referrals_timer() -> dict[str, int]:
    return referrals_escalate()
