"""How each program is paid: cycle kind, months a cycle covers, recipient rule and channel; dated settings.

Programs not listed are monthly, paid to the woman of the household, by bank or PTT. Changing how a
program is paid is an edit of this table; a dated setting gets a new dated value, never an edit of the past.
"""

import datetime as dt
from dataclasses import dataclass

from refah.payments.enums import Channel, CycleKind, RecipientRule


@dataclass(frozen=True)
class PaymentPlan:
    kind: CycleKind = CycleKind.MONTHLY
    months: int = 1  # months a cycle covers: the monthly amount is multiplied by it
    recipient: RecipientRule = RecipientRule.WOMAN
    channel: Channel | None = None  # None: bank when the recipient has an IBAN, PTT cash otherwise
    start_months: tuple[int, ...] = ()  # months a cycle may start in; () means any month


PLANS: dict[str, PaymentPlan] = {
    # Widow aid: 1,000 TL/month paid every two months (cycles start in odd months).
    "widow_aid": PaymentPlan(kind=CycleKind.BIMONTHLY, months=2, start_months=(1, 3, 5, 7, 9, 11)),
    # Heating aid: coal, once a year before winter (cycle in September), delivered in kind.
    "heating_aid": PaymentPlan(
        kind=CycleKind.SEASONAL, recipient=RecipientRule.REFERENCE, channel=Channel.IN_KIND, start_months=(9,)
    ),
    # Birth aid and free travel cards: one-off cycles.
    "birth_aid": PaymentPlan(kind=CycleKind.ONE_OFF),
    "free_travel": PaymentPlan(kind=CycleKind.ONE_OFF, recipient=RecipientRule.REFERENCE, channel=Channel.IN_KIND),
    "free_creche": PaymentPlan(channel=Channel.IN_KIND),
    # Food for newborns and the social market: loaded onto the household's aid card.
    "newborn_food": PaymentPlan(channel=Channel.AID_CARD),
    "social_market": PaymentPlan(channel=Channel.AID_CARD),
    # Pensions and home care: the determination is per household; paid to the reference person.
    "old_age_pension": PaymentPlan(recipient=RecipientRule.REFERENCE),
    "disability_pension": PaymentPlan(recipient=RecipientRule.REFERENCE),
    "home_care": PaymentPlan(recipient=RecipientRule.REFERENCE),
}
DEFAULT_PLAN = PaymentPlan()

AID_CARD_PURSES = {"newborn_food": "food", "social_market": "market"}


def plan_for(program: str) -> PaymentPlan:
    return PLANS.get(program, DEFAULT_PLAN)


# Days a PTT cash payment waits to be collected before the money is returned. Source: SYDV–PTT payment
# protocol practice (unverified: 90 days); a new dated value changes it from its date on.
PTT_CLAIM_DAYS: dict[dt.date, int] = {dt.date(2020, 1, 1): 90}


def ptt_claim_days(on: dt.date) -> int:
    """The PTT collection deadline (days) in force on a date."""
    starts = sorted(day for day in PTT_CLAIM_DAYS if day <= on)
    return PTT_CLAIM_DAYS[starts[-1]] if starts else PTT_CLAIM_DAYS[min(PTT_CLAIM_DAYS)]
