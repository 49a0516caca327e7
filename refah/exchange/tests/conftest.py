"""The simulators as a live server on a free port (a thread of the test process), every source pointed at it."""

import dataclasses
import datetime as dt
import random
import threading

import httpx
import pytest

from refah.exchange.simulators import simulators_server
from refah.exchange.simulators.truth import uniform
from refah.exchange.sources import ALL
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory, valid_tc

SEED = 42


@dataclasses.dataclass
class Sim:
    url: str
    app: object

    def set(self, source: str, **behaviour) -> None:
        """Change a source's behaviour through the simulators' control interface."""
        httpx.put(f"{self.url}/_control/{source}", json=behaviour).raise_for_status()


@pytest.fixture
def simulators(transactional_db, settings):
    config = {
        **settings.REFAH_SIMULATORS,
        "latency_ms": (0, 0),
        "error_rate": 0.0,
        "timeout_rate": 0.0,
        "hang_seconds": 1.0,
        "seed": SEED,
    }
    server = simulators_server(host="127.0.0.1", port=0, config=config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    settings.REFAH_SOURCES = {code: {"url": f"{url}/{code}/v1", "token": config["token"]} for code in ALL}
    settings.REFAH_SOURCE_DEFAULTS = {
        **settings.REFAH_SOURCE_DEFAULTS,
        "connect_timeout": 0.5,
        "read_timeout": 0.4,
        "retries": 2,
        "backoff": 0.01,
        "breaker_failures": 3,
        "breaker_cooldown": 30,
    }
    yield Sim(url=url, app=server.app)
    server.shutdown()
    server.server_close()
    thread.join()


def tc_where(condition) -> str:
    """The first of a fixed sequence of valid TC Kimlik Nos for which `condition(tc)` holds."""
    rng = random.Random(14)
    while True:
        tc = valid_tc(rng)
        if condition(tc):
            return tc


def hides(what: str, below: float):
    """A condition: the truth layer gives this person the hidden `what` (e.g. "sgk.hidden" below 0.05)."""
    return lambda tc: uniform(SEED, tc, what) < below


@pytest.fixture
def household(merkez):
    """A couple and a school child in Iğdır Merkez; the husband works unregistered, and SGK knows better."""
    household = HouseholdFactory(district=merkez)
    husband = PersonFactory(
        national_id=tc_where(hides("sgk.hidden", 0.05)),
        first_name="Şükrü",
        last_name="Işık",
        sex=enums.Sex.MALE,
        birth_date=dt.date(1979, 4, 12),
        employment_status=enums.EmploymentStatus.EMPLOYED_INFORMAL,
    )
    wife = PersonFactory(
        national_id=tc_where(lambda tc: not hides("sgk.hidden", 0.05)(tc) and not hides("egm.hidden", 0.04)(tc)),
        first_name="Gülşen",
        last_name="Işık",
        birth_date=dt.date(1983, 9, 2),
    )
    child = PersonFactory(
        first_name="Çağrı",
        last_name="Işık",
        birth_date=dt.date(2014, 1, 20),
        sex=enums.Sex.MALE,
        employment_status=enums.EmploymentStatus.CHILD,
        school_level=enums.SchoolLevel.PRIMARY,
        marital_status=enums.MaritalStatus.SINGLE,
    )
    for person, role in [(husband, enums.Role.REFERENCE), (wife, enums.Role.SPOUSE), (child, enums.Role.CHILD)]:
        MembershipFactory(household=household, person=person, role=role)
    return household


def facts_stored(**filters) -> list[tuple]:
    """The registered facts kept on the checks (their latest answers): (household, source, person, fact, value,
    text), filtered by check fields (household=, source=)."""
    from refah.exchange.models import SourceCheck

    return [
        (c.household_id, c.source, pid, fact, kurus, text)
        for c in SourceCheck.objects.filter(**filters)
        for pid, fact, kurus, text in c.facts
    ]
