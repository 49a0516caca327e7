"""This month's money: a computed cycle paid by bank (maker–checker, exported, answered) and PTT, coal
deliveries, aid cards with loaded purses, a grocery and the social market with their first sales."""

import io
import random

from django.utils import timezone

from refah.aidcard import services as aidcard
from refah.aidcard.enums import MerchantKind, PurseKind
from refah.aidcard.models import MerchantCategory
from refah.demo.clock import as_of
from refah.demo.households import members, reference
from refah.eligibility.rules import PROGRAMS
from refah.payments import iso20022
from refah.payments.enums import Channel, EntitlementStatus
from refah.payments.iban import tr_iban_make
from refah.payments.models import Entitlement, InKindItem, PaymentLine
from refah.payments.services import (
    batch_answer_import,
    batch_approve,
    batch_create,
    batch_export,
    cycle_compute,
    cycle_create,
    cycle_load_aid_cards,
    delivery_record,
    payee_account_set,
    stock_receive,
    warehouse_create,
)

DEBTOR = ("Iğdır Merkez Sosyal Yardımlaşma ve Dayanışma Vakfı", tr_iban_make("0001000760000000012345"))
FAILED = [("AC04", "closed account"), ("AC01", "wrong account number")]
WITHOUT_IBAN = 2  # households paid in cash at the PTT counter
COAL_KG, COAL_PER_HOUSEHOLD = 60_000, 750
FOOD_LOAD_KURUS = 150_000
MARKET_ITEMS = [  # name, points, opening stock, unit
    ("Un (5 kg)", 120, 80, "paket"),
    ("Ayçiçek yağı (5 L)", 350, 60, "şişe"),
    ("Pirinç (2 kg)", 110, 90, "paket"),
    ("Makarna (500 g)", 25, 200, "paket"),
    ("Mercimek (1 kg)", 70, 100, "paket"),
    ("Bebek bezi (40'lı)", 240, 40, "paket"),
    ("Çamaşır deterjanı (4 kg)", 180, 50, "kutu"),
]


def _days(n: int) -> int:
    """n days ago, but never before the first day of this month (the cycle's month)."""
    return min(n, timezone.localdate().day - 1)


def approved(plan: list, program: str | None = None) -> list:
    return [c for c in plan if c.fate == "approved" and (program is None or c.program == program)]


def payee_accounts(cast, plan: list, seed: int) -> int:
    """The finance officer records the IBANs households brought, except a few who will be paid at the PTT."""
    rng, count = random.Random(seed), 0
    coded = [c.household for c in approved(plan) if c.program in PROGRAMS and c.program != "social_market"]
    custom = [c.household for c in approved(plan) if c.program not in PROGRAMS]  # the NGO's card needs none
    with as_of(_days(6), hour=11):
        for household in custom + coded[: max(0, len(coded) - WITHOUT_IBAN)]:
            for person in members(household):
                if person.age_on(timezone.localdate()) >= 18:
                    bban = f"00012{0}{rng.randrange(10**15, 10**16)}"
                    payee_account_set(actor=cast["finance"], person=person, iban=tr_iban_make(bban))
                    count += 1
    return count


def cycles_pay(cast, plan: list) -> dict:
    """Compute this month's cycle of each approved programme (coded or custom) paid in money or onto a card;
    bank batch through to reconciliation, PTT batch awaiting its second signature, aid card purse loads."""
    period = timezone.localdate().replace(day=1)
    out = {"cycles": 0, "entitlements": 0, "batches": 0, "paid": 0, "failed": 0, "aid_card_loads": 0}
    for program in sorted({c.program for c in approved(plan)} - {"heating_aid"}):
        with as_of(_days(3), hour=9):
            cycle = cycle_compute(
                actor=cast["finance"], cycle=cycle_create(actor=cast["finance"], program=program, period_start=period)
            )
        out["cycles"] += 1
        out["entitlements"] += cycle.entitlement_count
        if Entitlement.objects.filter(cycle=cycle, channel=Channel.AID_CARD).exists():
            # social_market, and a custom programme whose definition says it is paid onto an aid card purse
            with as_of(_days(3), hour=9, minute=30):
                out["aid_card_loads"] += cycle_load_aid_cards(actor=cast["finance"], cycle=cycle)
            continue
        out["batches"] += _bank(cast, cycle, out)
        out["batches"] += _ptt(cast, cycle)
    return out


def _bank(cast, cycle, out: dict) -> int:
    if not Entitlement.objects.filter(cycle=cycle, channel=Channel.BANK, status=EntitlementStatus.PENDING).exists():
        return 0
    with as_of(_days(3), hour=10):
        batch = batch_create(
            actor=cast["finance"],
            cycle=cycle,
            channel=Channel.BANK,
            debtor_name=DEBTOR[0],
            debtor_iban=DEBTOR[1],
            execution_date=timezone.localdate(),
        )
    with as_of(_days(2), hour=10):
        batch = batch_approve(actor=cast["finance2"], batch=batch)
        batch_export(actor=cast["finance"], batch=batch, fmt="xml", out=io.BytesIO())
    lines = list(PaymentLine.objects.filter(batch=batch).order_by("id").values_list("id", flat=True))
    answers = [(f"RF{pk}", "ACSC", "") for pk in lines]
    for i, (code, _why) in enumerate(FAILED[: max(0, len(lines) - 1)]):
        answers[-1 - i] = (f"RF{lines[-1 - i]}", "RJCT", code)
    with as_of(_days(1), hour=15):
        batch.refresh_from_db()
        changed = batch_answer_import(
            actor=cast["finance"], batch=batch, content=iso20022.pain002_build(batch.message_id, answers), fmt="xml"
        )
    out["paid"] += changed.get("paid", 0)
    out["failed"] += changed.get("failed", 0)
    return 1


def _ptt(cast, cycle) -> int:
    """The PTT batch waits for the second signature: work in progress for the finance office."""
    if not Entitlement.objects.filter(cycle=cycle, channel=Channel.PTT, status=EntitlementStatus.PENDING).exists():
        return 0
    batch_create(
        actor=cast["finance"],
        cycle=cycle,
        channel=Channel.PTT,
        debtor_name=DEBTOR[0],
        debtor_iban=DEBTOR[1],
        execution_date=timezone.localdate(),
    )
    return 1


def coal(cast, plan: list) -> dict:
    """Coal arrives from TKİ; the households approved for heating aid collect theirs against a named receipt."""
    finance = cast["finance"]
    with as_of(_days(15), hour=9):
        warehouse = warehouse_create(actor=finance, office=cast.merkez, name="Iğdır Merkez SYDV kömür deposu")
        stock_receive(
            actor=finance, warehouse=warehouse, item=InKindItem.COAL_KG, quantity=COAL_KG, note="TKİ irsaliye 118"
        )
    delivered = 0
    for n, case in enumerate(approved(plan, "heating_aid") or approved(plan)[:3]):
        person = reference(case.household)
        if person is None or not person.national_id:
            continue
        with as_of(_days(4 - n % 3), hour=10 + n % 6):
            delivery_record(
                actor=finance,
                warehouse=warehouse,
                household=case.household,
                item=InKindItem.COAL_KG,
                quantity=COAL_PER_HOUSEHOLD,
                receiver_name=person.full_name,
                receiver_identifier=person.national_id,
            )
        delivered += 1
    return {"coal_kg": COAL_KG, "deliveries": delivered}


def cards_and_shops(cast, plan: list) -> dict:
    """Aid cards for approved households, the winter food load, a grocery and the social market with sales."""
    numbers = {}
    with as_of(_days(12), hour=13):
        for case in approved(plan):
            card, number = aidcard.card_issue(actor=cast["caseworker"], household=case.household)
            numbers[case.household.pk] = number
            aidcard.purse_load(
                actor=cast["finance"],
                household=case.household,
                purse=PurseKind.FOOD,
                amount_kurus=FOOD_LOAD_KURUS,
                source_ref=f"kis-gida-{timezone.localdate():%Y%m}-{case.household.reference_code}",
            )
    grocery, till = _merchant(cast, "Ağrı Dağı Gıda Market", MerchantKind.SHOP, "5411", "1234567890")
    market, _till = _merchant(cast, "Iğdır Merkez SYDV Sosyal Market", MerchantKind.SOCIAL_MARKET, "SM01", "")
    items = _market_stock(cast, market)
    return {
        "cards": len(numbers),
        "grocery_sales": _grocery_sales(grocery, till, numbers),
        "market_sales": _market_sales(cast, market, items, plan, numbers),
        "merchants": 2,
    }


def _merchant(cast, name: str, kind: str, category: str, tax_number: str):
    with as_of(_days(14), hour=11):
        merchant = aidcard.merchant_create(
            actor=cast["finance"],
            name=name,
            kind=kind,
            district=cast.merkez.district,
            categories=list(MerchantCategory.objects.filter(code=category)),
            tax_number=tax_number,
        )
        terminal, _key = aidcard.terminal_create(actor=cast["finance"], merchant=merchant, name="Kasa 1")
    return merchant, terminal


def _market_stock(cast, market) -> list:
    with as_of(_days(13), hour=14):
        return [
            aidcard.market_item_create(
                actor=cast["finance"], merchant=market, name=name, price_points=points, quantity=stock, unit=unit
            )
            for name, points, stock, unit in MARKET_ITEMS
        ]


def _grocery_sales(grocery, till, numbers: dict) -> int:
    """Captured purchases, one hold still open today and one left open long ago (for `aidcard expire_holds`)."""
    sales = 0
    for n, number in enumerate(list(numbers.values())[:6]):
        with as_of(_days(2) if n else _days(10), hour=17, minute=10 * n):
            hold = aidcard.hold_authorise(
                merchant=grocery,
                terminal=till,
                card_number=number,
                purse=PurseKind.FOOD,
                amount=[342_50, 587_90, 436_00, 264_25, 710_00, 155_75][n],
                idempotency_key=f"kasa1-{n + 1:06d}",
            )
            if 0 < n < 5:
                aidcard.hold_capture(merchant=grocery, hold_id=hold.pk)
                sales += 1
    return sales


def _market_sales(cast, market, items: list, plan: list, numbers: dict) -> int:
    sales = 0
    points = [c.household.pk for c in approved(plan, "social_market") if c.household.pk in numbers]
    for n, household_id in enumerate(points[:4]):
        basket = {str(items[n % len(items)].pk): 1, str(items[(n + 3) % len(items)].pk): 2}
        with as_of(_days(1), hour=10 + n):
            aidcard.market_checkout(
                actor=cast["caseworker"],
                merchant=market,
                card_number=numbers[household_id],
                basket=basket,
                idempotency_key=f"sm-{timezone.localdate():%Y%m%d}-{n + 1:04d}",
            )
        sales += 1
    return sales
