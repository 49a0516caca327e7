"""The household page's "Social services" section gathers every service app's lines through this hook.

Each app above casework (ASDEP visits, specialised services, veterans, travel cards) registers a provider from its
`AppConfig.ready()`; casework's own referrals and cases are one more provider. A provider is called with the
signed-in user and the household (already read through the registry's permission-checked selector) and returns
the lines that user may see, each already labelled (no codes reach the screen). A sealed service never registers
a provider: nothing of it appears on the household page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceLine:
    family: str  # translated: "Referral", "Care placement", "ASDEP visit", "Travel card"…
    title: str  # translated: what the line is (service, institution, programme)
    status: str  # translated status label
    since: dt.date | None = None
    until: dt.date | None = None
    person: str = ""  # the member's name, when the line is about one member
    url: str = ""  # the line's own page, when the user may open it
    attention: bool = False  # overdue, waiting, escalated: drawn as a warning


Provider = Callable[..., list[ServiceLine]]  # provider(*, user, household) -> lines
_providers: list[tuple[int, Provider]] = []


def household_services_register(provider: Provider, *, order: int = 50) -> None:
    if all(p is not provider for _, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])


def household_service_lines(*, user, household) -> list[ServiceLine]:
    lines: list[ServiceLine] = []
    for _, provider in _providers:
        lines.extend(provider(user=user, household=household))
    return lines
