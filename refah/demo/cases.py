"""Applications in every state, each moved along by the services on the day it happened (see clock.as_of)."""

from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile

from refah.cases import services as cases
from refah.cases.enums import Channel, DocumentType, LivingConditions
from refah.cases.models import Application
from refah.demo.clock import as_of
from refah.demo.households import members, reference

# fate: (how many, days ago submitted (first, step between cases), eligible for the programme?)
FATES = {
    "received": (6, (4, -1), None),
    "received_overdue": (2, (37, 1), None),
    "investigating": (7, (9, 1), None),
    "investigating_overdue": (3, (33, 1), None),
    "visited": (6, (18, 1), None),
    "awaiting": (9, (27, 1), True),
    "approved": (16, (45, 0.4), True),
    "rejected": (9, (44, 0.4), False),
    "deferred": (3, (43, 0.4), None),
    "withdrawn": (1, (12, 0), None),
}
# Of the rejected cases, these file an objection; the last ones are re-examined by another inspector.
OBJECTED, RE_EXAMINED = 4, 2
OBSERVATIONS = {
    LivingConditions.VERY_POOR: "Ev nemli, tek oda sobayla ısınıyor; buzdolabı boş, çocukların kışlık giysisi yok.",
    LivingConditions.POOR: "Kirada oturuyorlar, kira iki aydır ödenmemiş. Hane reisi mevsimlik işçi, şu an işsiz.",
    LivingConditions.FAIR: "Ev sahibi yakınları; düzenli geliri yok ama temel ihtiyaçlar karşılanıyor.",
    LivingConditions.GOOD: "Hanenin beyan edilmemiş bir işyeri geliri olduğu komşulardan ve yerinde tespit edildi.",
}
ID_COPY = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class Case:
    """One planned application: who, for what, and what happens to it."""

    fate: str
    household: object
    program: str
    submitted: int  # days ago
    channel: str = Channel.COUNTER
    application: Application | None = None
    visit: object = None
    notes: list = field(default_factory=list)


def cases_plan(pools) -> list[Case]:
    """Draw the households for every fate (eligible ones for approvals, ineligible ones for rejections)."""
    plan = []
    for fate, (count, (first, step), eligible) in FATES.items():
        for i in range(count):
            drawn = pools.take(pools.program(), eligible=eligible)
            if drawn is None:
                continue
            household, program = drawn
            plan.append(Case(fate, household, program, round(first - i * step)))
    received = [c for c in plan if c.fate == "received"]
    for case, channel in zip(received, [Channel.PORTAL, Channel.PORTAL, Channel.API], strict=False):
        case.channel = channel
    return plan


CUSTOM_APPROVED = 3  # households approved for each custom programme, decided at last month's meeting


def custom_cases(pools, codes: list[str]) -> list[Case]:
    """Applications for the municipality's and the NGO's programmes, approved at the board's last meeting."""
    plan = []
    for code in codes:
        for i in range(CUSTOM_APPROVED):
            household = pools.take_only(code)
            if household is not None:
                plan.append(Case("approved", household, code, 41 - i))
    return plan


def submit(cast, case: Case) -> None:
    with as_of(case.submitted, hour=9 + case.submitted % 7):
        people = members(case.household)
        if case.channel == Channel.PORTAL:
            case.application = cases.application_submit(
                actor=None,
                person=reference(case.household),
                household=case.household,
                programs=[case.program],
                consents=people,
                channel=Channel.PORTAL,
            )
            return
        documents = [(DocumentType.IDENTITY, SimpleUploadedFile("kimlik.pdf", ID_COPY))] if case.submitted % 3 else []
        case.application = cases.application_submit(
            actor=cast["caseworker"],
            household=case.household,
            programs=[case.program],
            consents=people,
            channel=case.channel,
            documents=documents,
            idempotency_key=f"belediye-{case.household.reference_code}" if case.channel == Channel.API else None,
        )


def assign(cast, case: Case, days_ago: int) -> None:
    with as_of(days_ago, hour=11):
        case.visit = cases.visit_assign(actor=cast["caseworker"], application=case.application)


def record(cast, case: Case, days_ago: int, conditions: str) -> None:
    inspector = case.visit.inspector
    with as_of(days_ago, hour=14):
        cases.visit_record(
            actor=inspector,
            visit=case.visit,
            living_conditions=conditions,
            observations=OBSERVATIONS[conditions],
            members_present=[p.pk for p in members(case.household)[:2]],
            assets_seen="Eski bir televizyon, soba" if conditions != LivingConditions.GOOD else "Araç, yeni beyaz eşya",
            latitude="39.920000",
            longitude="44.045000",
        )


def send(cast, case: Case, days_ago: int) -> None:
    with as_of(days_ago, hour=16):
        cases.case_send_to_committee(
            actor=cast["caseworker"], application=case.application, reason="Hane ziyareti tamamlandı."
        )


def conditions_for(case: Case) -> str:
    if case.fate == "rejected":
        return LivingConditions.GOOD if case.submitted % 2 else LivingConditions.FAIR
    return LivingConditions.VERY_POOR if case.submitted % 2 else LivingConditions.POOR


def case_events(cast, plan: list[Case]) -> list[tuple[float, int, object]]:
    """(days ago, order, step) for every step of every case; the scenario runs them oldest first."""
    events = []
    for n, case in enumerate(plan):
        s = case.submitted
        events.append((s, n, lambda c=case: submit(cast, c)))
        if case.fate in ("received", "received_overdue"):
            continue
        if case.fate == "withdrawn":
            events.append((s - 3, n, lambda c=case, d=s - 3: _withdraw(cast, c, d)))
            continue
        assign_day = s - 1 if case.fate == "investigating" else s - 2
        events.append((assign_day, n, lambda c=case, d=assign_day: assign(cast, c, d)))
        if case.fate in ("investigating", "investigating_overdue"):
            continue
        record_day = assign_day - (7 if case.fate == "visited" else 5)
        events.append((record_day, n, lambda c=case, d=record_day: record(cast, c, d, conditions_for(c))))
        if case.fate != "visited":
            send_day = record_day - 2
            events.append((send_day, n, lambda c=case, d=send_day: send(cast, c, d)))
    return events


def _withdraw(cast, case: Case, days_ago: int) -> None:
    with as_of(days_ago, hour=10):
        cases.application_withdraw(
            actor=cast["caseworker"], application=case.application, reason="Başvuru sahibi işe girdiğini bildirdi."
        )


def objections(cast, plan: list[Case], *, filed: int, assigned: int, inspector_ready) -> list[tuple]:
    """Events: some rejected households object (filed days ago); the last are re-examined by another inspector."""
    rejected = [c for c in plan if c.fate == "rejected"][-OBJECTED:]
    events = []
    for i, case in enumerate(rejected):
        events.append((filed - i, 0, lambda c=case, d=filed - i: _object(cast, c, d)))
    events.append((assigned, 0, inspector_ready))
    for case in rejected[-RE_EXAMINED:]:
        events.append((assigned, 1, lambda c=case: _re_examine(cast, c, assigned)))
    for case in rejected:
        case.fate = "objected"
    for case in rejected[-RE_EXAMINED:]:
        case.fate = "re_examined"
    return events


def _object(cast, case: Case, days_ago: int) -> None:
    with as_of(days_ago, hour=10):
        case.application.refresh_from_db()
        cases.objection_file(
            actor=cast["caseworker"],
            application=case.application,
            reason="Hanemin durumu yanlış değerlendirildi; eşim işini kaybetti, kira borcumuz var.",
        )


def _re_examine(cast, case: Case, days_ago: int) -> None:
    with as_of(days_ago, hour=11):
        cases.objection_assign(
            actor=cast["caseworker"], application=case.application, reason="İtiraz üzerine yeniden inceleme."
        )
