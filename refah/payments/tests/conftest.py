"""Finance staff (a maker and a checker) in Iğdır Merkez, one in Tuzluca, and a national one."""

import pytest

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create

DEBTOR_IBAN = "TR330006100519786457841326"


@pytest.fixture
def maker(make_staff, office_merkez):
    return make_staff(office_merkez, Role.FINANCE)


@pytest.fixture
def checker(make_staff, office_merkez):
    return make_staff(office_merkez, Role.FINANCE)


@pytest.fixture
def tuzluca_finance(make_staff, office_tuzluca):
    return make_staff(office_tuzluca, Role.FINANCE)


@pytest.fixture
def national_finance(make_staff, db):
    office = office_create(actor=None, name="Bakanlık", kind=OfficeKind.MINISTRY)
    return make_staff(office, Role.FINANCE)
