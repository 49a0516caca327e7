"""The targeting app's proposer, registered with refah.eligibility.proposals at start-up (apps.py)."""

from __future__ import annotations

import datetime as dt

from refah.eligibility.proposals import Proposal
from refah.targeting.explain import proposal_reasons
from refah.targeting.selectors import latest_score


def proposal_of_household(*, household_id, program: str, day: dt.date) -> Proposal | None:
    """The household's latest proposal from an approved model's finished run on or before `day` (None if none).
    The list is the same for every program: the model ranks need, the program's rules decide eligibility."""
    score = latest_score(household_id=household_id, day=day)
    if score is None:
        return None
    model = score.run.model
    return Proposal(
        source="targeting",
        model_version=model.version,
        weights_sha256=model.weights_sha256,
        predicted_ae_kurus=score.predicted_ae_kurus,
        in_list=score.in_list,
        rank=score.rank,
        run_day=score.run.day,
        reasons=proposal_reasons(score.reasons),
    )
