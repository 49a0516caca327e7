"""A small hand-built world for the indicators' tests: Iğdır Merkez and Tuzluca, with aid paid, decisions (on time
and late), payment lines, referrals, SHM cases, aid records with a giver's report, and survey answers. Each number the
tests expect is written beside the rows that make it."""

import datetime as dt
import itertools
import uuid

from django.utils import timezone

from refah.accounts.enums import Role
from refah.aidrecords.models import AidRecord, Giver, GiverReport
from refah.cases.models import Application, CaseEvent, ProgramDecision
from refah.casework.models import Referral as ServiceReferral
from refah.casework.models import SocialCase
from refah.casework.tests.factories import ServiceFactory
from refah.employment.models import Referral as JobReferral
from refah.payments.models import Entitlement, PaymentBatch, PaymentCycle, PaymentLine
from refah.registry.tests.factories import HouseholdFactory, PersonFactory
from refah.reports.models import SurveyInvitation, SurveyResponse

YEAR = 2025
_seq = itertools.count(1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def entitlement(household, cycle, *, status="pending"):
    return Entitlement.objects.create(
        cycle=cycle,
        household=household,
        program=cycle.program,
        period_start=cycle.period_start,
        amount_kurus=100_000,
        channel="bank",
        inputs_hash=f"{next(_seq):064d}",
        status=status,
        created_at=at(cycle.period_start),
    )


def line(batch, ent, *, status="paid", paid_on: dt.date | None = None):
    return PaymentLine.objects.create(
        batch=batch,
        entitlement=ent,
        amount_kurus=ent.amount_kurus,
        status=status,
        status_at=at(paid_on) if paid_on else None,
    )


def decision_round(household, office, user, *, applied: dt.date, decided: dt.date, rnd: int = 1, restarted=None):
    application = Application.objects.filter(household=household).first() or Application.objects.create(
        reference=f"K{next(_seq):09d}", household=household, office=office, channel="counter", due_on=applied
    )
    Application.objects.filter(pk=application.pk).update(created_at=at(applied))
    if restarted:
        event = CaseEvent.objects.create(
            application=application, actor_label="x", action="object", from_status="approved", to_status="objected"
        )
        CaseEvent.objects.filter(pk=event.pk).update(at=at(restarted))
    for program in ("family_support", "education_aid"):  # two programs, one round: one decision
        ProgramDecision.objects.create(
            application=application,
            household=household,
            program=program,
            round=rnd,
            outcome="approved",
            meeting_ref="m",
            decided_at=at(decided),
            decided_by=user,
        )
    return application


def build(*, merkez, tuzluca, office_merkez, office_tuzluca, office_province, make_staff) -> dict:
    """The world; returns its actors and households."""
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)
    m = [HouseholdFactory(district=merkez) for _ in range(6)]
    t = [HouseholdFactory(district=tuzluca) for _ in range(2)]

    # PG4.1.1: Merkez m0 (bank line paid, Jan and Feb: one household), m1 (aid card paid), m2 (aid record linked);
    # m3 owed but its line failed: not aided. Tuzluca t0 (delivered). → Merkez 3, Tuzluca 1, Iğdır 4; January: Merkez 2
    jan = PaymentCycle.objects.create(program="family_support", period_start=dt.date(YEAR, 1, 1), kind="monthly")
    feb = PaymentCycle.objects.create(program="family_support", period_start=dt.date(YEAR, 2, 1), kind="monthly")
    batch = PaymentBatch.objects.create(
        cycle=jan, office=office_merkez, channel="bank", debtor_name="SYDV", debtor_iban="TR" + "0" * 24,
        execution_date=dt.date(YEAR, 1, 15), created_by=manager,
    )  # fmt: skip
    feb_batch = PaymentBatch.objects.create(
        cycle=feb, office=office_merkez, channel="bank", debtor_name="SYDV", debtor_iban="TR" + "0" * 24,
        execution_date=dt.date(YEAR, 2, 15), created_by=manager,
    )  # fmt: skip
    # payments on time (answer days 2): Jan m0 paid 16 Jan (on time); Feb m0 paid 20 Feb (late); m3 failed (not
    # counted) → 1 of 2 paid lines on time, 50 %
    line(batch, entitlement(m[0], jan), paid_on=dt.date(YEAR, 1, 16))
    late = line(feb_batch, entitlement(m[0], feb), paid_on=dt.date(YEAR, 2, 20))
    entitlement(m[1], jan, status="paid")
    line(batch, entitlement(m[3], jan), status="failed", paid_on=dt.date(YEAR, 1, 16))
    entitlement(t[0], feb, status="delivered")

    giver = Giver.objects.create(name="Merkez SYDV", kind="sydv", office=office_merkez, name_key="merkez sydv")
    for i in range(3):  # 3 records held in the report's period (one linked to m2), 1 outside it
        AidRecord.objects.create(
            giver=giver, office=office_merkez, submitted_by=manager, channel="api", idempotency_key=f"k{i}",
            reference=f"r{i}", content_hash="h", kind="cash", need="subsistence", amount_kurus=5000,
            given_on=dt.date(YEAR, 3, 1 + i), period_start=dt.date(YEAR, 3, 1), period_end=dt.date(YEAR, 3, 31),
            province=merkez.province, district=merkez, household=m[2] if i == 0 else None,
            link_status="linked" if i == 0 else "unlinked",
        )  # fmt: skip
    AidRecord.objects.create(
        giver=giver, office=office_merkez, submitted_by=manager, channel="api", idempotency_key="k9",
        reference="r9", content_hash="h", kind="cash", need="subsistence", amount_kurus=5000,
        given_on=dt.date(YEAR, 7, 1), period_start=dt.date(YEAR, 7, 1), period_end=dt.date(YEAR, 7, 31),
        province=merkez.province, district=merkez, link_status="unlinked",
    )  # fmt: skip
    # PG4.1.5: the giver reported 4 records for March, 3 are held → 75 %
    GiverReport.objects.create(
        giver=giver, period_start=dt.date(YEAR, 3, 1), period_end=dt.date(YEAR, 3, 31), records_given=4,
        reported_by=manager,
    )  # fmt: skip

    # Decisions: first rounds m0 10 days, m1 40 days (late), t0 30 days (on time) → Merkez 50 %, Iğdır 66.7 %,
    # median days Iğdır 30; re-investigation m0 round 2: objection 1 Jun, decided 20 Jun (19 days, late) → 0 %
    decision_round(m[0], office_merkez, manager, applied=dt.date(YEAR, 1, 5), decided=dt.date(YEAR, 1, 15))
    decision_round(m[1], office_merkez, manager, applied=dt.date(YEAR, 2, 1), decided=dt.date(YEAR, 3, 13))
    decision_round(t[0], office_tuzluca, manager, applied=dt.date(YEAR, 3, 1), decided=dt.date(YEAR, 3, 31))
    decision_round(
        m[0], office_merkez, manager, applied=dt.date(YEAR, 1, 5), decided=dt.date(YEAR, 6, 20), rnd=2,
        restarted=dt.date(YEAR, 6, 1),
    )  # fmt: skip

    # PG4.1.4: persons referred to employment: Merkez 2 (one referred twice), Tuzluca 1
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    p1, p2, p3 = PersonFactory(), PersonFactory(), PersonFactory()
    for person, household, day in ((p1, m[0], 3), (p1, m[0], 9), (p2, m[1], 4), (p3, t[0], 5)):
        JobReferral.objects.create(
            person=person, household=household, referred_on=dt.date(YEAR, day, 1), referred_by=caseworker,
            status="closed", closed_on=dt.date(YEAR, day, 2),
        )  # fmt: skip

    # Service referrals: deadline in 2025: done on time (m0), done late (m1), open past deadline (m2), cancelled
    # (m3, not counted) → 1 of 3, 33.3 %
    service = ServiceFactory()
    for household, status, closed, deadline in (
        (m[0], "done", dt.date(YEAR, 4, 1), dt.date(YEAR, 4, 10)),
        (m[1], "done", dt.date(YEAR, 4, 20), dt.date(YEAR, 4, 10)),
        (m[2], "open", None, dt.date(YEAR, 4, 10)),
        (m[3], "cancelled", dt.date(YEAR, 4, 2), dt.date(YEAR, 4, 10)),
    ):
        ServiceReferral.objects.create(
            household=household, service=service, status=status, source="asdep_visit", reason="r",
            deadline=deadline, closed_on=closed,
        )  # fmt: skip

    # Caseload at the end of 2025: Merkez 3 open cases (one closed in 2026 counts), 1 closed in 2025; Merkez has 2
    # social workers, the province office 1 → Merkez 1.5, Iğdır 3 / 3 = 1.0
    workers = [make_staff(office_merkez, Role.SOCIAL_WORKER) for _ in range(2)]
    make_staff(office_province, Role.SOCIAL_WORKER)
    for household, opened, closed in (
        (m[0], dt.date(YEAR, 2, 1), None),
        (m[1], dt.date(YEAR, 3, 1), None),
        (m[2], dt.date(YEAR, 5, 1), dt.date(YEAR + 1, 1, 10)),
        (m[3], dt.date(YEAR, 1, 1), dt.date(YEAR, 6, 1)),
    ):
        SocialCase.objects.create(
            household=household, office=office_merkez, worker=workers[0], status="closed" if closed else "intake",
            reason="r", opened_on=opened, closed_on=closed,
        )  # fmt: skip

    # Surveys: Merkez 4 answers (3 satisfied, 2 fair) of 6 decisions surveyed
    for i in range(6):
        application = Application.objects.create(
            reference=f"S{next(_seq):09d}",
            household=m[5],
            office=office_merkez,
            channel="counter",
            due_on=dt.date(YEAR, 1, 1),
        )
        SurveyInvitation.objects.create(
            application=application, decision_round=1, token_hash=f"{i:064d}", district=merkez, year=YEAR,
            outcome="approved", offered_at=at(dt.date(YEAR, 5, 1)), expires_on=dt.date(YEAR, 6, 1), answered=i < 4,
        )  # fmt: skip
    for sat, fair in ((5, 5), (4, 2), (4, 3), (1, 4)):
        SurveyResponse.objects.create(
            id=uuid.uuid4(), district=merkez, year=YEAR, month=5, outcome="approved", channel="portal",
            satisfaction=sat, fairness=fair,
        )  # fmt: skip
    return {"manager": manager, "m": m, "t": t, "late_line": late}
