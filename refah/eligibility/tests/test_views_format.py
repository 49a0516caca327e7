"""The custom programs screen: the ministry sees every office's programs, grouped, read-only; the form starts empty."""

import pytest
from django.test import Client

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.eligibility import services_parameters
from refah.eligibility.tests.test_custom_programs_db import SPEC

pytestmark = pytest.mark.django_db


def _page(user) -> str:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.get("/eligibility/custom/").content.decode()


def test_ministry_sees_every_office_program_but_cannot_decide(make_staff, office_merkez, office_tuzluca):
    maker = make_staff(office_merkez, Role.PROGRAM_MANAGER)
    services_parameters.custom_program_propose(actor=maker, code="food_card", name="Merkez food card", spec=SPEC)
    other = make_staff(office_tuzluca, Role.PROGRAM_MANAGER)
    services_parameters.custom_program_propose(actor=other, code="coal_card", name="Tuzluca coal card", spec=SPEC)
    ministry = office_create(actor=None, name="Bakanlık", kind=OfficeKind.MINISTRY)
    national = make_staff(ministry, Role.PROGRAM_MANAGER)
    html = _page(national)
    assert "Merkez food card" in html and "Tuzluca coal card" in html
    assert "Iğdır Merkez SYDV" in html and "Tuzluca SYDV" in html  # grouped under their offices
    assert 'value="approve"' not in html  # approving stays with a second manager of the same office


def test_office_sees_only_its_own_and_an_empty_definition_box(make_staff, office_merkez, office_tuzluca):
    other = make_staff(office_tuzluca, Role.PROGRAM_MANAGER)
    services_parameters.custom_program_propose(actor=other, code="coal_card", name="Tuzluca coal card", spec=SPEC)
    html = _page(make_staff(office_merkez, Role.PROGRAM_MANAGER))
    assert "Tuzluca coal card" not in html
    assert 'name="spec"' in html and ">null</textarea>" not in html
