"""The targeting model in the demo: a small GBM trained on a survey drawn from a separately generated synthetic Iğdır
(world A, 20,000 households, a survey of 4,000, seed fixed), evaluated on world A and on world B (the population
built differently), registered by the ministry's programme manager and approved by the administrator (maker–checker),
then a scoring run over the demo registry, as the weekly timer would: the committee's items show the model's
proposal beside the rules' result, and where the two disagree the item is flagged. The model decides nothing."""

from __future__ import annotations

import time

from refah.targeting import services

HOUSEHOLDS, SURVEY, SEED = 20_000, 4_000, 42


def _sizes() -> tuple[int, int]:
    """20,000 households and a survey of 4,000; for a small demo registry (the tests' 200 households) ten times its
    size, at least 2,000, so that building a small demo stays quick."""
    from refah.registry.models import Household

    households = min(HOUSEHOLDS, max(2_000, 10 * Household.objects.count()))
    return households, min(SURVEY, households // 5)


def targeting_scenario(cast) -> dict[str, int]:
    from refah.targeting.card import model_card
    from refah.targeting.commands import evaluate_model, train_model
    from refah.targeting.stored import TargetingModel

    started = time.perf_counter()
    households, survey = _sizes()
    artifact = train_model(province=76, households=households, survey=survey, seed=SEED, kind="gbm")
    if TargetingModel.objects.filter(version=artifact.version).exists():
        return {}
    reports = [evaluate_model(artifact, world=world) for world in ("a", "b")]
    artifact.metrics = {"reports": [report.to_dict() for report in reports]}
    artifact.card = model_card(artifact, reports)
    model = services.targeting_model_register(actor=cast["manager"], artifact=artifact)
    services.targeting_model_approve(actor=cast["admin"], model=model)
    run = services.scoring_run_request(actor=None, run_now=True)
    return {
        "model trained, evaluated on worlds A and B, registered and approved": 1,
        "households scored by the model": run.households,
        "households in the model's list": run.in_list,
        "seconds (training, evaluation and scoring)": round(time.perf_counter() - started),
    }
