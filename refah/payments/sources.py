"""What payments read from apps built alongside it: approved decisions (cases), the ledger, aid card purses.

These apps land concurrently; until one does, its hook is None and the service that needs it says so.
"""

try:
    from refah.cases.selectors import approved_program_decisions
except ImportError:  # the cases app has no selector yet
    approved_program_decisions = None

try:
    from refah.audit.ledger import ledger_append
except ImportError:  # the public ledger has not landed yet: payments are audited, not yet appended
    ledger_append = None

try:
    from refah.aidcard.services import purse_load
except ImportError:  # the aid card has not landed yet
    purse_load = None
