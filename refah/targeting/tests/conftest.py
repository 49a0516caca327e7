"""Fixtures of the targeting app: one small model trained once per session (a synthetic Iğdır of world A), staff
of a district office, households of the test registry in Iğdır Merkez and one in another district."""

import pytest

from refah.accounts.enums import Role
from refah.committees.tests.conftest import (  # noqa: F401 - the committee's fixtures, for the meeting item
    _quiet_side_effects,
    admin_user,
    board,
    make_case,
    meeting,
    members,
    open_meeting,
    secretary,
)
from refah.registry.tests.factories import household_with_members

_TRAINED = {}


@pytest.fixture(scope="session")
def artifact():
    """A GBM trained on a survey of 800 households drawn from 2,000 synthetic Iğdır households (seed 11)."""
    if "gbm" not in _TRAINED:
        from refah.targeting.commands import train_model

        _TRAINED["gbm"] = train_model(province=76, households=2_000, survey=800, seed=11, kind="gbm")
    return _TRAINED["gbm"]


@pytest.fixture
def manager(make_staff, office_merkez):
    return make_staff(office_merkez, Role.PROGRAM_MANAGER)


@pytest.fixture
def checker(make_staff, office_merkez):
    return make_staff(office_merkez, Role.PROGRAM_MANAGER)


@pytest.fixture
def analyst(make_staff, office_merkez):
    return make_staff(office_merkez, Role.ANALYST)


@pytest.fixture
def registry(merkez):
    """Twelve households in Iğdır Merkez with zero to three children."""
    return [household_with_members(merkez, children=i % 4) for i in range(12)]


@pytest.fixture
def approved(artifact, manager, checker):
    from refah.targeting import services

    model = services.targeting_model_register(actor=manager, artifact=artifact)
    return services.targeting_model_approve(actor=checker, model=model)
