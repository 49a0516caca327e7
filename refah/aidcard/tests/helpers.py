"""Checks shared by the tests: the ledger invariant and the purse figures."""

from django.db.models import Sum

from refah.aidcard.models import LedgerLine, Purse


def assert_ledger_matches(purse: Purse) -> None:
    """available and held are exactly the sums of the purse's lines, and never negative."""
    purse.refresh_from_db()
    sums = LedgerLine.objects.filter(purse=purse).aggregate(a=Sum("delta_available"), h=Sum("delta_held"))
    assert (purse.available, purse.held) == (sums["a"] or 0, sums["h"] or 0)
    assert purse.available >= 0 and purse.held >= 0
    last = LedgerLine.objects.filter(purse=purse).order_by("-id").first()
    if last is not None:
        assert (last.available_after, last.held_after) == (purse.available, purse.held)


def purse_of(household, kind: str) -> Purse:
    return Purse.objects.get(household=household, kind=kind)
