"""`scenario_run`: the whole demo scenario for Iğdır Merkez SYDV, in the order things happened."""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from refah.demo import cases, meetings, money
from refah.demo.aid import aid_of_other_givers
from refah.demo.asdep import asdep_scenario
from refah.demo.care import care_scenario
from refah.demo.casework import casework_scenario
from refah.demo.cast import cast_load, extra_user
from refah.demo.clock import as_of
from refah.demo.employment import employment_scenario
from refah.demo.entitlements import entitlements_scenario
from refah.demo.households import Pools
from refah.demo.merges import person_registered_twice
from refah.demo.outreach import outreach_scenario
from refah.demo.reports import reports_scenario
from refah.demo.shelters import shelters_scenario
from refah.demo.targeting import targeting_scenario
from refah.eligibility.models import CustomProgram, Determination
from refah.eligibility.services import determinations_run
from refah.eligibility.services_parameters import custom_program_decide, custom_program_propose

MEETING_HELD = 21  # days ago: last month's board meeting
NEXT_MEETING = 4  # days ahead
OBJECTIONS_FILED, RE_EXAMINATION = 10, 1  # days ago
FATE_LABELS = {
    "received": "received",
    "received_overdue": "received, overdue",
    "investigating": "under investigation, visit assigned",
    "investigating_overdue": "under investigation, visit overdue",
    "visited": "visit recorded",
    "awaiting": "awaiting the committee (next meeting's agenda)",
    "approved": "approved",
    "rejected": "rejected",
    "deferred": "deferred",
    "objected": "rejected, objection filed",
    "re_examined": "objection in re-examination",
    "withdrawn": "withdrawn",
}
# Programmes a municipality and an NGO define without code, each paid as its definition says (cash, aid card).
CUSTOM_PROGRAMS = [
    (
        "municipality",
        ("belediye_mudur", "belediye_bskyrd"),
        {
            "code": "kira_destegi",
            "name": "Iğdır Belediyesi Kira Desteği",
            "spec": {
                "label": {"tr": "Kira desteği", "en": "Rent support"},
                "reference": "Iğdır Belediye Meclisi kararı 2026/41",
                "unit": "TRY",
                "frequency": "monthly",
                "valid_from": "2026-01-01",
                "conditions": [{"block": "income_ratio", "max_ratio": "1/3"}, {"block": "children", "min": 1}],
                "amount": {"per": "household", "value": "1500.00"},
                "payment": {"method": "cash"},
            },
        },
    ),
    (
        "ngo",
        ("kizilay_koordinator", "kizilay_baskan"),
        {
            "code": "gida_karti",
            "name": "Türk Kızılay Iğdır Gıda Kartı",
            "spec": {
                "label": {"tr": "Kızılay gıda kartı", "en": "Red Crescent food card"},
                "reference": "Türk Kızılay Iğdır Şubesi yönetim kurulu kararı 2026/7",
                "unit": "TRY",
                "frequency": "monthly",
                "valid_from": "2026-01-01",
                "conditions": [{"block": "income_ratio", "max_ratio": "1/2"}, {"block": "household_size", "min": 3}],
                "amount": {"per": "member", "value": "250.00"},
                "payment": {"method": "aid_card", "purse": "food"},
            },
        },
    ),
]


@dataclass
class Summary:
    """What the scenario created, for the table the command prints."""

    rows: list = field(default_factory=list)
    seconds: float = 0.0
    determinations_seconds: float = 0.0

    def add(self, area: str, what: str, count) -> None:
        self.rows.append((area, what, count))


def scenario_exists() -> bool:
    cast = cast_load()
    return meetings.board_exists(cast.merkez)


def scenario_run(*, seed: int = 42) -> Summary:
    """Create the scenario (the caller checks scenario_exists first); one transaction, all or nothing."""
    summary = Summary()
    started = time.perf_counter()
    cast = cast_load()
    with transaction.atomic():
        customs = [_custom_program(cast, office, users, definition) for office, users, definition in CUSTOM_PROGRAMS]
    summary.determinations_seconds = _determinations(summary)
    # The scenario's cases are history, from before the institutions were connected: they went to the committee
    # without the institutions' checks. Open applications are checked live by `make demo`'s timer
    # (cases_verify_applications, under REFAH_EXCHANGE_USER) against the simulators.
    with transaction.atomic(), override_settings(REFAH_VERIFY_SOURCES=()):
        _run(cast, seed, summary, [custom.engine_code for custom in customs])
    for custom in customs:
        summary.add("programmes", f"custom programme approved: {custom.name}", 1)
    summary.seconds = round(time.perf_counter() - started, 1)
    return summary


def _custom_program(cast, office: str, users: tuple[str, str], definition: dict) -> CustomProgram:
    """One manager of the office proposes (the municipality's social affairs director, the NGO's
    coordinator); a second approves (the deputy mayor, the branch chair): maker–checker."""
    office = cast.municipality if office == "municipality" else cast.ngo
    existing = CustomProgram.objects.filter(office=office, code=definition["code"]).first()
    if existing is not None:
        return existing
    maker, checker = users
    with as_of(50, hour=11):
        program = custom_program_propose(actor=extra_user(cast, maker), **definition)
    with as_of(49, hour=15):
        return custom_program_decide(actor=extra_user(cast, checker), program=program, approve=True)


def _determinations(summary: Summary) -> float:
    """The month's determinations must exist before cases are drawn and paid (the scenario reads them)."""
    period = timezone.localdate().replace(day=1)
    if Determination.objects.filter(period=period).exists():
        return 0.0
    counts = determinations_run(period=period)
    summary.add("eligibility", f"determinations for {period:%Y-%m} (all households)", counts["determinations"])
    return counts["seconds"]


def _run(cast, seed: int, summary: Summary, custom_codes: list[str]) -> None:
    extra_user(cast, "finance2")
    period = timezone.localdate().replace(day=1)
    pools = Pools(district_id=cast.merkez.district_id, period=period, seed=seed, extra=custom_codes)
    plan = cases.cases_plan(pools) + cases.custom_cases(pools, custom_codes)
    board = meetings.committees_create(cast)
    events = cases.case_events(cast, plan)
    events += [(MEETING_HELD, 0, lambda: meetings.past_meeting(cast, board, plan, held=MEETING_HELD))]
    events += cases.objections(
        cast,
        plan,
        filed=OBJECTIONS_FILED,
        assigned=RE_EXAMINATION,
        inspector_ready=lambda: extra_user(cast, "inspector2"),
    )
    for _days_ago, _order, step in sorted(events, key=lambda e: (-e[0], e[1])):
        step()
    meetings.planned_meeting(cast, board, ahead=NEXT_MEETING)
    for what, count in employment_scenario(cast, _employment_households(plan)).items():
        summary.add("employment", what, count)
    for what, count in casework_scenario(cast, list(dict.fromkeys(c.household for c in plan))).items():
        summary.add("social services", what, count)
    for what, count in care_scenario(cast).items():
        summary.add("specialised services", what, count)
    for what, count in entitlements_scenario(cast).items():
        summary.add("entitlements", what, count)
    for what, count in shelters_scenario(cast).items():
        summary.add("women's protection (sealed)", what, count)
    for what, count in asdep_scenario(cast).items():
        summary.add("asdep", what, count)
    accounts = money.payee_accounts(cast, plan, seed)
    paid = money.cycles_pay(cast, plan)
    coal = money.coal(cast, plan)
    shops = money.cards_and_shops(cast, plan)
    _summarise(summary, plan, accounts, paid, coal, shops)
    for what, count in aid_of_other_givers(cast).items():
        summary.add("other givers", what, count)
    summary.add("registry", "person registered twice, the two records merged", person_registered_twice(cast))
    for what, count in reports_scenario(cast, seed=seed, meeting_held=MEETING_HELD).items():
        summary.add("reports", what, count)
    for what, count in targeting_scenario(cast).items():
        summary.add("targeting", what, count)
    for what, count in outreach_scenario(cast).items():
        summary.add("outreach and anomalies", what, count)


def _employment_households(plan) -> list:
    """Approved households, those on the regular aid a sanction reduces first."""
    approved = [c for c in plan if c.fate == "approved"]
    regular = [c.household for c in approved if c.program in ("family_support", "income_support")]
    return regular + [c.household for c in approved if c.household not in regular]


def _summarise(summary: Summary, plan, accounts: int, paid: dict, coal: dict, shops: dict) -> None:
    fates = {}
    for case in plan:
        fates[case.fate] = fates.get(case.fate, 0) + 1
    for fate, count in fates.items():
        summary.add("cases", FATE_LABELS[fate], count)
    summary.add("committees", "committees (SYDV board, municipal commission)", 2)
    summary.add("committees", "meetings (one closed, one planned with its agenda)", 2)
    summary.add("payments", "payee accounts (IBAN)", accounts)
    for key, value in paid.items():
        summary.add("payments", key.replace("_", " "), value)
    summary.add("in kind", "coal received (kg)", coal["coal_kg"])
    summary.add("in kind", "coal deliveries", coal["deliveries"])
    for key, value in shops.items():
        summary.add("aid card", key.replace("_", " "), value)
