"""Registering, approving and retiring models (maker–checker, the hash checked on every load); scoring runs."""

import hashlib
import uuid

import pytest

from refah.audit.ledger import ledger_verify
from refah.audit.models import AuditEvent, LedgerEntry
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.eligibility.db_batch import registry_read
from refah.targeting import services
from refah.targeting.enums import ModelStatus, RunStatus
from refah.targeting.explain import explain, proposal_reasons
from refah.targeting.features import FEATURE_NAMES, feature_matrix
from refah.targeting.stored import TargetingModel, TargetingScore


def test_maker_cannot_approve_and_the_checker_writes_the_model_to_the_ledger(artifact, manager, checker):
    model = services.targeting_model_register(actor=manager, artifact=artifact)
    assert (model.status, model.weights_sha256) == (ModelStatus.DRAFT, artifact.weights_sha256)
    with pytest.raises(PermissionDeniedError):
        services.targeting_model_approve(actor=manager, model=model)
    assert not LedgerEntry.objects.filter(kind="model").exists()
    model = services.targeting_model_approve(actor=checker, model=model)
    assert (model.status, model.approved_by) == (ModelStatus.APPROVED, checker)
    entry = LedgerEntry.objects.get(kind="model", ref=artifact.version)
    assert entry.model == f"{artifact.version} {artifact.weights_sha256}"
    assert ledger_verify().ok
    actions = set(AuditEvent.objects.filter(object_id=str(model.pk)).values_list("action", flat=True))
    assert {"targeting_model_register", "targeting_model_approve"} <= actions
    with pytest.raises(ConflictError):
        services.targeting_model_approve(actor=checker, model=model)
    services.targeting_model_retire(actor=manager, model=model)
    model.refresh_from_db()
    assert model.status == ModelStatus.RETIRED


def test_a_stored_model_whose_weights_were_altered_is_refused(artifact, manager, checker):
    model = services.targeting_model_register(actor=manager, artifact=artifact)
    header, _, weights = bytes(model.artifact).decode().partition("\n")
    TargetingModel.objects.filter(pk=model.pk).update(artifact=(header + "\n" + weights.replace("0", "1", 1)).encode())
    model.refresh_from_db()
    with pytest.raises(RefahError) as exc:
        services.artifact_of(model)
    assert exc.value.field == "artifact"
    with pytest.raises(RefahError):
        services.targeting_model_approve(actor=checker, model=model)
    model.refresh_from_db()
    assert model.status == ModelStatus.DRAFT


def test_bad_inputs_name_the_field_and_store_nothing(artifact, manager, analyst, tmp_path):
    with pytest.raises(RefahError) as exc:
        services.targeting_model_register(actor=manager, path=tmp_path / "missing.model")
    assert exc.value.field == "path"
    broken = tmp_path / "broken.model"
    broken.write_bytes(b"not a model")
    with pytest.raises(RefahError) as exc:
        services.targeting_model_register(actor=manager, path=broken)
    assert exc.value.field == "path"
    with pytest.raises(PermissionDeniedError):
        services.targeting_model_register(actor=analyst, artifact=artifact)
    assert not TargetingModel.objects.exists()
    path = tmp_path / "good.model"
    path.write_bytes(services.artifact_bytes(artifact))  # the file `refah targeting train` writes
    services.targeting_model_register(actor=manager, path=path)
    with pytest.raises(ConflictError):
        services.targeting_model_register(actor=manager, path=path)
    assert TargetingModel.objects.count() == 1


def test_scoring_needs_an_approved_model_and_a_scope_in_the_jurisdiction(artifact, manager, merkez):
    with pytest.raises(ConflictError):
        services.scoring_run_request(actor=manager, district_id=merkez.pk)


def test_a_scoring_run_scores_every_household_once_and_is_idempotent(approved, manager, registry, merkez):
    run = services.scoring_run_request(actor=manager, district_id=merkez.pk, coverage_percent=25, run_now=True)
    assert run.status == RunStatus.DONE, run.error
    assert (run.households, run.in_list, run.progress) == (12, 3, 100)
    scores = TargetingScore.objects.filter(run=run)
    assert scores.count() == 12
    assert sorted(scores.values_list("rank", flat=True)) == list(range(1, 13))
    listed = scores.filter(in_list=True)
    assert max(listed.values_list("predicted_ae_kurus", flat=True)) <= min(
        scores.filter(in_list=False).values_list("predicted_ae_kurus", flat=True)
    )
    first = scores.get(rank=1)
    # stored compactly, [feature, value, effect], largest effect first; worded when read
    assert len(first.reasons) == 3 and first.reasons[0][0] in FEATURE_NAMES
    assert abs(first.reasons[0][2]) >= abs(first.reasons[1][2]) >= abs(first.reasons[2][2])
    worded = proposal_reasons(first.reasons)
    assert worded[0].code == f"targeting.{first.reasons[0][0]}" and worded[0].label_tr and worded[0].value_en
    frames = registry_read(day=run.day, district_ids=[merkez.pk])
    row = [uuid.UUID(str(h)) for h in frames.households["household_id"].to_list()].index(first.household_id)
    direct = explain(services.artifact_of(approved), feature_matrix(frames.batch()), [row])[0]
    assert [(r.code, r.value_tr, r.value_en) for r in direct] == [(w.code, w.value_tr, w.value_en) for w in worded]
    assert [w.effect for w in worded] == pytest.approx([r.effect for r in direct], abs=1e-4)
    before = hashlib.sha256(repr(sorted(scores.values_list("household_id", "rank", "in_list"))).encode()).hexdigest()
    from refah.targeting.scoring import _score  # a worker retry of the same run inserts nothing twice

    _score(run, services.artifact_of(approved))
    after = hashlib.sha256(repr(sorted(scores.values_list("household_id", "rank", "in_list"))).encode()).hexdigest()
    assert scores.count() == 12 and before == after


def test_a_district_office_cannot_score_another_district(approved, manager, registry):
    from refah.geo.models import District

    other = District.objects.exclude(pk=manager.staff.office.district_id).first()
    with pytest.raises(RefahError) as exc:
        services.scoring_run_request(actor=manager, district_id=other.pk)
    assert exc.value.field == "district"
    with pytest.raises(RefahError) as exc:
        services.scoring_run_request(actor=manager, district_id=manager.staff.office.district_id, coverage_percent=0)
    assert exc.value.field == "coverage"
