"""The public page "How aid is decided": no sign-in, every figure from where the system keeps it — the need score's
weights, a program's parameter in force (a newly approved dated value shows at once), the committee's rules and
make-up counted by role without names, the deadlines, the ledger's totals and signed head."""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client

from refah.audit import ledger
from refah.cases import deadlines
from refah.committees.models import Committee, CommitteeMember
from refah.eligibility import need_score
from refah.eligibility.models import ApprovalStatus, ParameterValue
from refah.eligibility.params import load_parameters

pytestmark = pytest.mark.django_db


def page(language="en", query="") -> str:
    client = Client()
    client.cookies["django_language"] = language
    answer = client.get(f"/open-data/how-aid-is-decided/{query}")
    assert answer.status_code == 200
    return answer.content.decode()


def cutoff_row(html: str, name: str) -> str:
    start = html.index(f'data-parameter="{name}"')
    return html[start : html.index("</tr>", start)]


def test_the_page_reads_the_rulebook_and_a_new_approved_value_shows(make_staff, office_province, settings):
    from refah.accounts.enums import Role

    today = dt.date.today()
    html = page()
    version = [v for start, v in need_score.load_versions() if start <= today][-1]
    assert f"Version {version['version']}" in html
    assert "Income per person" in html and ">35<" in html  # the income part's weight out of 100
    assert "`" not in html and "zero_need_ratio" not in html  # a rationale's parameter shows as its value
    assert "2/3 × net minimum wage" in html
    parameter = load_parameters()["heating_aid.need_score_cutoff"]
    assert f">{parameter.at(today):g}<" in cutoff_row(html, "heating_aid.need_score_cutoff")
    assert f"within {deadlines.days('objection', today)} days" in html
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)
    ParameterValue.objects.create(
        parameter="heating_aid.need_score_cutoff",
        start=today - dt.timedelta(days=1),
        value="52.5",
        reference="Program birimi kararı",
        status=ApprovalStatus.APPROVED,
        proposed_by=manager,
    )
    assert ">52.5<" in cutoff_row(page(), "heating_aid.need_score_cutoff")
    assert ">52,5<" in cutoff_row(page("tr"), "heating_aid.need_score_cutoff")


def test_committees_are_counted_by_role_without_names(office_merkez, make_staff):
    from refah.accounts.enums import Role

    committee = Committee.objects.create(
        office=office_merkez, name="Iğdır Merkez SYDV Mütevelli Heyeti", kind="sydv_board", quorum_num=1
    )
    chair = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    since = dt.date(2024, 1, 1)
    CommitteeMember.objects.create(
        committee=committee, user=chair, full_name="Kaymakam Zeynep Sarı", title="Kaymakam", role="chair", since=since
    )
    for name in ("Hasan Muhtaroğlu", "Veli Köylü"):
        CommitteeMember.objects.create(committee=committee, full_name=name, title="Muhtar", since=since)
    CommitteeMember.objects.create(  # left: not counted
        committee=committee, full_name="Eski Üye", title="Muhtar", since=since, until=dt.date(2024, 6, 1)
    )
    html = page()
    assert "Iğdır Merkez SYDV Mütevelli Heyeti" in html
    assert "1 chair; 1 staff, 2 from outside" in html and "Muhtar: 2" in html and "Kaymakam: 1" in html
    assert "more than 1/2 of the sitting members" in html
    for name in ("Zeynep", "Hasan", "Veli", "Eski"):
        assert name not in html
    assert "Tuzluca" not in page(query="?province=TUR076")  # only Iğdır's committees; there is one
    assert page(query="?province=1").count("Mütevelli Heyeti</td>") == 0


def test_the_ledger_totals_and_head_are_shown_and_small_kinds_hidden(settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    with transaction.atomic():
        for i in range(7):
            ledger.ledger_append(
                kind="payment",
                ref=f"line-{i}",
                data={},
                program="family_support",
                period="2026-03",
                amount_kurus=100_000,
                office_code="SYDV-76-01",
            )
        for i in range(2):
            ledger.ledger_append(kind="decision", ref=f"d-{i}", data={}, program="family_support", period="2026-03")
    ledger.ledger_sign(force=True)
    html = page()
    head = ledger.ledger_head()
    assert head.root_hash in html and f"{head.tree_size} entries" in html
    # 2 decisions are too few: hidden, and the payments with them (else 9 − 7 gives them away); 9 entries shown
    assert 'Decisions recorded</dt>\n      <dd class="num">•' in html
    assert 'Payments recorded</dt>\n      <dd class="num">•' in html
    assert '<dd class="num">9</dd>' in html


def test_the_page_in_turkish_has_no_english_headings():
    html = page("tr")
    for english in (
        "How aid is decided",
        "Income per person",
        "Weight (of 100)",
        "objection path",
        "Decisions recorded",
    ):
        assert english not in html
    assert "Yardıma nasıl karar verilir" in html and "Kişi başına gelir" in html and "itiraz" in html
