"""The minutes of a meeting as PDF, rendered from what is stored: attendance, quorum, the agenda in its
drawn order, each case's frozen score, recusals with reasons, every vote, the decisions and their justifications.

DejaVu Sans (refah/common/fonts) carries the Turkish letters. The PDF's dates come from the meeting,
so the minutes of a closed meeting are the same bytes every time they are rendered.
"""

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from refah.cases.reasons import reason_labels
from refah.committees.enums import VoteChoice
from refah.committees.selectors import ItemView, meeting_agenda, meeting_members, meeting_quorum, present_member_ids
from refah.eligibility.catalogue import format_amount, program_label

FONT_DIR = Path(__file__).resolve().parent.parent / "common" / "fonts"
FONT = "DejaVu"


class _Minutes(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, _("Page %(page)s") % {"page": self.page_no()}, align="C")


# Labels used inside f-strings: listed here so makemessages extracts them (xgettext skips f-string code).
_F_STRING_LABELS = [
    gettext_noop("Against the objective result. Justification"),
    gettext_noop("Amount"),
    gettext_noop("Closed"),
    gettext_noop("Decision"),
    gettext_noop("Justification"),
    gettext_noop("Location"),
    gettext_noop("Meeting"),
    gettext_noop("Objective need score (frozen)"),
    gettext_noop("Opened"),
    gettext_noop("Reason codes"),
    gettext_noop("Recused"),
    gettext_noop("Scheduled"),
    gettext_noop("Vote"),
    gettext_noop("household"),
]


def minutes_pdf(*, meeting) -> bytes:
    """The minutes of the meeting (open or closed) as PDF bytes."""
    pdf = _Minutes(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_creation_date(meeting.closed_at or meeting.opened_at or meeting.created_at)
    pdf.set_title(_("Minutes of %(meeting)s") % {"meeting": meeting})
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    _head(pdf, meeting)
    _attendance(pdf, meeting)
    for view in meeting_agenda(meeting=meeting):
        _item(pdf, view)
    _signatures(pdf, meeting)
    return bytes(pdf.output())


def _line(pdf: FPDF, text: str, *, size: int = 10, bold: bool = False, height: float = 5.5) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else "—"


def _head(pdf: FPDF, meeting) -> None:
    committee = meeting.committee
    _line(pdf, _("Minutes of the committee meeting"), size=15, bold=True, height=8)
    _line(pdf, f"{committee.name} — {committee.get_kind_display()}", bold=True)
    _line(pdf, f"{committee.office.name} · {_('Meeting')} {meeting.reference}")
    _line(pdf, f"{_('Scheduled')}: {_when(meeting.scheduled_at)}   {_('Location')}: {meeting.location or '—'}")
    _line(pdf, f"{_('Opened')}: {_when(meeting.opened_at)}   {_('Closed')}: {_when(meeting.closed_at)}")
    _line(
        pdf,
        _("Agenda order drawn at random by the system (secrets.SystemRandom) on %(when)s.")
        % {"when": _when(meeting.agenda_built_at)},
    )
    pdf.ln(2)


def _attendance(pdf: FPDF, meeting) -> None:
    present = present_member_ids(meeting=meeting)
    quorum = meeting_quorum(meeting=meeting, present_ids=present)
    _line(pdf, _("Attendance"), size=12, bold=True, height=7)
    for member in meeting_members(meeting=meeting):
        mark = _("present") if member.pk in present else _("absent")
        _line(pdf, f"• {member.full_name} ({member.get_role_display()}, {member.title or '—'}): {mark}")
    _line(
        pdf,
        _("Quorum: %(present)s of %(members)s members present, %(required)s required — %(result)s.")
        % {
            "present": quorum.present,
            "members": quorum.members,
            "required": quorum.required,
            "result": _("met") if quorum.met else _("not met"),
        },
        bold=True,
    )
    pdf.ln(2)


def _item(pdf: FPDF, view: ItemView) -> None:
    case = view.case
    score = "—" if case.need_score is None else f"{case.need_score:.1f}"
    _line(pdf, f"{view.item.position}. {case.reference} — {_('household')} {case.household_code}", size=12, bold=True)
    _line(pdf, f"{_('Objective need score (frozen)')}: {score}")
    for line in case.programs:
        result = {True: _("eligible"), False: _("not eligible"), None: _("no determination")}[line.eligible]
        _line(pdf, f"  {program_label(line.program)}: {result}, {format_amount(line.amount_kurus, line.program)}")
    for recusal in view.recusals:
        _line(pdf, f"{_('Recused')}: {recusal.member.full_name} — {recusal.get_reason_display()} ({recusal.detail})")
    for vote in sorted(view.votes.values(), key=lambda v: (v.program, v.member.full_name)):
        _line(pdf, f"{_('Vote')}: {vote.member.full_name} — {program_label(vote.program)}: {vote.get_choice_display()}")
    for decision in view.decisions:
        _decision(pdf, decision)
    if not view.decisions:
        _line(pdf, _("Not decided at this meeting."))
    pdf.ln(2)


def _decision(pdf: FPDF, decision) -> None:
    tally = ", ".join(f"{choice.label} {decision.tally.get(choice.value, 0)}" for choice in VoteChoice)
    _line(
        pdf,
        f"{_('Decision')}: {program_label(decision.program)} — {decision.get_outcome_display()} ({tally})",
        bold=True,
    )
    if decision.outcome == "approved":
        _line(pdf, f"  {_('Amount')}: {format_amount(decision.amount_kurus, decision.program)}")
    if decision.reason_codes:
        _line(pdf, f"  {_('Reasons')}: {reason_labels(decision.reason_codes)}")
    if decision.against_objective:
        _line(pdf, f"  {_('Against the objective result. Justification')}: {decision.justification}")
    elif decision.justification:
        _line(pdf, f"  {_('Justification')}: {decision.justification}")


def _signatures(pdf: FPDF, meeting) -> None:
    present = present_member_ids(meeting=meeting)
    _line(pdf, _("Signatures of the members present"), size=12, bold=True, height=7)
    for member in meeting_members(meeting=meeting):
        if member.pk in present:
            _line(pdf, f"{member.full_name} ({member.get_role_display()}) ........................................")
