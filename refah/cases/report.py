"""The social investigation report (sosyal inceleme raporu) of a case as PDF, with Turkish letters (DejaVu)."""

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from fpdf import FPDF

from refah.cases.enums import LivingConditions, VisitStatus
from refah.cases.models import Application
from refah.eligibility.catalogue import format_amount, program_label
from refah.registry import selectors as registry_selectors

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parent.parent / "common" / "fonts"


# Labels used inside f-strings: listed here so makemessages extracts them (xgettext skips f-string code).
_F_STRING_LABELS = [
    gettext_noop("Decision"),
    gettext_noop("Household visit"),
]


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def _pair(pdf: FPDF, label: str, value) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(55, 6, label)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 6, str(value or "—"), new_x="LMARGIN", new_y="NEXT")


def investigation_report(*, application: Application) -> bytes:
    """The PDF bytes: household, members, visits with findings and registry changes, frozen score, decisions."""
    household = application.household
    pdf = _pdf()
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 9, _("Social investigation report"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    _pair(pdf, _("Application"), application.reference)
    _pair(pdf, _("Office"), application.office.name)
    _pair(pdf, _("Household"), household.reference_code)
    _pair(pdf, _("Address"), f"{household.address_line}, {household.neighbourhood}, {household.district}")
    _pair(
        pdf,
        _("Dwelling"),
        f"{household.get_dwelling_type_display()}, {household.get_tenure_display()}, "
        f"{household.get_heating_display()}, {household.rooms}",
    )
    _pair(pdf, _("Status"), application.get_status_display())
    _heading(pdf, _("Members"))
    for m in registry_selectors.members_on(household=household):
        pdf.multi_cell(
            0,
            6,
            f"{m.person.full_name} — {m.get_role_display()}, {m.person.age_on(timezone.localdate())}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    for visit in application.visits.filter(status=VisitStatus.DONE).select_related("inspector"):
        _visit(pdf, visit)
    _frozen(pdf, application)
    return bytes(pdf.output())


def _visit(pdf: FPDF, visit) -> None:
    _heading(pdf, f"{_('Household visit')} — {visit.get_kind_display()}")
    _pair(pdf, _("Inspector"), visit.inspector.get_full_name() or visit.inspector.get_username())
    _pair(pdf, _("Visited at"), timezone.localtime(visit.visited_at).strftime("%d.%m.%Y %H:%M"))
    label = LivingConditions(visit.living_conditions).label if visit.living_conditions else ""
    _pair(pdf, _("Living conditions"), label)
    _pair(pdf, _("Assets seen"), visit.assets_seen)
    _pair(pdf, _("Observations"), visit.observations)
    if visit.latitude is not None:
        _pair(pdf, _("Location"), f"{visit.latitude}, {visit.longitude}")
    for change in visit.changes:
        _pair(pdf, _("Registry change"), f"{change['what']}: {change['before'] or '—'} → {change['after']}")


def _frozen(pdf: FPDF, application: Application) -> None:
    frozen = application.snapshots.order_by("-created_at").first()
    if frozen is None:
        return
    _heading(pdf, _("Objective result frozen for the committee"))
    _pair(pdf, _("Need score"), "—" if frozen.need_score is None else f"{frozen.need_score:.1f}")
    applied = set(application.programs.values_list("program", flat=True))
    for d in frozen.determinations:
        if d["program"] in applied:
            result = _("eligible") if d["eligible"] else _("not eligible")
            _pair(pdf, program_label(d["program"]), f"{result}, {format_amount(d['amount_kurus'], d['unit'])}")
    for decision in application.decisions.order_by("round", "program"):
        _pair(
            pdf,
            f"{_('Decision')} {decision.round}: {program_label(decision.program)}",
            f"{decision.get_outcome_display()} ({decision.meeting_ref}) {decision.justification}",
        )
