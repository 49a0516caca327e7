"""The SYDV board and the municipal commission, last month's meeting (decided) and next week's (agenda built)."""

from django.utils import timezone

from refah.committees import services as committees
from refah.committees.enums import CommitteeKind, MemberRole, VoteChoice
from refah.committees.models import Committee, CommitteeMember
from refah.demo.clock import as_of, days_back

BOARD = "Iğdır Merkez SYDV Mütevelli Heyeti"
COMMISSION = "Iğdır Belediyesi Sosyal Yardım Komisyonu"
LOCATION = "Iğdır Kaymakamlığı toplantı salonu"
# (full name, title, role); None as name: the committee demo user's own seat.
BOARD_SEATS = [
    ("Murat Aksu", "Iğdır Merkez İlçe Kaymakamı (Vali Yardımcısı)", MemberRole.CHAIR),
    (None, "Vakıf Müdürü", MemberRole.MEMBER),
    ("Hülya Tekin", "İlçe Milli Eğitim Müdürü", MemberRole.MEMBER),
    ("Yusuf Erdem", "İlçe Müftüsü", MemberRole.MEMBER),
    ("Kadir Bulut", "Muhtar, Bağlar Mahallesi", MemberRole.MEMBER),
    ("Nermin Yalçın", "Muhtar, Karaağaç Mahallesi", MemberRole.MEMBER),
]
COMMISSION_SEATS = [
    ("Osman Çınar", "Belediye Başkan Yardımcısı", MemberRole.CHAIR),
    ("Gülay Arslan", "Sosyal Yardım İşleri Müdürü", MemberRole.MEMBER),
    ("Hakan Turan", "Belediye Meclis Üyesi", MemberRole.MEMBER),
    ("Sevda Koç", "Belediye Meclis Üyesi", MemberRole.MEMBER),
    ("Emine Yurt", "Muhtar, Yaylalar Mahallesi", MemberRole.MEMBER),
]
ABSENT = "Nermin Yalçın"
RECUSING = "Kadir Bulut"
JUSTIFICATIONS = {
    VoteChoice.APPROVE: "Hane ziyareti ve objektif değerlendirme sonucunda ihtiyaç sahibi olduğu anlaşıldı.",
    VoteChoice.REJECT: "Hane ziyaretinde düzenli gelir ve varlık tespit edildi; ihtiyaç sahipliği oluşmadı.",
    VoteChoice.DEFER: "Eksik bilgi nedeniyle hanenin yeniden ziyaret edilmesine karar verildi.",
}


def committees_create(cast) -> Committee:
    """The board (chaired by the district governor, external) and the municipality's commission, by the admin."""
    admin = cast["admin"]
    since = timezone.localdate().replace(month=1, day=1)
    board = committees.committee_create(
        actor=admin,
        office=cast.merkez,
        name=BOARD,
        kind=CommitteeKind.SYDV_BOARD,
        legal_basis="3294 sayılı Kanun, madde 7",
    )
    for name, title, role in BOARD_SEATS:
        user = cast["committee"] if name is None else None
        committees.member_add(
            actor=admin, committee=board, full_name=name or "", user=user, title=title, role=role, since=since
        )
    commission = committees.committee_create(
        actor=admin,
        office=cast.municipality,
        name=COMMISSION,
        kind=CommitteeKind.MUNICIPAL_COMMISSION,
        legal_basis="5393 sayılı Belediye Kanunu, madde 14 ve 38",
    )
    for name, title, role in COMMISSION_SEATS:
        committees.member_add(actor=admin, committee=commission, full_name=name, title=title, role=role, since=since)
    return board


def _choice(case, member, n: int) -> str:
    """How a member votes on a case: everyone with the intended outcome, one dissenting hand now and then."""
    intended = {"approved": VoteChoice.APPROVE, "deferred": VoteChoice.DEFER}.get(case.fate, VoteChoice.REJECT)
    if member.full_name == "Yusuf Erdem" and n % 5 == 2 and intended != VoteChoice.DEFER:
        return VoteChoice.ABSTAIN
    return intended


def past_meeting(cast, board: Committee, plan: list, *, held: int) -> object:
    """Plan a week before, build the agenda, open with quorum (one muhtar absent), one recusal, votes, decide, close."""
    secretary = cast["committee"]
    when = days_back(held, hour=10)  # before the clock is shifted
    with as_of(held + 7, hour=15):
        meeting = committees.meeting_create(
            actor=secretary, committee=board, reference=_number(when), scheduled_at=when, location=LOCATION
        )
    with as_of(held + 1, hour=16):
        items = committees.agenda_build(actor=secretary, meeting=meeting)
    seats = list(CommitteeMember.objects.filter(committee=board))
    with as_of(held, hour=10):
        committees.meeting_open(actor=secretary, meeting=meeting, present=[m for m in seats if m.full_name != ABSENT])
    by_application = {case.application.pk: case for case in plan if case.application is not None}
    for n, item in enumerate(items):
        with as_of(held, hour=10, minute=5 + n):
            _item_decide(cast, item, by_application[item.application_id], seats, n)
    with as_of(held, hour=12, minute=40):
        committees.meeting_close(actor=secretary, meeting=meeting)
    return meeting


def _item_decide(cast, item, case, seats, n: int) -> None:
    secretary = cast["committee"]
    present = [m for m in seats if m.full_name != ABSENT]
    recused = n == 0
    if recused:
        member = next(m for m in present if m.full_name == RECUSING)
        committees.recusal_declare(
            actor=secretary, item=item, member=member, reason="Başvuru sahibi hane ile akrabalık ilişkisi var."
        )
    for member in present:
        if recused and member.full_name == RECUSING:
            continue
        actor = member.user if member.user_id else secretary
        committees.vote_cast(
            actor=actor, item=item, member=member, program=case.program, choice=_choice(case, member, n)
        )
    intended = {"approved": VoteChoice.APPROVE, "deferred": VoteChoice.DEFER}.get(case.fate, VoteChoice.REJECT)
    committees.item_decide(
        actor=secretary,
        item=item,
        reason_codes={case.program: [] if intended == VoteChoice.APPROVE else ["visit_findings"]},
        justification=JUSTIFICATIONS[intended],
    )


def planned_meeting(cast, board: Committee, *, ahead: int) -> object:
    """Next week's meeting with the cases now awaiting the board on its agenda."""
    secretary = cast["committee"]
    when = days_back(-ahead, hour=10)
    meeting = committees.meeting_create(
        actor=secretary,
        committee=board,
        reference=_number(when),
        scheduled_at=when,
        location=LOCATION,
    )
    committees.agenda_build(actor=secretary, meeting=meeting)
    return meeting


def _number(when) -> str:
    """Meeting numbers by the week of the year (meetings are weeks apart), e.g. 2026/45."""
    return f"{when.isocalendar().year}/{when.isocalendar().week:02d}"


def board_exists(office) -> bool:
    return Committee.objects.filter(office=office, name=BOARD).exists()
