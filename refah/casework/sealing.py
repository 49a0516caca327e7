"""The hand-over to the sealed services (women's shelters, ŞÖNİM): a referral of a kind in `SEALED_KINDS` is not
kept as an ordinary referral; it is handed to the handler the sealed app registers from its `AppConfig.ready()`
(casework sits below it and never imports it: common/tests/test_layers.py). The handler keeps the referral where
only named staff see it and returns nothing the caller could show.
"""

from __future__ import annotations

from typing import Protocol


class SealedIntake(Protocol):
    def __call__(
        self, *, actor, household, person, service_kind: str, reason: str, source: str, source_ref: str
    ) -> None:
        """Open a sealed intake in the caller's transaction; raise a RefahError for bad input."""


_handler: SealedIntake | None = None


def sealed_intake_register(handler: SealedIntake) -> None:
    global _handler
    _handler = handler


def sealed_intake() -> SealedIntake | None:
    return _handler
