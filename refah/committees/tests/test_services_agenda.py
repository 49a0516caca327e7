"""The agenda is drawn at random (secrets.SystemRandom), stored, audited, and is what the minutes show."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.audit.models import AuditEvent
from refah.committees import errors, services
from refah.committees.minutes import minutes_pdf
from refah.committees.tests.pdftext import pdf_text
from refah.common.errors import RefahError


def _order(meeting) -> tuple:
    return tuple(meeting.items.order_by("position").values_list("application__reference", flat=True))


def _sitting(board, members, secretary, n):
    """A meeting that draws its agenda, opens and closes undecided: its cases return for the next draw."""
    when = timezone.now() + dt.timedelta(days=n)
    meeting = services.meeting_create(actor=secretary, committee=board, reference=f"2026/{n}", scheduled_at=when)
    services.agenda_build(actor=secretary, meeting=meeting)
    services.meeting_open(actor=secretary, meeting=meeting, present=members)
    services.meeting_close(actor=secretary, meeting=meeting)
    return meeting


def test_random_order_is_recorded_and_not_predictable(board, members, secretary, make_case):
    cases = [make_case() for _ in range(6)]
    first = _sitting(board, members, secretary, 1)
    assert sorted(_order(first)) == sorted(a.reference for a in cases)
    audited = AuditEvent.objects.get(action="agenda_build", object_id=str(first.pk))
    assert tuple(audited.after["order"]) == _order(first)
    # Three draws of 6 cases all equal has probability (1/720)² ≈ 2 in a million.
    orders = {
        _order(first),
        _order(_sitting(board, members, secretary, 2)),
        _order(_sitting(board, members, secretary, 3)),
    }
    assert len(orders) > 1


def test_minutes_show_the_stored_order(meeting, secretary, make_case):
    for _ in range(3):
        make_case()
    services.agenda_build(actor=secretary, meeting=meeting)
    text = pdf_text(minutes_pdf(meeting=meeting))
    positions = [text.index(f"{i}. {ref}") for i, ref in enumerate(_order(meeting), start=1)]
    assert positions == sorted(positions)


def test_cases_on_an_unclosed_agenda_are_not_drawn_again(meeting, board, secretary, make_case):
    make_case()
    services.agenda_build(actor=secretary, meeting=meeting)
    other = services.meeting_create(actor=secretary, committee=board, reference="2026/2", scheduled_at=timezone.now())
    with pytest.raises(RefahError) as exc:
        services.agenda_build(actor=secretary, meeting=other)
    assert exc.value.message == errors.ERR_NO_CASES
