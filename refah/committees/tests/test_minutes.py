"""Minutes PDF: attendance, recusals with reasons, the frozen score, votes, decisions and justifications."""

from django.utils import translation

from refah.committees import services
from refah.committees.minutes import minutes_pdf
from refah.committees.tests.pdftext import pdf_text

P = "family_support"
P_NAME = "Family Support Programme"  # the minutes name programs as people read them


def test_minutes_pdf_contains_the_decisions(open_meeting, members, secretary):
    item = open_meeting.items.get()
    services.recusal_declare(actor=secretary, item=item, member=members[4], reason="Komşusu ve akrabası")
    for member, choice in zip(members[:4], ["reject", "reject", "reject", "approve"], strict=True):
        services.vote_cast(actor=member.user or secretary, item=item, member=member, program=P, choice=choice)
    services.item_decide(
        actor=secretary, item=item, reason_codes={P: ["asset_found"]}, justification="Ailenin işlettiği dükkân var."
    )
    services.meeting_close(actor=secretary, meeting=open_meeting)
    open_meeting.refresh_from_db()
    with translation.override("en"):
        data = minutes_pdf(meeting=open_meeting)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Kaymakam Aydın Toprak (Chair, District governor): present" in text
    assert "Quorum: 5 of 5 members present, 3 required — met." in text
    assert f"1. {item.application.reference}" in text
    assert "Objective need score (frozen): 60.0" in text
    assert "Recused: Muhtar Zehra Aksoy — Declared conflict of interest (Komşusu ve akrabası)" in text
    assert f"Vote: Muhtar Hasan Güneş — {P_NAME}: Approve" in text
    assert f"Decision: {P_NAME} — Rejected (Approve 1, Reject 3, Defer 0, Abstain 0)" in text
    assert "Reasons: asset_found" in text  # an institution's own code, shown as written (refah.cases.reasons)
    assert "Against the objective result. Justification: Ailenin işlettiği dükkân var." in text
    # A closed meeting's minutes are the same bytes every time.
    with translation.override("en"):
        assert minutes_pdf(meeting=open_meeting) == data
