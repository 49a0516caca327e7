"""Proposals beside the rules: what an advisory model says of a household, read through one hook.

Eligibility (and the committees above it) sit below the targeting app, so they never import it: the targeting app
registers a proposer from its AppConfig.ready(), as provided.py lets higher apps provide facts:

    proposer_register("targeting", proposal_of_household)   # (household_id=, program=, day=) → Proposal | None

The legal basis stays the rules until the dated parameter `targeting.legal_basis` says otherwise
(parameters/targeting/legal_basis.yaml: "rules" from 2025-01-01, with its legal reference). A proposal is shown
beside the rules' result, never applied: nothing here writes a determination, an outcome or a decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation

from refah.eligibility.params import load_parameters

LEGAL_BASIS = "targeting.legal_basis"


@dataclass(frozen=True)
class ProposalReason:
    code: str
    label_tr: str
    label_en: str
    value_tr: str
    value_en: str
    effect: float  # signed share of the predicted consumption this feature moved (−0.25: 25 % lower)

    @property
    def label(self) -> str:
        return self.label_tr if _turkish() else self.label_en

    @property
    def value(self) -> str:
        return self.value_tr if _turkish() else self.value_en

    @property
    def percent(self) -> int:
        return round(abs(self.effect) * 100)


def _turkish() -> bool:
    return (translation.get_language() or "tr").startswith("tr")


@dataclass(frozen=True)
class Proposal:
    """One household's advisory proposal: predicted consumption per adult equivalent (kuruş a month), whether it is
    in the model's list, its rank, the top reasons, and the model that made it (version and weights hash)."""

    source: str
    model_version: str
    weights_sha256: str
    predicted_ae_kurus: int
    in_list: bool
    rank: int
    run_day: dt.date
    reasons: tuple[ProposalReason, ...] = field(default_factory=tuple)

    @property
    def model_ref(self) -> str:
        """What the public ledger carries: the version and the SHA-256 of the weights (64 hex digits)."""
        return f"{self.model_version} {self.weights_sha256}"

    def disagrees(self, eligible: bool | None) -> bool:
        """Does the model's list say otherwise than the rules' result (None: the rules gave no result)?"""
        return eligible is not None and bool(eligible) != self.in_list


@dataclass(frozen=True)
class LegalBasis:
    value: str  # "rules": the need score and the program rules decide; the model is advisory
    reference: dict[str, str]

    @property
    def rules(self) -> bool:
        return self.value == "rules"

    @property
    def reference_text(self) -> str:
        return self.reference["tr" if _turkish() else "en"]


Proposer = Callable[..., "Proposal | None"]
_PROPOSERS: dict[str, Proposer] = {}


def proposer_register(name: str, proposer: Proposer) -> None:
    """Register `proposer(household_id=, program=, day=) -> Proposal | None`; registering again replaces it."""
    _PROPOSERS[name] = proposer


def proposal_for(household_id, program: str, day: dt.date) -> Proposal | None:
    """The first registered proposer's proposal for the household on `day`, or None (no proposer, no score)."""
    for proposer in _PROPOSERS.values():
        proposal = proposer(household_id=household_id, program=program, day=day)
        if proposal is not None:
            return proposal
    return None


def legal_basis(day: dt.date) -> LegalBasis:
    """The dated parameter in force on `day`: what decisions rest on (the rules, unless a later value says so)."""
    entry = load_parameters()[LEGAL_BASIS].entry_at(day)
    return LegalBasis(value=str(entry.value), reference=entry.reference)
