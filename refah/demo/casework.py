"""Social services in the demo: Iğdır's catalogue seeded; Merkez households referred by the caseworker — one to the
SHM overdue and escalated to both levels, one accepted, one declined back to the caseworker, one done; SHM cases of
the social worker at every step (intake, assessment, plan, in progress with sessions held, due and not recorded,
follow-up, closed) and one waiting for the supervisor to assign it; a family-education programme with its sessions,
enrolments and attendance."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from refah.casework import services
from refah.casework.enums import CaseOutcome, ProgrammeKind, ReferralSource, ServiceKind, SessionKind
from refah.casework.models import Service
from refah.demo.clock import as_of, days_back
from refah.demo.households import members
from refah.geo.models import Province

ACTOR = "refah demo_scenario"
REASONS = [
    "Eşler arasında sık tartışma; çocukların okul başarısı düştü.",
    "Annenin eşinin vefatından sonra yoğun yas; psikososyal destek istiyor.",
    "Ergen oğulda madde kullanımı şüphesi; aile destek istiyor.",
    "Yalnız yaşayan yaşlı; günlük bakım ihtiyacı var.",
    "Konut nemli ve küflü; çocuklarda solunum sorunları.",
    "Aile bütçesini yönetemiyor; borç yükü artıyor.",
]


def _refer(actor, household, kind: str, reason: str, days_ago: int, person=None):
    with as_of(days_ago):
        return services.referral_create(
            actor=actor, household=household, kind=kind, reason=reason, source=ReferralSource.COUNTER, person=person
        )


def _referrals(cast, households: list) -> dict[str, int]:
    """Four referrals by the Merkez caseworker, each at a different point."""
    caseworker, worker = cast["caseworker"], cast["social_worker"]
    _refer(caseworker, households[0], ServiceKind.PSYCHOSOCIAL_SUPPORT, REASONS[1], 30)
    with as_of(12):
        services.referrals_escalate()  # level 1: the SHM's workers and the area's supervisors told
    services.referrals_escalate()  # level 2 (five days on): the province's supervisors
    accepted = _refer(caseworker, households[1], ServiceKind.ADDICTION_SUPPORT, REASONS[2], 4)
    with as_of(3):
        services.referral_accept(actor=worker, referral=accepted)
    declined = _refer(caseworker, households[2], ServiceKind.FAMILY_COUNSELLING, REASONS[4], 6)
    with as_of(2):
        services.referral_decline(
            actor=worker, referral=declined, reason="Barınma sorunu belediyenin konut desteğinin konusu."
        )
    done = _refer(caseworker, households[3], ServiceKind.FAMILY_COUNSELLING, REASONS[5], 40)
    with as_of(38):
        services.referral_accept(actor=worker, referral=done)
    with as_of(20):
        services.referral_done(
            actor=worker, referral=done, outcome="Dört oturum aile danışmanlığı; bütçe planı yapıldı."
        )
    return {"referrals (one escalated to level 2, one declined)": 4, "overdue referral escalations": 2}


def _open(actor, household, reason: str, days_ago: int, referral=None, worker=None):
    with as_of(days_ago):
        return services.case_open(
            actor=actor,
            household=household,
            persons=members(household)[:2],
            reason=reason,
            referral=referral,
            worker=worker,
        )


NEEDS = {"family_relations": "serious", "psychosocial": "some", "income": "some", "schooling": "some"}


def _assess(worker, case, days_ago: int) -> None:
    with as_of(days_ago):
        services.assessment_record(
            actor=worker,
            case=case,
            needs=NEEDS,
            strengths="Anne ve baba işbirliğine açık; geniş aile destek oluyor.",
            risks="Tartışmalar çocukların önünde yaşanıyor.",
            risk_level="medium",
            summary="Aile içi iletişim sorunu çocukları etkiliyor; aile danışmanlığı ve izleme önerildi.",
        )


def _plan(worker, case, days_ago: int, *, goals: bool = True) -> None:
    with as_of(days_ago):
        today = timezone.localdate()
        services.plan_record(
            actor=worker,
            case=case,
            summary="Altı oturum aile danışmanlığı, çocuklar için okul rehberlik servisiyle görüşme.",
            review_on=today + dt.timedelta(days=90),
        )
        if goals:
            services.goal_add(
                actor=worker, case=case, text="Haftalık aile toplantısı", target_date=today + dt.timedelta(days=21)
            )
            services.goal_add(
                actor=worker,
                case=case,
                text="Çocukların devamsızlığının bitmesi",
                target_date=today + dt.timedelta(days=60),
            )


def _session(worker, case, days: int, kind=SessionKind.FAMILY_COUNSELLING, notes: str = "") -> None:
    """A session `days` from today (negative: past); past ones held with notes unless `notes` is None."""
    at = days_back(-days, hour=10)
    if days < 0 and notes is not None:
        with as_of(-days):
            services.session_add(actor=worker, case=case, kind=kind, scheduled_at=at, status="held", notes=notes)
    else:
        with as_of(max(-days, 0) + 1):
            services.session_add(actor=worker, case=case, kind=kind, scheduled_at=at)


def _cases(cast, households: list, referral) -> dict[str, int]:
    worker, supervisor = cast["social_worker"], cast["supervisor"]
    _open(worker, households[4], REASONS[0], 2)  # intake
    assessing = _open(worker, households[5], REASONS[3], 9)
    _assess(worker, assessing, 7)
    planning = _open(worker, households[1], REASONS[2], 3, referral=referral)
    _assess(worker, planning, 2)
    _plan(worker, planning, 1, goals=False)
    working = _open(worker, households[6], REASONS[0], 45)
    _assess(worker, working, 42)
    _plan(worker, working, 40)
    with as_of(39):
        services.plan_start(actor=worker, case=working)
    _session(worker, working, -35, notes="İlk oturum: eşler birlikte geldi, iletişim kuralları konuşuldu.")
    _session(worker, working, -21, kind=SessionKind.HOME_VISIT, notes="Ev ziyareti: çocuklarla görüşüldü.")
    _session(worker, working, -3, notes=None)  # not recorded: overdue on the caseload
    _session(worker, working, 2)
    following = _open(worker, households[7], REASONS[5], 80)
    _assess(worker, following, 78)
    _plan(worker, following, 76)
    with as_of(75):
        services.plan_start(actor=worker, case=following)
    _session(worker, following, -60, notes="Bütçe planı birlikte hazırlandı.")
    with as_of(14):
        services.case_follow_up(actor=worker, case=following, due_on=[timezone.localdate() + dt.timedelta(days=30)])
    closed = _open(worker, households[8], REASONS[1], 120)
    _assess(worker, closed, 118)
    with as_of(60):
        services.case_close(
            actor=worker,
            case=closed,
            outcome=CaseOutcome.REFERRED_ON,
            note="Ruh sağlığı hizmetine yönlendirildi; aile danışmanlığına gerek kalmadı.",
        )
    _open(supervisor, households[9], REASONS[4], 1)  # waiting for the supervisor to assign it
    return {"SHM cases (intake to closed, one unassigned)": 7}


def _programme(cast, households: list) -> dict[str, int]:
    worker = cast["social_worker"]
    start = timezone.localdate() - dt.timedelta(days=21)
    topics = ["Aile içi iletişim", "Çocuk gelişimi", "Öfke yönetimi", "Aile bütçesi", "Dijital bağımlılık"]
    with as_of(30):
        programme = services.programme_create(
            actor=worker,
            kind=ProgrammeKind.FAMILY_EDUCATION,
            title="Aile Eğitim Programı — Merkez grubu",
            place="Iğdır SHM toplantı salonu",
            starts_on=start,
            ends_on=start + dt.timedelta(days=35),
            capacity=12,
            completion_percent=75,
            sessions=[(start + dt.timedelta(days=7 * k), topic) for k, topic in enumerate(topics)],
        )
    persons = [members(h)[0] for h in households[:8]]
    with as_of(25):
        enrolments = [services.enrol(actor=worker, programme=programme, person=p) for p in persons]
    statuses = ["present", "present", "absent", "present", "excused", "present", "present", "absent"]
    for week, session in enumerate(programme.sessions.filter(date__lte=timezone.localdate())):
        marks = {str(e.pk): statuses[(i + week) % len(statuses)] for i, e in enumerate(enrolments)}
        with as_of((timezone.localdate() - session.date).days):
            services.attendance_record(actor=worker, session=session, marks=marks)
    return {"group programme enrolments": len(enrolments)}


def casework_scenario(cast, households: list) -> dict[str, int]:
    """Seed Iğdır's catalogue, then referrals, SHM cases and a group programme for ten Merkez households."""
    igdir = Province.objects.get(plate=76)
    seeded = services.services_seed(actor=ACTOR, province=igdir)
    households = households[:10]
    counts = {"services in the catalogue": Service.objects.filter(province=igdir).count() or len(seeded)}
    counts |= _referrals(cast, households)
    counselling = _refer(cast["caseworker"], households[1], ServiceKind.FAMILY_COUNSELLING, REASONS[2], 4)
    counts |= _cases(cast, households, counselling)
    counts |= _programme(cast, households)
    return counts
