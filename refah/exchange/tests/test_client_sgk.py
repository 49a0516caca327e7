"""The client against the SGK simulator: answer, 5xx retried then an error, time-out, unknown TC, malformed answer,
circuit open (no call made), and the call log row of every call."""

import httpx
import pytest

from refah.exchange.client import CallContext, SourceError
from refah.exchange.enums import BreakerState, CallOutcome, CallPurpose
from refah.exchange.models import Breaker, SourceCall
from refah.exchange.sources import SOURCES
from refah.registry.tests.factories import valid_tc

SGK = SOURCES["sgk"]


def _ctx(user, household=None):
    return CallContext(
        requester=user, purpose=CallPurpose.APPLICATION, household_id=household.pk if household else None
    )


def test_sgk_answers_the_hidden_formal_earnings(simulators, household, caseworker):
    husband = household.memberships.get(role="reference").person
    answer = SGK.lookup(tc=husband.national_id, ctx=_ctx(caseworker, household))
    facts = {f.fact: f for f in answer.facts}
    assert facts["sgk.status"].value_text == "active"
    assert facts["sgk.earnings"].value_kurus >= 2_210_467  # at least the net minimum wage
    call = SourceCall.objects.get()
    assert (call.source, call.outcome, call.subjects, call.requester) == (
        "sgk",
        "ok",
        [husband.national_id],
        caseworker,
    )
    assert call.purpose == CallPurpose.APPLICATION and call.household_id == household.pk and call.attempts == 1


def test_a_5xx_is_retried_then_an_error_naming_the_source(simulators, household, caseworker):
    simulators.set("sgk", error_rate=1.0)
    tc = household.memberships.first().person.national_id
    with pytest.raises(SourceError) as err:
        SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert (
        err.value.outcome == CallOutcome.SERVER_ERROR
        and "SGK" in str(err.value.message)
        and "500" in str(err.value.message)
    )
    call = SourceCall.objects.get()
    assert (call.outcome, call.attempts, call.status_code) == ("server_error", 3, 500)


def test_a_time_out_is_retried_then_an_error(simulators, household, caseworker):
    simulators.set("sgk", timeout_rate=1.0, hang_seconds=1.0)
    tc = household.memberships.first().person.national_id
    with pytest.raises(SourceError) as err:
        SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert err.value.outcome == CallOutcome.TIMEOUT and err.value.retryable
    assert SourceCall.objects.get().attempts == 3


def test_an_unknown_tc_is_not_found_and_not_retried(simulators, caseworker):
    tc = valid_tc()
    with pytest.raises(SourceError) as err:
        SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert err.value.outcome == CallOutcome.NOT_FOUND and tc in str(err.value.message) and not err.value.retryable
    call = SourceCall.objects.get()
    assert (call.outcome, call.attempts, call.status_code) == ("not_found", 1, 404)


def test_a_malformed_answer_names_the_field(simulators, household, caseworker):
    simulators.set("sgk", malformed=True)
    tc = household.memberships.first().person.national_id
    with pytest.raises(SourceError) as err:
        SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert err.value.outcome == CallOutcome.MALFORMED and err.value.field == "status"
    assert SourceCall.objects.get().outcome == "malformed"


def test_the_breaker_opens_and_then_no_call_is_made(simulators, household, caseworker):
    simulators.set("sgk", down=True)
    tc = household.memberships.first().person.national_id
    for _ in range(3):  # breaker_failures in the tests' settings
        with pytest.raises(SourceError):
            SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert Breaker.objects.get(source="sgk").state == BreakerState.OPEN
    simulators.set("sgk", down=False)
    with pytest.raises(SourceError) as err:
        SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert err.value.outcome == CallOutcome.CIRCUIT_OPEN
    last = SourceCall.objects.order_by("-id").first()
    assert (last.outcome, last.attempts) == ("circuit_open", 0)


def test_half_open_lets_one_probe_through_and_closes_on_success(simulators, household, caseworker):
    tc = household.memberships.first().person.national_id
    Breaker.objects.create(source="sgk", state=BreakerState.OPEN, failures=3, opened_until="2000-01-01T00:00Z")
    SGK.lookup(tc=tc, ctx=_ctx(caseworker))
    assert Breaker.objects.get(source="sgk").state == BreakerState.CLOSED


def test_bulk_answers_many_and_lists_the_unknown(simulators, household, caseworker):
    tcs = [m.person.national_id for m in household.memberships.all()]
    stranger = valid_tc()
    answer = SGK.bulk(tcs=[*tcs, stranger], ctx=_ctx(caseworker))
    assert answer.answered == set(tcs) and answer.not_found == [stranger]
    assert {f.tc for f in answer.facts} == set(tcs)


def test_every_call_carries_purpose_and_requester(simulators, household, caseworker):
    tc = household.memberships.first().person.national_id
    response = httpx.get(f"{simulators.url}/sgk/v1/persons/{tc}", headers={"Authorization": "Bearer simulator"})
    assert response.status_code == 400
