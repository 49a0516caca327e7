"""The public ledger page: signed tree heads, the public key, how to verify, anonymised totals."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from refah.audit import ledger

# Entry kinds in words (each entry is one payment line or one program decision); others show their code.
KIND_LABELS = {"payment": gettext_lazy("payment line"), "decision": gettext_lazy("program decision")}


@require_GET
def ledger_page(request):
    """Open to everyone: nothing on it names or identifies a person or a household."""
    totals = [{**row, "kind_label": KIND_LABELS.get(row["kind"], row["kind"])} for row in ledger.ledger_totals()]
    coverage = ledger.ledger_coverage()
    due_ms = coverage["next_head_due_ms"]
    due = dt.datetime.fromtimestamp(due_ms / 1000, tz=dt.UTC) if due_ms is not None else None
    context = {
        "heads": ledger.ledger_heads(limit=10),
        "size": coverage["size"],
        "coverage": coverage,
        "next_head_due": due,
        "next_head_overdue": due is not None and due < timezone.now(),  # no worker has run the sign task
        "public_key": ledger.public_key_pem(),
        "totals": totals,
        "min_count": ledger.MIN_PUBLISHED_COUNT,
        "format": ledger.FORMAT,
    }
    return render(request, "portal/ledger.html", context)
