"""The purse ledger: every change of a purse is one conditional UPDATE plus one LedgerLine, in one transaction.

The UPDATE carries its own guard (`available + delta >= 0 AND held + delta >= 0`), so two terminals
spending at once can never take a purse below zero or lose an update: the database applies the
updates one after the other and the second one simply matches no row when the money is gone.
"""

from django.db import connection
from django.utils import timezone

from refah.aidcard.enums import LineKind
from refah.aidcard.models import Card, LedgerLine, Purse

_SQL = (
    "UPDATE aidcard_purse SET available = available + %s, held = held + %s, updated_at = %s "
    "WHERE id = %s AND available + %s >= 0 AND held + %s >= 0{card} RETURNING available, held"
)
# A new hold also needs its card active and not PIN-locked at the moment the money moves.
_CARD_GUARD = " AND EXISTS (SELECT 1 FROM aidcard_card WHERE id = %s AND status = 'active' AND pin_locked_at IS NULL)"


def purse_move(
    *,
    purse_id,
    kind: LineKind,
    amount: int,
    delta_available: int,
    delta_held: int,
    hold_id=None,
    load_id=None,
    merchant_id=None,
    card_id=None,
) -> LedgerLine | None:
    """Apply one movement and write its line; None (nothing written) if it would make the purse negative.

    With `card_id` (a new hold) also None when that card is no longer active or is PIN-locked.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("purse_move() must run inside the service's transaction")
    pk = Purse._meta.pk.get_db_prep_value(purse_id, connection)
    now = timezone.now()
    stamp = Purse._meta.get_field("updated_at").get_db_prep_value(now, connection)
    params = [delta_available, delta_held, stamp, pk, delta_available, delta_held]
    if card_id is not None:
        params.append(Card._meta.pk.get_db_prep_value(card_id, connection))
    sql = _SQL.format(card=_CARD_GUARD if card_id is not None else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return LedgerLine.objects.create(
        purse_id=purse_id,
        kind=kind,
        amount=amount,
        delta_available=delta_available,
        delta_held=delta_held,
        available_after=row[0],
        held_after=row[1],
        hold_id=hold_id,
        load_id=load_id,
        merchant_id=merchant_id,
    )
