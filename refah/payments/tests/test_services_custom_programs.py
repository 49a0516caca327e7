"""Custom programs (a municipality's, an NGO's) paid with no code: how they are paid is their approved definition.

Cash goes to the bank (IBAN) or the PTT like a coded program, an aid card program loads the purse its
definition names, an in-kind program delivers its warehouse item; a draft program cannot be paid.
"""

import pytest
from django.test import Client

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.aidcard.models import Purse, PurseLoad
from refah.common.errors import ConflictError, RefahError
from refah.eligibility.services_parameters import custom_program_decide, custom_program_propose
from refah.payments import errors
from refah.payments.iban import tr_iban_make
from refah.payments.models import Entitlement, PaymentCycle, StockLevel
from refah.payments.services import (
    cycle_compute,
    cycle_create,
    cycle_load_aid_cards,
    entitlement_deliver,
    payee_account_set,
    stock_receive,
    warehouse_create,
)
from refah.payments.tests.factories import PERIOD, decision, determination, family
from refah.payments.tests.helpers import approved_batch, exported_xml
from refah.registry.models import Person

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
BASE = {
    "reference": "Iğdır Belediye Meclisi kararı 2025/14",
    "frequency": "monthly",
    "valid_from": "2025-01-01",
    "conditions": [{"block": "income_ratio", "max_ratio": "1/3"}],
}
RENT = {**BASE, "unit": "TRY", "amount": {"per": "household", "value": "1500.00"}, "payment": {"method": "cash"}}
FOOD_CARD = {
    **BASE,
    "unit": "TRY",
    "amount": {"per": "household", "value": "800.00"},
    "payment": {"method": "aid_card", "purse": "food"},
}
PARCELS = {
    **BASE,
    "unit": "parcels",
    "amount": {"per": "household", "value": 2},
    "payment": {"method": "in_kind", "item": "food_parcel", "recipient": "reference"},
}


@pytest.fixture
def municipality(merkez):
    return office_create(actor=None, name="Iğdır Belediyesi", kind=OfficeKind.MUNICIPALITY, district=merkez)


def approved(make_staff, office, code: str, spec: dict, *, approve: bool = True):
    """A custom program proposed by one manager of the office and approved by another (maker–checker)."""
    maker, checker = make_staff(office, Role.PROGRAM_MANAGER), make_staff(office, Role.PROGRAM_MANAGER)
    program = custom_program_propose(actor=maker, code=code, name=code.replace("_", " "), spec=spec)
    return custom_program_decide(actor=checker, program=program, approve=True) if approve else program


def owed(program: str, amount: int, *, office, user, unit: str = "TRY"):
    household, spouse = family()
    determination(household, program, amount, unit=unit)
    decision(household, program, office=office, user=user)
    return household, spouse


def test_municipal_cash_program_pays_by_bank_and_ptt(make_staff, municipality, maker, checker, office_merkez):
    code = approved(make_staff, municipality, "kira_destegi", RENT).engine_code
    with_iban, spouse = owed(code, 150_000, office=office_merkez, user=maker)
    payee_account_set(actor=maker, person=spouse, iban=tr_iban_make(f"{7:022d}"))
    owed(code, 150_000, office=office_merkez, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program=code, period_start=PERIOD))
    assert (cycle.kind, cycle.entitlement_count, cycle.total_kurus) == ("monthly", 2, 300_000)
    channels = dict(Entitlement.objects.values_list("household_id", "channel"))
    assert channels[with_iban.pk] == "bank" and sorted(channels.values()) == ["bank", "ptt"]
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    document = exported_xml(actor=maker, batch=batch)
    assert document.findtext(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", namespaces=NS) == "1500.00"
    assert document.findtext(".//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == tr_iban_make(f"{7:022d}")


def test_ngo_card_program_loads_the_purse_its_definition_names(make_staff, merkez, maker, office_merkez):
    ngo = office_create(actor=None, name="Türk Kızılay Iğdır Şubesi", kind=OfficeKind.NGO, province=merkez.province)
    code = approved(make_staff, ngo, "gida_karti", FOOD_CARD).engine_code
    household, _ = owed(code, 80_000, office=office_merkez, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program=code, period_start=PERIOD))
    assert Entitlement.objects.get().channel == "aid_card"
    assert cycle_load_aid_cards(actor=maker, cycle=cycle) == 1
    assert cycle_load_aid_cards(actor=maker, cycle=cycle) == 0  # loaded once
    purse = Purse.objects.get(household=household)
    assert (purse.kind, purse.available) == ("food", 80_000)
    assert PurseLoad.objects.get().source_ref == f"entitlement:{Entitlement.objects.get().pk}"
    assert Entitlement.objects.get().status == "paid"


def test_in_kind_program_delivers_its_warehouse_item_to_the_reference_person(make_staff, municipality, maker):
    code = approved(make_staff, municipality, "gida_kolisi", PARCELS).engine_code
    household, _ = owed(code, 2, office=municipality, user=maker, unit="parcels")
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program=code, period_start=PERIOD))
    entitlement = Entitlement.objects.get(cycle=cycle)
    assert (entitlement.channel, entitlement.unit, entitlement.amount_kurus) == ("in_kind", "parcels", 2)
    assert entitlement.recipient_name.startswith("Mehmet")  # the reference person, as the definition says
    reference = Person.objects.get(memberships__household=household, memberships__role="reference")
    warehouse = warehouse_create(actor=maker, office=municipality, name="Belediye gıda deposu")
    stock_receive(actor=maker, warehouse=warehouse, item="food_parcel", quantity=10)
    delivery = entitlement_deliver(
        actor=maker,
        entitlement=entitlement,
        warehouse=warehouse,
        receiver_name=reference.full_name,
        receiver_identifier=reference.national_id,
    )
    assert (delivery.item, delivery.quantity, delivery.household_id) == ("food_parcel", 2, household.pk)
    assert StockLevel.objects.get(warehouse=warehouse).quantity == 8
    entitlement.refresh_from_db()
    assert entitlement.status == "delivered"
    with pytest.raises(ConflictError) as error:
        entitlement_deliver(actor=maker, entitlement=entitlement, warehouse=warehouse, signature=None)
    assert error.value.message == errors.ERR_NOT_DELIVERABLE


def test_a_draft_custom_program_cannot_be_paid(make_staff, municipality, maker):
    draft = approved(make_staff, municipality, "kira_destegi", RENT, approve=False)
    with pytest.raises(RefahError) as error:
        cycle_create(actor=maker, program=draft.engine_code, period_start=PERIOD)
    assert error.value.message == errors.ERR_UNKNOWN_PROGRAM
    with pytest.raises(RefahError):
        cycle_create(actor=maker, program="kira_destegi_00000000", period_start=PERIOD)


def test_cycle_screen_offers_an_approved_custom_program_by_name(make_staff, municipality, maker):
    code = approved(make_staff, municipality, "kira_destegi", RENT).engine_code
    client = Client()
    client.force_login(maker)
    assert f'<option value="{code}">kira destegi</option>' in client.get("/payments/").content.decode()
    response = client.post("/payments/", {"program": code, "period_start": PERIOD.isoformat()})
    assert response.status_code == 302
    assert PaymentCycle.objects.get().program == code
