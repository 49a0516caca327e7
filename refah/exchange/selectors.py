"""Reads of the exchange: a household's institutions' data (facts by source, checks, disagreements), one
disagreement, the sources' breaker states. Jurisdiction through the registry's access_household_by_id."""

import dataclasses
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.exchange import errors
from refah.exchange.enums import BreakerState, CheckStatus, DiscrepancyStatus, Source
from refah.exchange.models import Breaker, Discrepancy, SourceCheck
from refah.exchange.sources import FACT_LABELS, MONEY_FACTS
from refah.registry.models import Person
from refah.registry.selectors import access_household_by_id

__all__ = [
    "access_discrepancy_by_id",
    "access_household_by_id",
    "breakers_now",
    "checks_pending",
    "household_sources_read",
]


def require_view(user) -> None:
    if not user.has_perm("exchange.view_sources"):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


@dataclasses.dataclass(frozen=True)
class RecordedFact:
    """One registered fact of a check's latest answer, as the screens and the API show it."""

    person_id: object
    person: Person | None
    source: str
    fact: str
    value_kurus: int | None
    value_text: str
    as_of: object


def recorded_facts(checks, persons: dict | None = None) -> list[RecordedFact]:
    """The facts kept on `checks` (their latest answers), with their persons (read at once unless given)."""
    if persons is None:
        ids = {row[0] for c in checks for row in c.facts if row[0]}
        persons = {str(p.pk): p for p in Person.objects.filter(pk__in=ids)}
    return [
        RecordedFact(
            persons[pid].pk if pid in persons else None, persons.get(pid), c.source, fact, kurus, text, c.as_of
        )
        for c in checks
        for pid, fact, kurus, text in c.facts
    ]


@dataclasses.dataclass
class SourcePanel:
    code: str
    label: str
    check: SourceCheck | None
    breaker: str
    open_until: object
    facts: list = dataclasses.field(default_factory=list)  # (person, label, value, as_of, flagged)

    @property
    def waiting(self) -> bool:
        return self.check is not None and self.check.status == CheckStatus.WAITING


def household_sources_read(*, user, household_id, channel: str = AccessChannel.SCREEN):
    """The household and, per source, its check, breaker state and registered facts with disagreements flagged;
    and the open disagreements. Writes the access-log row (personal data is shown)."""
    require_view(user)
    household = access_household_by_id(user=user, household_id=household_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=household,
        household_id=household.pk,
    )
    discrepancies = list(
        Discrepancy.objects.filter(household=household, status=DiscrepancyStatus.OPEN).select_related("person")
    )
    flagged = {(d.person_id, d.fact) for d in discrepancies}
    checks = {c.source: c for c in SourceCheck.objects.filter(household=household)}
    breakers = {b.source: b for b in Breaker.objects.all()}
    panels = {}
    for code, label in Source.choices:
        breaker = breakers.get(code)
        state = breaker.state if breaker else BreakerState.CLOSED
        until = breaker.opened_until if breaker and state == BreakerState.OPEN else None
        panels[code] = SourcePanel(code, label, checks.get(code), state, until)
    records = recorded_facts(list(checks.values()))
    records.sort(key=lambda r: (r.person.first_name if r.person else "", r.fact))
    for r in records:
        value = r.value_kurus if r.fact in MONEY_FACTS else r.value_text
        panels[r.source].facts.append(
            {
                "record": r,
                "label": FACT_LABELS.get(r.fact, r.fact),
                "money": r.fact in MONEY_FACTS,
                "value": value,
                "flagged": (r.person_id, r.fact) in flagged,
            }
        )
    return household, list(panels.values()), discrepancies


def access_discrepancy_by_id(*, user, discrepancy_id, for_update: bool = False) -> Discrepancy:
    """One disagreement of a household in the user's jurisdiction; outside it, "not found" like a wrong id."""
    require_view(user)
    rows = Discrepancy.objects.select_for_update() if for_update else Discrepancy.objects
    try:
        row = rows.get(pk=discrepancy_id)
    except (Discrepancy.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_DISCREPANCY_NOT_FOUND) from None
    try:
        access_household_by_id(user=user, household_id=row.household_id)
    except NotFoundError:
        raise NotFoundError(errors.ERR_DISCREPANCY_NOT_FOUND) from None
    return row


def checks_pending(*, household_id) -> list[SourceCheck]:
    """The checks of a household that are not ok (waiting or failed): what an application waits for."""
    return list(SourceCheck.objects.filter(household_id=household_id).exclude(status=CheckStatus.OK))


def breakers_now() -> dict[str, str]:
    """Each source's breaker state now (an open one whose pause is over reads as half-open)."""
    now, states = timezone.now(), defaultdict(lambda: BreakerState.CLOSED)
    for b in Breaker.objects.all():
        states[b.source] = BreakerState.HALF_OPEN if b.state == BreakerState.OPEN and b.opened_until <= now else b.state
    return {code: states[code] for code in Source.values}


def checks_of(*, household_id) -> dict[str, SourceCheck]:
    """A household's checks, by source code (the case page and the committee's hold read them)."""
    return {c.source: c for c in SourceCheck.objects.filter(household_id=household_id)}


def households_checked(*, sources, since):
    """A subquery of the households for which every one of `sources` answered or is being retried since `since`
    (a waiting check counts as asked: the exchange's timer retries it)."""
    done = Q(status=CheckStatus.OK, checked_at__gte=since) | Q(status=CheckStatus.WAITING)
    return (
        SourceCheck.objects.filter(done, source__in=list(sources))
        .values("household_id")
        .annotate(n=Count("source", distinct=True))
        .filter(n=len(set(sources)))
        .values("household_id")
    )
