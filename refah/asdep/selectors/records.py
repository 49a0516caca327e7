"""Rounds, visits and risk profiles: one access function per object, lists by jurisdiction, reads of personal
data written to the access log."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from refah.accounts.enums import OfficeKind
from refah.accounts.models import Office
from refah.accounts.selectors import jurisdiction_q
from refah.asdep import errors
from refah.asdep.checklist import AREA_BY_CODE, STORED_AREAS
from refah.asdep.enums import SEVERITY_ORDER, RoundStatus, VisitOutcome
from refah.asdep.models import Risk, Round, Visit
from refah.asdep.roles import PLAN_ROUND, VIEW_PROFILE, VIEW_ROUND, VIEW_VISIT
from refah.audit.enums import AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.registry import selectors as registry_selectors


def _require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def round_list(*, user) -> QuerySet[Round]:
    """Rounds of the offices in the user's jurisdiction, newest first, with their counts."""
    _require(user, VIEW_ROUND)
    return (
        Round.objects.filter(jurisdiction_q(user, prefix="office__"))
        .select_related("office")
        .annotate(
            n_visits=Count("visits", distinct=True),
            n_done=Count("visits", filter=~Q(visits__outcome=""), distinct=True),
        )
    )


def access_round_by_id(*, user, round_id) -> Round:
    key = _key(round_id)
    found = round_list(user=user).filter(pk=key).first() if key else None
    if found is None:
        raise NotFoundError(errors.ERR_ROUND_NOT_FOUND)
    return found


def plannable_offices(*, user) -> QuerySet[Office]:
    """The SYDVs whose rounds the user may plan: those of a district in the user's jurisdiction."""
    _require(user, PLAN_ROUND)
    return Office.objects.filter(jurisdiction_q(user), kind=OfficeKind.SYDV, district__isnull=False).order_by("name")


def round_visits(*, round_: Round) -> QuerySet[Visit]:
    return round_.visits.select_related("household", "household__neighbourhood", "team").order_by(
        "team__number", "planned_on", "household__reference_code"
    )


def visit_list(*, user) -> QuerySet[Visit]:
    """Visits of households in the user's jurisdiction."""
    _require(user, VIEW_VISIT)
    return Visit.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "household", "household__neighbourhood", "household__district", "round", "team"
    )


def my_visits(*, user, day: dt.date) -> QuerySet[Visit]:
    """The user's team visits still to make, due on `day` or before (the overdue first), of open rounds."""
    return (
        visit_list(user=user)
        .filter(team__members=user, outcome="", planned_on__lte=day)
        .exclude(round__status=RoundStatus.DONE)
        .order_by("planned_on", "household__neighbourhood__name", "household__reference_code")
    )


def access_visit_by_id(*, user, visit_id) -> Visit:
    key = _key(visit_id)
    found = visit_list(user=user).filter(pk=key).first() if key else None
    if found is None:
        raise NotFoundError(errors.ERR_VISIT_NOT_FOUND)
    return found


def _logged(*, user, channel: str, kind: str, obj, household_id, district_id=None) -> None:
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=kind,
        obj=obj,
        household_id=household_id,
        district_id=district_id,
        sensitive=True,
    )


def visits_logged(*, user, visits: list[Visit], channel: str) -> None:
    """One access-log row for a list of visits shown."""
    if visits:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[v.household_id for v in visits],
        )


@dataclass
class VisitView:
    visit: Visit
    risks: list[Risk] = field(default_factory=list)

    @property
    def answered(self) -> list[dict]:
        """The stored areas with their questions and answers (the sealed area is never among them)."""
        return [
            {"area": area, "rows": [(q, self.visit.answers.get(q.code, "")) for q in area.questions]}
            for area in STORED_AREAS
        ]


def _risks(visit_ids) -> QuerySet[Risk]:
    return (
        Risk.objects.filter(visit_id__in=visit_ids)
        .select_related("person")
        .prefetch_related(Prefetch("referrals", to_attr="referral_list"))
    )


def visit_read(*, user, visit_id, channel: str = "screen") -> VisitView:
    """A visit with its answers and risks (and their referrals), the read logged."""
    visit = access_visit_by_id(user=user, visit_id=visit_id)
    _logged(user=user, channel=channel, kind=AccessKind.HOUSEHOLD, obj=visit, household_id=visit.household_id)
    return VisitView(visit, list(_risks([visit.pk])))


@dataclass
class ProfileRow:
    visit: Visit
    risks: list[Risk]

    @property
    def highest(self) -> str:
        return max((r.severity for r in self.risks), key=lambda s: SEVERITY_ORDER[s], default="")


@dataclass
class RiskProfile:
    household: object
    rows: list[ProfileRow]  # visits made, newest first
    visits: list[Visit]  # every visit, newest first (tries without an answer too)

    @property
    def latest(self) -> ProfileRow | None:
        return self.rows[0] if self.rows else None

    @property
    def areas(self) -> list[dict]:
        """Per area (of the stored ones), the severity found at each visit made, oldest first: the trend."""
        ordered = list(reversed(self.rows))
        return [
            {
                "area": area,
                "cells": [
                    {
                        "date": row.visit.visited_on,
                        "severity": next((r.severity for r in row.risks if r.area == area.code), ""),
                    }
                    for row in ordered
                ],
            }
            for area in STORED_AREAS
            if any(r.area == area.code for row in ordered for r in row.risks)
        ]


def household_risk_profile(*, user, household_id, channel: str = "screen") -> RiskProfile:
    """A household's risks over time: per visit made, the risks found by area and severity."""
    _require(user, VIEW_PROFILE)
    household = registry_selectors.access_household_by_id(user=user, household_id=household_id)
    visits = list(
        Visit.objects.filter(household=household).select_related("round", "team").order_by("-planned_on", "-attempt")
    )
    made = [v for v in visits if v.outcome == VisitOutcome.VISITED]
    made.sort(key=lambda v: v.visited_on, reverse=True)
    risks: dict = {}
    for risk in _risks([v.pk for v in made]):
        risks.setdefault(risk.visit_id, []).append(risk)
    _logged(user=user, channel=channel, kind=AccessKind.HOUSEHOLD, obj=household, household_id=household.pk)
    rows = [ProfileRow(v, sorted(risks.get(v.pk, []), key=lambda r: list(AREA_BY_CODE).index(r.area))) for v in made]
    return RiskProfile(household, rows, visits)
