"""What payments read from other apps: approved decisions (cases), the public ledger, aid card purses."""

from refah.aidcard.services import purse_load
from refah.audit.ledger import ledger_append
from refah.cases.selectors import approved_program_decisions

__all__ = ["approved_program_decisions", "ledger_append", "purse_load"]
