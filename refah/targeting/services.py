"""Writes of the targeting app: registering, approving and retiring models (maker–checker), starting scoring runs.

A model is advisory. Nothing here writes a determination, an application's outcome or a committee decision: a run
stores proposals (TargetingScore) that committees see beside the rules' result (refah.eligibility.proposals).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.accounts.selectors import office_for_user
from refah.audit.actions import AuditAction
from refah.audit.ledger import ledger_append
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.eligibility.params import load_parameters
from refah.geo.models import District, Province
from refah.targeting import errors
from refah.targeting.enums import ModelStatus, RunPolicy
from refah.targeting.roles import MANAGE_MODEL, RUN_SCORING
from refah.targeting.stored import ScoringRun, TargetingModel


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


# ------------------------------------------------------------------------------------------------ the artifact


def artifact_bytes(artifact) -> bytes:
    """The one-file form of an Artifact (models.Artifact.save: a JSON header line, then the weights)."""
    header = json.dumps(json_safe(artifact.header()), ensure_ascii=False, sort_keys=True, allow_nan=False)
    return (header + "\n" + artifact.weights).encode("utf-8")


def artifact_parse(data: bytes, *, field: str = "artifact"):
    """An Artifact from its file's bytes, its weights' hash verified (RefahError naming `field` otherwise)."""
    from refah.targeting.features import FEATURE_NAMES
    from refah.targeting.models import KINDS, Artifact, sha256

    try:
        first, _, weights = bytes(data).decode("utf-8").partition("\n")
        artifact = Artifact(**json.loads(first), weights=weights)
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as exc:
        raise RefahError(errors.ERR_FILE_BAD % {"reason": type(exc).__name__}, field=field) from None
    if artifact.kind not in KINDS or not artifact.version or not weights:
        raise RefahError(errors.ERR_FILE_BAD % {"reason": f"kind {artifact.kind!r}"}, field=field)
    actual = sha256(weights)
    if actual != artifact.weights_sha256:
        raise RefahError(
            errors.ERR_HASH_MISMATCH % {"expected": artifact.weights_sha256[:12], "actual": actual[:12]}, field=field
        )
    if list(artifact.feature_names) != list(FEATURE_NAMES):
        raise RefahError(errors.ERR_FILE_BAD % {"reason": "feature_names"}, field=field)
    return artifact


def artifact_of(model: TargetingModel):
    """The stored model's Artifact; its weights' hash checked against the hash registered (and published)."""
    artifact = artifact_parse(bytes(model.artifact))
    if artifact.weights_sha256 != model.weights_sha256:
        raise RefahError(
            errors.ERR_HASH_MISMATCH % {"expected": model.weights_sha256[:12], "actual": artifact.weights_sha256[:12]},
            field="artifact",
        )
    return artifact


# ------------------------------------------------------------------------------------------------ models


def targeting_model_register(*, actor, path: str | Path | None = None, artifact=None) -> TargetingModel:
    """Register a trained model (a file written by `refah targeting train`, or an Artifact) as a draft."""
    _require(actor, MANAGE_MODEL)
    if (path is None) == (artifact is None):
        raise RefahError(errors.ERR_FILE_MISSING % {"path": "—"}, field="path")
    if path is not None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            raise RefahError(errors.ERR_FILE_MISSING % {"path": str(path)}, field="path") from None
        artifact = artifact_parse(data, field="path")
    else:
        data = artifact_bytes(artifact)
        artifact = artifact_parse(data)
    if TargetingModel.objects.filter(version=artifact.version).exists():
        raise ConflictError(errors.ERR_VERSION_TAKEN % {"version": artifact.version})
    try:
        with transaction.atomic():
            model = TargetingModel.objects.create(
                version=artifact.version,
                kind=artifact.kind,
                weights_sha256=artifact.weights_sha256,
                artifact=data,
                feature_names=list(artifact.feature_names),
                metrics=json_safe(artifact.metrics or {}),
                card=json_safe(artifact.card or {}),
                trained_on=json_safe(artifact.trained_on or {}),
                registered_by=actor,
            )
            audit_record(
                actor=actor,
                action=AuditAction.TARGETING_MODEL_REGISTER,
                obj=model,
                after={"version": model.version, "kind": model.kind, "weights_sha256": model.weights_sha256},
            )
    except IntegrityError:
        raise ConflictError(errors.ERR_VERSION_TAKEN % {"version": artifact.version}) from None
    return model


def json_safe(value):
    """Figures as JSON can hold them: NaN and infinities (a group with no truly poor household) as None."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return json_safe(value.item())
    return value


def _locked(model: TargetingModel) -> TargetingModel:
    return TargetingModel.objects.select_for_update().defer("artifact").get(pk=model.pk)


def _metrics_summary(metrics: dict) -> dict:
    """The model's headline figures for the ledger's private details (scalars only)."""
    return {k: v for k, v in (metrics or {}).items() if isinstance(v, (int, float, str, bool))}


@transaction.atomic
def targeting_model_approve(*, actor, model: TargetingModel) -> TargetingModel:
    """Approve a draft: someone other than who registered it (maker–checker). The earlier approved model is retired
    (one model in force), and the approved model is written to the public ledger once (kind "model")."""
    _require(actor, MANAGE_MODEL)
    model = _locked(model)
    if model.status != ModelStatus.DRAFT:
        raise ConflictError(errors.ERR_NOT_DRAFT % {"status": model.get_status_display()})
    if model.registered_by_id == actor.pk:
        raise PermissionDeniedError(errors.ERR_SAME_PERSON)
    artifact_of(TargetingModel.objects.get(pk=model.pk))  # the stored weights still match their hash
    now = timezone.now()
    for earlier in TargetingModel.objects.select_for_update().filter(status=ModelStatus.APPROVED).defer("artifact"):
        _retire(actor=actor, model=earlier, now=now, note="replaced by " + model.version)
    model.status, model.approved_by, model.approved_at = ModelStatus.APPROVED, actor, now
    model.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TARGETING_MODEL_APPROVE,
        obj=model,
        before={"status": ModelStatus.DRAFT},
        after={"status": model.status, "version": model.version, "weights_sha256": model.weights_sha256},
    )
    ledger_append(
        kind="model",
        ref=model.version[:64],
        data={
            "version": model.version,
            "kind": model.kind,
            "weights_sha256": model.weights_sha256,
            "metrics": _metrics_summary(model.metrics),
            "approved_by": str(actor.pk),
        },
        period=now.strftime("%Y-%m"),
        model=model_ref(model),
    )
    return model


def model_ref(model: TargetingModel) -> str:
    """What the public ledger carries of a model: "<version> <SHA-256 of the weights>"."""
    return f"{model.version} {model.weights_sha256}"


def _retire(*, actor, model: TargetingModel, now, note: str = "") -> None:
    before = model.status
    model.status, model.retired_at = ModelStatus.RETIRED, now
    model.save(update_fields=["status", "retired_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TARGETING_MODEL_RETIRE,
        obj=model,
        before={"status": before},
        after={"status": model.status},
        note=note,
    )


@transaction.atomic
def targeting_model_retire(*, actor, model: TargetingModel) -> TargetingModel:
    """Retire an approved model: its proposals are no longer shown (a draft is retired too: never to be used)."""
    _require(actor, MANAGE_MODEL)
    model = _locked(model)
    if model.status == ModelStatus.RETIRED:
        raise ConflictError(errors.ERR_NOT_APPROVED % {"status": model.get_status_display()})
    _retire(actor=actor, model=model, now=timezone.now())
    return model


# ------------------------------------------------------------------------------------------------ scoring runs


def _parameter(name: str, day: dt.date):
    return load_parameters()[name].at(day)


def scoring_run_request(
    *,
    actor,
    province_id: int | None = None,
    district_id: int | None = None,
    day: dt.date | None = None,
    policy: str = RunPolicy.COVERAGE,
    coverage_percent: int | None = None,
    budget_kurus: int | None = None,
    amount_kurus: int | None = None,
    run_now: bool = False,
) -> ScoringRun:
    """Start a scoring run with the approved model over a province or district in the actor's jurisdiction
    (`actor` None: the timer, the whole country). Checked now (clear errors, nothing stored); run by the worker
    when the transaction commits (or at once with `run_now`)."""
    if actor is not None:
        _require(actor, RUN_SCORING)
    day = day or timezone.localdate()
    model = TargetingModel.objects.filter(status=ModelStatus.APPROVED).defer("artifact").order_by("-approved_at")
    model = model.first()
    if model is None:
        raise ConflictError(errors.ERR_NO_APPROVED)
    province, district = _scope(actor, province_id, district_id)
    if policy not in RunPolicy.values:
        raise RefahError(errors.ERR_COVERAGE, field="policy")
    coverage = coverage_percent if coverage_percent is not None else _parameter("targeting.coverage", day)
    if isinstance(coverage, bool) or not isinstance(coverage, int) or not 1 <= coverage <= 100:
        raise RefahError(errors.ERR_COVERAGE, field="coverage")
    if policy == RunPolicy.BUDGET:
        for name, value in (("budget", budget_kurus), ("amount", amount_kurus)):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise RefahError(errors.ERR_BUDGET, field=name)
    with transaction.atomic():
        run = ScoringRun.objects.create(
            model=model,
            day=day,
            province=province,
            district=district,
            policy=policy,
            coverage_permille=coverage * 10,
            budget_kurus=budget_kurus if policy == RunPolicy.BUDGET else None,
            amount_kurus=amount_kurus if policy == RunPolicy.BUDGET else None,
            by_province=bool(_parameter("targeting.by_province", day)) and district is None,
            requested_by=actor,
        )
        if actor is not None:
            audit_record(
                actor=actor,
                action=AuditAction.TARGETING_RUN_REQUEST,
                obj=run,
                after={"model": model.version, "province": province_id, "district": district_id, "policy": policy},
            )
        if not run_now:
            transaction.on_commit(lambda: _enqueue(run.pk))
    if run_now:
        from refah.targeting.scoring import scoring_run_execute

        return scoring_run_execute(str(run.pk))
    return run


def _enqueue(run_id) -> None:
    from refah.targeting.tasks import scoring_run_task

    scoring_run_task.enqueue(run_id=str(run_id))


def _scope(actor, province_id, district_id) -> tuple[Province | None, District | None]:
    """The run's scope, within the actor's jurisdiction (a district office: its district; a province: its own)."""
    office = office_for_user(actor) if actor is not None else None
    if actor is not None and office is None:
        raise RefahError(errors.ERR_SCOPE, field="district")
    try:
        district = District.objects.select_related("province").get(pk=int(district_id)) if district_id else None
        province = Province.objects.get(pk=int(province_id)) if province_id else None
    except (District.DoesNotExist, Province.DoesNotExist, ValueError, TypeError):
        raise RefahError(errors.ERR_SCOPE, field="district" if district_id else "province") from None
    if district is not None:
        province = district.province
    if office is not None:
        if office.district_id and (district is None or district.pk != office.district_id):
            raise RefahError(errors.ERR_SCOPE, field="district")
        if office.province_id and (province is None or province.pk != office.province_id):
            raise RefahError(errors.ERR_SCOPE, field="province")
    return province, district


__all__ = [
    "artifact_of",
    "artifact_parse",
    "model_ref",
    "scoring_run_request",
    "targeting_model_approve",
    "targeting_model_register",
    "targeting_model_retire",
]
