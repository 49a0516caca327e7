"""`refah aidcard expire_holds`: holds older than their expiry go back to the purse; fresh ones stay."""

import pytest
from django.core.management import CommandError, call_command

from refah.aidcard import services
from refah.aidcard.enums import HoldStatus
from refah.aidcard.models import Hold
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import purse_of
from refah.demo.clock import as_of


def _authorise(shop, number, key):
    return services.hold_authorise(merchant=shop, card_number=number, purse="food", amount=1_000, idempotency_key=key)


def test_expire_holds_releases_only_holds_past_their_expiry(shop, household, card_number, capsys):
    load(household, "food", 10_000, "load-1")
    with as_of(9):  # holds expire after 7 days
        stale = _authorise(shop, card_number, "old")
    fresh = _authorise(shop, card_number, "new")
    call_command("aidcard", "expire_holds")
    assert "1 expired" in capsys.readouterr().out
    assert Hold.objects.get(pk=stale.pk).status == HoldStatus.EXPIRED
    assert Hold.objects.get(pk=fresh.pk).status == HoldStatus.OPEN
    purse = purse_of(household, "food")
    assert (purse.available, purse.held) == (9_000, 1_000)
    call_command("aidcard", "expire_holds")
    assert "0 expired" in capsys.readouterr().out


def test_a_subcommand_is_required():
    with pytest.raises(CommandError):
        call_command("aidcard")
