"""Merchants and their terminals. A terminal key is shown once; only its SHA-256 is stored."""

import secrets

from django.db import transaction

from refah.aidcard.enums import MerchantKind
from refah.aidcard.models import Merchant, MerchantCategory, Terminal
from refah.aidcard.services.cards import require_perm
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.geo.models import District


@transaction.atomic
def merchant_create(
    *,
    actor,
    name: str,
    kind: MerchantKind,
    district: District,
    categories: list[MerchantCategory],
    tax_number: str = "",
) -> Merchant:
    """Register a social market or a shop with its categories (which decide the purses it accepts)."""
    require_perm(actor, "aidcard.manage_merchants")
    merchant = Merchant(name=name, kind=kind, district=district, tax_number=tax_number)
    merchant.allowed_purses = _allowed(categories)
    merchant.full_clean()
    merchant.save()
    merchant.categories.set(categories)
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_MERCHANT_CREATE,
        obj=merchant,
        after=snapshot(merchant) | {"categories": [c.code for c in categories]},
    )
    return merchant


def _allowed(categories: list[MerchantCategory]) -> str:
    kinds = sorted({kind for c in categories for kind in c.purse_kind_list})
    return ",".join(kinds)


@transaction.atomic
def terminal_create(*, actor, merchant: Merchant, name: str) -> tuple[Terminal, str]:
    """A new terminal for the merchant; returns it with its key, which is never shown again."""
    require_perm(actor, "aidcard.manage_merchants")
    key = "rt_" + secrets.token_urlsafe(32)
    terminal = Terminal(merchant=merchant, name=name, key_hash=Terminal.hash_key(key), prefix=key[:8])
    terminal.full_clean()
    terminal.save()
    audit_record(
        actor=actor, action=AuditAction.AIDCARD_TERMINAL_CREATE, obj=terminal, after={"name": name, "prefix": key[:8]}
    )
    return terminal, key


@transaction.atomic
def terminal_deactivate(*, actor, terminal: Terminal) -> Terminal:
    """Switch a terminal off (lost, stolen, key leaked); its key stops working at once."""
    require_perm(actor, "aidcard.manage_merchants")
    terminal.active = False
    terminal.save(update_fields=["active", "updated_at"])
    audit_record(actor=actor, action=AuditAction.AIDCARD_TERMINAL_DEACTIVATE, obj=terminal, after={"active": False})
    return terminal
