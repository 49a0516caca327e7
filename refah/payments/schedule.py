"""How each program is paid: cycle kind, months a cycle covers and channel; dated settings.

Coded programs not listed are monthly, by bank or PTT. Whom a program pays is the eligibility engine's choice,
stored with the determination (the rule's `RECIPIENT`, the woman of the household unless it says the reference
person; a custom program's `payment.recipient`). Changing how a
coded program is paid is an edit of this table; a dated setting gets a new dated value, never an edit of
the past. A custom program (municipality, NGO) is paid as its approved definition says: its `payment`
(cash, in kind, aid card; purse, item, recipient) and frequency are data (eligibility/custom/).
"""

import datetime as dt
from dataclasses import dataclass

from refah.eligibility.rules import PROGRAMS
from refah.payments import sources
from refah.payments.enums import Channel, CycleKind


@dataclass(frozen=True)
class PaymentPlan:
    kind: CycleKind = CycleKind.MONTHLY
    months: int = 1  # months a cycle covers: the monthly amount is multiplied by it
    channel: Channel | None = None  # None: bank when the recipient has an IBAN, PTT cash otherwise
    start_months: tuple[int, ...] = ()  # months a cycle may start in; () means any month
    purse: str = "general"  # the aid card purse an AID_CARD channel loads
    item: str | None = None  # the warehouse item an IN_KIND channel delivers, when it comes from stock


PLANS: dict[str, PaymentPlan] = {
    # Widow aid: 1,000 TL/month paid every two months (cycles start in odd months).
    "widow_aid": PaymentPlan(kind=CycleKind.BIMONTHLY, months=2, start_months=(1, 3, 5, 7, 9, 11)),
    # Heating aid: coal, once a year before winter (cycle in September), delivered in kind.
    "heating_aid": PaymentPlan(kind=CycleKind.SEASONAL, channel=Channel.IN_KIND, start_months=(9,), item="coal_kg"),
    # Birth aid and free travel cards: one-off cycles.
    "birth_aid": PaymentPlan(kind=CycleKind.ONE_OFF),
    "free_travel": PaymentPlan(kind=CycleKind.ONE_OFF, channel=Channel.IN_KIND),
    "free_creche": PaymentPlan(channel=Channel.IN_KIND),
    # Food for newborns and the social market: loaded onto the household's aid card.
    "newborn_food": PaymentPlan(channel=Channel.AID_CARD, purse="food"),
    "social_market": PaymentPlan(channel=Channel.AID_CARD, purse="market"),
}
DEFAULT_PLAN = PaymentPlan()

CUSTOM_KINDS = {"monthly": CycleKind.MONTHLY, "one_off": CycleKind.ONE_OFF, "yearly": CycleKind.SEASONAL}
CUSTOM_CHANNELS = {"cash": None, "in_kind": Channel.IN_KIND, "aid_card": Channel.AID_CARD}


def plan_for(program: str) -> PaymentPlan | None:
    """How a program is paid: a coded program's plan, an approved custom program's terms; None for neither."""
    if program in PROGRAMS:
        return PLANS.get(program, DEFAULT_PLAN)
    custom = sources.custom_program_approved(code=program)
    if custom is None:
        return None
    payment = custom.payment
    return PaymentPlan(
        kind=CUSTOM_KINDS[custom.FREQUENCIES[0]],
        channel=CUSTOM_CHANNELS[payment.method],
        purse=payment.purse or "general",
        item=payment.item,
    )


# Days a PTT cash payment waits to be collected before the money is returned. Source: SYDV–PTT payment
# protocol practice (unverified: 90 days); a new dated value changes it from its date on.
PTT_CLAIM_DAYS: dict[dt.date, int] = {dt.date(2020, 1, 1): 90}


def ptt_claim_days(on: dt.date) -> int:
    """The PTT collection deadline (days) in force on a date."""
    starts = sorted(day for day in PTT_CLAIM_DAYS if day <= on)
    return PTT_CLAIM_DAYS[starts[-1]] if starts else PTT_CLAIM_DAYS[min(PTT_CLAIM_DAYS)]
