"""The targeting model under /api/v1/targeting/: the models, the scoring runs, a household's proposal."""

import datetime as dt
import uuid

from ninja import Router, Schema

from refah.audit.enums import AccessChannel
from refah.targeting import selectors

router = Router(tags=["targeting"])


class TargetingModelOut(Schema):
    id: uuid.UUID
    version: str
    kind: str
    status: str
    weights_sha256: str
    feature_names: list[str]
    trained_on: dict
    approved_at: dt.datetime | None


class TargetingRunOut(Schema):
    id: uuid.UUID
    model: str
    day: dt.date
    status: str
    progress: int
    households: int
    in_list: int
    created_at: dt.datetime
    finished_at: dt.datetime | None


class TargetingReasonOut(Schema):
    code: str
    label: str
    value: str
    effect: float


class TargetingProposalOut(Schema):
    household_id: uuid.UUID
    model_version: str
    weights_sha256: str
    predicted_ae_kurus: int
    rank: int
    in_list: bool
    run_day: dt.date
    reasons: list[TargetingReasonOut]
    advisory: bool = True


def _model_out(model) -> dict:
    return {
        "id": model.pk,
        "version": model.version,
        "kind": model.kind,
        "status": model.status,
        "weights_sha256": model.weights_sha256,
        "feature_names": model.feature_names,
        "trained_on": model.trained_on,
        "approved_at": model.approved_at,
    }


@router.get("/models", response=list[TargetingModelOut])
def targeting_model_list(request):
    """The registered models (drafts, approved, retired), newest first."""
    return [_model_out(m) for m in selectors.models_list(user=request.user)]


@router.get("/models/{model_id}", response=TargetingModelOut)
def targeting_model_get(request, model_id: str):
    return _model_out(selectors.access_model(user=request.user, model_id=model_id))


@router.get("/runs", response=list[TargetingRunOut])
def targeting_run_list(request):
    """The latest scoring runs with their progress."""
    return [
        {
            "id": r.pk,
            "model": r.model.version,
            "day": r.day,
            "status": r.status,
            "progress": r.progress,
            "households": r.households,
            "in_list": r.in_list,
            "created_at": r.created_at,
            "finished_at": r.finished_at,
        }
        for r in selectors.runs_list(user=request.user)
    ]


@router.get("/households/{household_id}/proposal", response=TargetingProposalOut)
def targeting_household_proposal(request, household_id: str):
    """A household's latest proposal (advisory: the rules stay the legal basis); in the caller's jurisdiction only,
    the read logged."""
    from refah.targeting.explain import proposal_reasons

    household, score = selectors.household_proposal(
        user=request.user, household_id=household_id, channel=AccessChannel.API
    )
    model = score.run.model
    reasons = proposal_reasons(score.reasons)
    return {
        "household_id": household.pk,
        "model_version": model.version,
        "weights_sha256": model.weights_sha256,
        "predicted_ae_kurus": score.predicted_ae_kurus,
        "rank": score.rank,
        "in_list": score.in_list,
        "run_day": score.run.day,
        "reasons": [{"code": r.code, "label": r.label, "value": r.value, "effect": r.effect} for r in reasons],
    }
