"""A computed cycle with entitled households, and the usual batch steps, for batch and property tests."""

import datetime as dt
import io
import xml.etree.ElementTree as ET

from refah.payments.iban import tr_iban_make
from refah.payments.services import (
    batch_approve,
    batch_create,
    batch_export,
    cycle_compute,
    cycle_create,
    payee_account_set,
)
from refah.payments.tests.conftest import DEBTOR_IBAN
from refah.payments.tests.factories import PERIOD, entitled, family

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}


def computed_cycle(*, maker, office, amounts: list[int], program: str = "family_support", district=None):
    """Households owed `amounts` (each with a woman who has an IBAN), computed into a cycle."""
    for i, amount in enumerate(amounts):
        household, spouse = family(district)
        entitled(household, program, amount, office=office, user=maker)
        payee_account_set(actor=maker, person=spouse, iban=tr_iban_make(f"{i:022d}"))
    return cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program=program, period_start=PERIOD))


def approved_batch(*, maker, checker, cycle, channel="bank", retry_of=None):
    batch = batch_create(
        actor=maker,
        cycle=cycle,
        channel=channel,
        debtor_name="Iğdır Merkez SYDV",
        debtor_iban=DEBTOR_IBAN,
        execution_date=dt.date(2025, 3, 5),
        retry_of=retry_of,
    )
    return batch_approve(actor=checker, batch=batch)


def exported_xml(*, actor, batch) -> ET.Element:
    out = io.BytesIO()
    batch_export(actor=actor, batch=batch, fmt="xml", out=out)
    return ET.fromstring(out.getvalue())  # noqa: S314 — our own export
