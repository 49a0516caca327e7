"""The bulk refresh against the simulators: the same facts and disagreements as the household refresh, in bulk."""

from django.core.management import call_command

from refah.exchange.models import Discrepancy, SourceCheck
from refah.exchange.services import bulk_refresh
from refah.exchange.sources import ALL
from refah.exchange.tests.conftest import facts_stored
from refah.registry.models import IncomeSource, Person


def test_bulk_refresh_flags_the_hidden_earnings_and_writes_the_registry(simulators, household):
    counts = bulk_refresh(actor="refah exchange")
    assert counts["persons"] == 3 and counts["households"] == 1
    husband = household.memberships.get(role="reference").person
    assert Discrepancy.objects.filter(person=husband, fact="sgk.earnings", status="open").exists()
    assert IncomeSource.objects.filter(person=husband, source="sgk", kind="wage", end_date__isnull=True).count() == 1
    assert Person.objects.get(pk=husband.pk).social_security == "active"
    assert SourceCheck.objects.filter(household=household, status="ok").count() == len(ALL)
    facts = len(facts_stored())
    call_command("exchange", "refresh")  # again: nothing added twice
    assert len(facts_stored()) == facts
    assert IncomeSource.objects.filter(person=husband, source="sgk").count() == 1
    assert Discrepancy.objects.filter(person=husband, fact="sgk.earnings").count() == 1


def test_a_source_down_in_bulk_leaves_its_checks_waiting(simulators, household):
    simulators.set("egm", down=True)
    bulk_refresh(actor="refah exchange")
    assert SourceCheck.objects.get(household=household, source="egm").status == "waiting"
    assert not facts_stored(source="egm")
