"""What payments read from other apps: approved decisions (cases), the public ledger, aid card purses,
an approved custom program's payment terms (eligibility)."""

from refah.aidcard.services import purse_load
from refah.audit.ledger import ledger_append
from refah.cases.selectors import approved_program_decisions
from refah.eligibility.selectors import custom_program_approved

__all__ = [
    "approved_program_decisions",
    "custom_program_approved",
    "ledger_append",
    "purse_load",
]
