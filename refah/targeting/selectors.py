"""Reads of the targeting app, permission-checked and cut to the user's jurisdiction.

`scores_for` is what the outreach and anomalies parts use: the latest finished run's proposal rows for the
households the user may see. A household's proposal (`household_proposal`) is personal data: the read is logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry.models import Household
from refah.targeting import errors
from refah.targeting.enums import ModelStatus, RunStatus
from refah.targeting.roles import VIEW_MODEL, VIEW_PROPOSAL
from refah.targeting.stored import ScoringRun, TargetingModel, TargetingScore


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


@dataclass(frozen=True)
class ScoreRow:
    household_id: uuid.UUID
    household_code: str
    district_id: int
    predicted_ae_kurus: int
    rank: int
    in_list: bool
    model_version: str
    run_id: uuid.UUID


def latest_run(*, district_ids=None) -> ScoringRun | None:
    """The newest finished run (with an approved model) covering the given districts, or any."""
    runs = ScoringRun.objects.filter(status=RunStatus.DONE, model__status=ModelStatus.APPROVED)
    if district_ids:
        runs = runs.filter(Q(district_id__in=district_ids) | Q(district__isnull=True))
    return runs.select_related("model").order_by("-finished_at", "-created_at").first()


def scores_for(
    *, user, district_ids: list[int] | None = None, in_list: bool | None = None, run: ScoringRun | None = None
) -> list[ScoreRow]:
    """The proposal rows of the latest finished run (or `run`) for households in the user's jurisdiction
    (optionally some districts, optionally only those in or out of the list), best-ranked first."""
    _require(user, VIEW_PROPOSAL)
    run = run or latest_run(district_ids=district_ids)
    if run is None:
        return []
    visible = Household.objects.filter(jurisdiction_q(user)).values("pk")
    scores = TargetingScore.objects.filter(run=run, household_id__in=visible)
    if district_ids is not None:
        scores = scores.filter(district_id__in=district_ids)
    if in_list is not None:
        scores = scores.filter(in_list=in_list)
    rows = scores.order_by("rank").values_list(
        "household_id", "household__reference_code", "district_id", "predicted_ae_kurus", "rank", "in_list"
    )
    version = run.model.version
    return [ScoreRow(h, code, d, p, r, flag, version, run.pk) for h, code, d, p, r, flag in rows]


def models_list(*, user) -> list[TargetingModel]:
    _require(user, VIEW_MODEL)
    return list(TargetingModel.objects.defer("artifact").select_related("registered_by", "approved_by"))


def access_model(*, user, model_id) -> TargetingModel:
    _require(user, VIEW_MODEL)
    try:
        return TargetingModel.objects.defer("artifact").get(pk=uuid.UUID(str(model_id)))
    except (TargetingModel.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_MODEL_NOT_FOUND) from None


def runs_list(*, user, limit: int = 20) -> list[ScoringRun]:
    _require(user, VIEW_MODEL)
    return list(ScoringRun.objects.select_related("model", "province", "district")[:limit])


def access_run(*, user, run_id) -> ScoringRun:
    _require(user, VIEW_MODEL)
    try:
        return ScoringRun.objects.select_related("model").get(pk=uuid.UUID(str(run_id)))
    except (ScoringRun.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_RUN_NOT_FOUND) from None


def household_proposal(*, user, household_id, channel: str = AccessChannel.SCREEN) -> tuple[Household, TargetingScore]:
    """A household's latest proposal with its run and model: in the user's jurisdiction only (elsewhere the same
    "not found" as a wrong id); the read is logged like other reads of personal data."""
    _require(user, VIEW_PROPOSAL)
    try:
        key = uuid.UUID(str(household_id))
        household = Household.objects.filter(jurisdiction_q(user)).get(pk=key)
    except (Household.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND) from None
    score = latest_score(household_id=household.pk)
    if score is None:
        raise NotFoundError(errors.ERR_NO_PROPOSAL)
    access_record(
        actor=user,
        purpose=AccessPurpose.AUDIT,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
    )
    return household, score


def latest_score(*, household_id, day=None) -> TargetingScore | None:
    """The household's score from the newest finished run of an approved model (on or before `day`)."""
    scores = TargetingScore.objects.filter(
        household_id=household_id, run__status=RunStatus.DONE, run__model__status=ModelStatus.APPROVED
    )
    if day is not None:
        scores = scores.filter(run__day__lte=day)
    return scores.select_related("run", "run__model").order_by("-run__finished_at", "-run__created_at").first()
