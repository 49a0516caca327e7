"""A print batch as the card printer needs it: a PDF of the cards (eight an A4 page, credit-card size, name, photo
place, number, validity) for checking before the run, and a CSV the printer's software reads.

DejaVu Sans (refah/common/fonts) carries the Turkish letters; the dates come from the batch, so a batch renders
to the same bytes every time.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from refah.entitlements.enums import CardStatus
from refah.entitlements.luhn import card_number_grouped
from refah.entitlements.models import PrintBatch, TravelCard
from refah.entitlements.services.batches import valid_until

FONT_DIR = Path(__file__).resolve().parent.parent / "common" / "fonts"
FONT = "DejaVu"
CARD_W, CARD_H = 85.6, 54.0  # ISO/IEC 7810 ID-1, mm
LEFT, TOP, GAP_X, GAP_Y = 15.4, 28.0, 8.0, 8.0
COLUMNS, ROWS = 2, 4
CSV_COLUMNS = [
    "batch",
    "card_number",
    "national_id",
    "first_name",
    "last_name",
    "basis",
    "basis_label",
    "issued_on",
    "valid_until",
]


def batch_cards(batch: PrintBatch) -> list[TravelCard]:
    """The batch's cards to print (a card cancelled before printing is left out), in number order."""
    rows = batch.cards.exclude(status=CardStatus.CANCELLED).select_related("person").order_by("number")
    return list(rows)


def _printed_on(batch: PrintBatch):
    return batch.printed_on or timezone.localdate(batch.created_at)


def batch_pdf(*, batch: PrintBatch) -> bytes:
    """The batch's cards as PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_creation_date(batch.created_at)
    pdf.set_title(_("Print batch %(batch)s") % {"batch": batch.reference})
    pdf.set_auto_page_break(auto=False)
    cards = batch_cards(batch)
    until = valid_until(_printed_on(batch))
    per_page = COLUMNS * ROWS
    for start in range(0, max(len(cards), 1), per_page):
        pdf.add_page()
        pdf.set_font(FONT, "B", 11)
        pdf.set_xy(LEFT, 12)
        head = _("Free travel cards — batch %(batch)s — %(count)s cards — page %(page)s") % {
            "batch": batch.reference,
            "count": len(cards),
            "page": pdf.page_no(),
        }
        pdf.cell(0, 6, head)
        for index, card in enumerate(cards[start : start + per_page]):
            x = LEFT + (index % COLUMNS) * (CARD_W + GAP_X)
            y = TOP + (index // COLUMNS) * (CARD_H + GAP_Y)
            _card(pdf, card, x, y, card.valid_until or until)
    return bytes(pdf.output())


def _card(pdf: FPDF, card: TravelCard, x: float, y: float, until) -> None:
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(x, y, CARD_W, CARD_H, round_corners=True, style="D")
    pdf.set_xy(x + 3, y + 3)
    pdf.set_font(FONT, "B", 9)
    pdf.cell(CARD_W - 6, 4.5, _("FREE TRAVEL CARD"))
    pdf.set_xy(x + 3, y + 7.5)
    pdf.set_font(FONT, "", 6)
    pdf.cell(CARD_W - 6, 3, _("Ministry of Family and Social Services · Law 4736"))
    pdf.rect(x + 3, y + 13, 20, 25, style="D")  # the holder's photograph is printed here
    pdf.set_xy(x + 3, y + 24)
    pdf.set_font(FONT, "", 6)
    pdf.cell(20, 3, _("Photo"), align="C")
    lines = [
        (card.person.full_name, "B", 8.5),
        (card.person.identifier, "", 7),
        (card.get_basis_display(), "", 6.5),
        (_("Valid until %(date)s") % {"date": until.strftime("%d.%m.%Y")}, "", 7),
    ]
    top = y + 14
    for text, style, size in lines:
        pdf.set_xy(x + 26, top)
        pdf.set_font(FONT, style, size)
        pdf.cell(CARD_W - 29, 4.5, text)
        top += 5.5
    pdf.set_xy(x + 3, y + CARD_H - 11)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(CARD_W - 6, 6, card_number_grouped(card.number))


def batch_csv(*, batch: PrintBatch) -> str:
    """The batch's cards as CSV for the card printer (UTF-8, a header row, one card a row)."""
    until = valid_until(_printed_on(batch))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for card in batch_cards(batch):
        writer.writerow(
            [
                batch.reference,
                card.number,
                card.person.identifier,
                card.person.first_name,
                card.person.last_name,
                card.basis,
                card.get_basis_display(),
                (card.issued_on or _printed_on(batch)).isoformat(),
                (card.valid_until or until).isoformat(),
            ]
        )
    return out.getvalue()
