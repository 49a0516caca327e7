"""The public ledger page: signed tree heads, the public key, how to verify, anonymised totals."""

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from refah.audit import ledger
from refah.common.money import format_tl


@require_GET
def ledger_page(request):
    """Open to everyone: nothing on it names or identifies a person or a household."""
    lang = translation.get_language() or "tr"
    totals = [
        {**row, "amount": format_tl(row["amount_kurus"], lang) if row["amount_kurus"] is not None else ""}
        for row in ledger.ledger_totals()
    ]
    context = {
        "heads": ledger.ledger_heads(limit=10),
        "size": ledger.ledger_size(),
        "public_key": ledger.public_key_pem(),
        "totals": totals,
        "min_count": ledger.MIN_PUBLISHED_COUNT,
        "format": ledger.FORMAT,
    }
    return render(request, "audit/ledger.html", context)
