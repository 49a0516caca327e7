"""The model proposes, the committee decides: the proposal beside the rules on the meeting item, the disagreement
flagged, nothing applied without a decision, and the model's version and hash in the decision's ledger entry."""

import hashlib

from django.urls import reverse

from refah.audit.ledger import ledger_verify
from refah.audit.ledger.encoding import LEAF_FIELDS, entry_public, leaf_bytes
from refah.audit.ledger.merkle import leaf_hash
from refah.audit.models import LedgerEntry
from refah.cases.models import Application, CaseSnapshot, ProgramDecision
from refah.committees import casefile
from refah.committees import services as committee_services
from refah.committees.models import ItemDecision
from refah.eligibility.proposals import legal_basis, proposal_for
from refah.targeting import services
from refah.targeting.stored import TargetingScore

P = "family_support"


def _vote_and_decide(meeting, members, secretary, choice="approve", justification=""):
    item = meeting.items.get()
    for member in members:
        committee_services.vote_cast(actor=member.user or secretary, item=item, member=member, program=P, choice=choice)
    return item, committee_services.item_decide(actor=secretary, item=item, justification=justification)


def _fingerprint() -> str:
    rows = [
        sorted(Application.objects.values_list("pk", "status")),
        sorted(CaseSnapshot.objects.values_list("pk", "determinations", "need_score")),
        sorted(ProgramDecision.objects.values_list("pk", "outcome", "amount_kurus")),
        sorted(ItemDecision.objects.values_list("pk", "outcome")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_a_scoring_run_changes_no_determination_application_or_decision(approved, manager, open_meeting, merkez):
    before = (_fingerprint(), LedgerEntry.objects.count())
    run = services.scoring_run_request(actor=manager, district_id=merkez.pk, run_now=True)
    assert run.households >= 1 and TargetingScore.objects.filter(run=run).exists()
    assert (_fingerprint(), LedgerEntry.objects.count()) == before


def test_the_item_shows_the_proposal_and_the_decision_records_the_model(
    approved, manager, open_meeting, members, secretary, merkez, client
):
    # a budget too small for anyone: the list is empty
    run = services.scoring_run_request(
        actor=manager, district_id=merkez.pk, policy="budget", budget_kurus=1, amount_kurus=100_000, run_now=True
    )
    assert (run.status, run.in_list) == ("done", 0)
    item = open_meeting.items.get()
    case = casefile.case_file(item.application)
    proposal = case.proposal
    assert proposal is not None and proposal.model_version == approved.version
    assert proposal.weights_sha256 == approved.weights_sha256 and len(proposal.reasons) == 3
    assert legal_basis(case.period or item.application.created_at.date()).rules
    # the rules say eligible; the household is not in the model's list: a disagreement, flagged
    assert case.programs[0].eligible and not proposal.in_list and case.programs[0].disagrees
    client.force_login(secretary)
    page = client.get(reverse("committees:meeting_detail", args=[open_meeting.pk]), HTTP_ACCEPT_LANGUAGE="tr")
    text = page.content.decode()
    assert "Hedefleme modelinin önerisi" in text and "Model ile kurallar farklı sonuç veriyor" in text
    assert approved.version in text
    # the committee still decides (here: as the rules say); the model's proposal changed nothing by itself
    assert not ProgramDecision.objects.exists()
    item, (decision,) = _vote_and_decide(open_meeting, members, secretary)
    assert decision.outcome == "approved" and decision.model_ref == f"{approved.version} {approved.weights_sha256}"
    row = ProgramDecision.objects.get(application=item.application)
    entry = LedgerEntry.objects.get(kind="decision", ref=str(row.pk))
    public = entry_public(entry)
    assert public["model"] == decision.model_ref and approved.weights_sha256 in public["model"]
    assert ledger_verify().ok


def test_a_decision_without_a_proposal_has_no_model_field_and_old_leaves_are_unchanged(
    open_meeting, members, secretary
):
    assert proposal_for(open_meeting.items.get().application.household_id, P, open_meeting.scheduled_at.date()) is None
    item, (decision,) = _vote_and_decide(open_meeting, members, secretary)
    assert decision.model_ref == ""
    entry = LedgerEntry.objects.get(kind="decision", ref=str(ProgramDecision.objects.get().pk))
    public = entry_public(entry)
    assert "model" not in public
    # the leaf is exactly the original eight fields: byte-identical to the format before the optional field existed
    original = {field: public[field] for field in LEAF_FIELDS}
    assert leaf_hash(leaf_bytes(public)).hex() == leaf_hash(leaf_bytes(original)).hex() == entry.leaf_hash
    assert ledger_verify().ok
