"""The public ledger page (no login): it shows the audit app's ledger with program names, so it lives above
eligibility, with the other pages the public opens."""
