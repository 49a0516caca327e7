"""A scoring run, as the worker executes it: the registry read as columns, features, predictions, the list set by
policy, the top reasons, and the scores written one INSERT per chunk (idempotent per run).

    registry_read(day, districts)  →  Batch (columnar)  →  feature_matrix  →  Artifact.predict
        →  policy: cut-off for coverage (per province where the parameter says so) or for a budget
        →  ranks (1 = the lowest predicted consumption per adult equivalent, i.e. the most in need)
        →  the top 3 reasons (TreeSHAP / linear terms, stored compactly: explain.stored_reasons)
    →  INSERT … SELECT FROM unnest / json_each, per chunk

Nothing here touches a determination, an application or a decision.
"""

from __future__ import annotations

import json
import logging

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from refah.common.errors import RefahError
from refah.eligibility.db_batch import registry_read
from refah.targeting import errors
from refah.targeting.enums import RunPolicy, RunStatus
from refah.targeting.stored import ScoringRun, TargetingScore

logger = logging.getLogger(__name__)

CHUNK = 20_000

_INSERT_PG = f"""
INSERT INTO {TargetingScore._meta.db_table} (run_id, household_id, district_id, predicted_ae_kurus, rank, in_list,
    reasons)
SELECT %s, t.h, t.d, t.p, t.r, t.l, t.j::jsonb
FROM unnest(%s::uuid[], %s::bigint[], %s::bigint[], %s::int[], %s::boolean[], %s::text[]) AS t(h, d, p, r, l, j)
ON CONFLICT (run_id, household_id) DO NOTHING
"""
_INSERT_SQLITE = f"""
INSERT INTO {TargetingScore._meta.db_table} (run_id, household_id, district_id, predicted_ae_kurus, rank, in_list,
    reasons)
SELECT %s, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
    json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]')
FROM json_each(%s) WHERE true
ON CONFLICT (run_id, household_id) DO NOTHING
"""


def _progress(run: ScoringRun, percent: int, stage: str) -> None:
    run.progress, run.stage = max(0, min(100, int(percent))), stage[:200]
    ScoringRun.objects.filter(pk=run.pk).update(progress=run.progress, stage=run.stage, updated_at=timezone.now())


def scoring_run_execute(run_id: str) -> ScoringRun:
    """Execute a waiting run (the worker's task); its status afterwards. A run already done is left as it is."""
    from refah.targeting.services import artifact_of

    run = ScoringRun.objects.select_related("model").get(pk=run_id)
    if run.status == RunStatus.DONE:
        return run
    run.status, run.started_at, run.error = RunStatus.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "error", "updated_at"])
    try:
        artifact = artifact_of(run.model)
        _score(run, artifact)
    except RefahError as exc:
        run.status, run.error = RunStatus.FAILED, str(errors.ERR_RUN_FAILED % {"reason": exc.message})
    except Exception:
        logger.exception("scoring run %s failed", run.pk)
        run.status, run.error = RunStatus.FAILED, str(errors.ERR_RUN_UNEXPECTED)
    else:
        run.status, run.progress = RunStatus.DONE, 100
    run.finished_at = timezone.now()
    run.save()
    return run


def _district_ids(run: ScoringRun) -> list[int] | None:
    if run.district_id:
        return [run.district_id]
    if run.province_id:
        from refah.geo.models import District

        return list(District.objects.filter(province_id=run.province_id).values_list("pk", flat=True))
    return None


def _score(run: ScoringRun, artifact) -> None:
    from refah.targeting.explain import stored_reasons
    from refah.targeting.features import feature_matrix
    from refah.targeting.policy import cutoff_for_budget, cutoff_for_coverage, cutoffs_by_group, select

    _progress(run, 2, "registry")
    frames = registry_read(day=run.day, district_ids=_district_ids(run))
    households = frames.households
    n = frames.n_households
    if n == 0:
        run.households = run.in_list = 0
        return
    _progress(run, 20, "features")
    matrix = feature_matrix(frames.batch())
    _progress(run, 40, "prediction")
    pred = artifact.predict(matrix)
    provinces = households["province_id"].to_numpy()
    if run.policy == RunPolicy.BUDGET:
        amounts = np.full(n, int(run.amount_kurus), dtype=np.int64)
        cutoff = cutoff_for_budget(pred, amounts, int(run.budget_kurus))
        chosen = select(pred, cutoff)
    elif run.by_province:
        cutoff = cutoffs_by_group(pred, provinces, run.coverage_permille / 1000)
        chosen = select(pred, cutoff, provinces)
    else:
        cutoff = cutoff_for_coverage(pred, run.coverage_permille / 1000)
        chosen = select(pred, cutoff)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(pred, kind="stable")] = np.arange(1, n + 1)
    predicted = np.rint(pred).astype(np.int64)
    household_ids = households["household_id"].to_list()
    district_ids = households["district_id"].to_numpy()
    for start in range(0, n, CHUNK):
        rows = np.arange(start, min(start + CHUNK, n))
        reasons = stored_reasons(artifact, matrix, rows)
        _insert(
            run,
            household_ids[start : start + CHUNK],
            district_ids[rows],
            predicted[rows],
            rank[rows],
            chosen[rows],
            reasons,
        )
        _progress(run, 50 + int(50 * rows[-1] / n), "scores")
    run.households, run.in_list = n, int(chosen.sum())
    single = cutoff if not isinstance(cutoff, dict) else max(cutoff.values())
    run.cutoff_kurus = int(np.rint(single)) if np.isfinite(single) else None


def _insert(run, household_ids, districts, predicted, ranks, chosen, reasons) -> None:
    """One INSERT for a chunk's scores: columns as arrays (PostgreSQL) or one JSON array (SQLite)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                _INSERT_PG,
                [
                    run.pk,
                    household_ids,
                    districts.tolist(),
                    predicted.tolist(),
                    ranks.tolist(),
                    chosen.tolist(),
                    reasons,
                ],
            )
        else:
            columns = (household_ids, districts.tolist(), predicted.tolist(), ranks.tolist(), chosen.tolist(), reasons)
            rows = list(zip(*columns, strict=True))
            cursor.execute(_INSERT_SQLITE, [run.pk.hex, json.dumps(rows)])
