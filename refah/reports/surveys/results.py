"""The survey's results for staff with `reports.view_surveys`: per year, district (of their jurisdiction) and the
decision's kind, the satisfied and fair shares with their 95 % margins (figures.Share), the answers n, the decisions
surveyed N and the response rate n/N.

The answers' table (district × decision kind, with every total) goes through suppress_cube: a cell with fewer
answers than the threshold — or one hidden so that it cannot be derived from the totals — shows none of its
figures (its shares, margins and rate would give its n away).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError, RefahError
from refah.registry.selectors import districts_for_user
from refah.reports.enums import DecisionOutcome
from refah.reports.models import SurveyInvitation, SurveyResponse
from refah.reports.roles import VIEW_SURVEYS
from refah.reports.suppression import ALL, check_threshold, suppress_cube
from refah.reports.surveys import errors
from refah.reports.surveys.figures import AGREE, Share

OUTCOMES = list(DecisionOutcome)


@dataclass(frozen=True)
class Cell:
    """One cell of the results: a district (or all, None) and a decision kind (or all, None)."""

    district_id: int | None
    outcome: str | None
    answers: int | None  # None: suppressed
    invitations: int | None
    satisfaction: Share | None
    fairness: Share | None

    @property
    def suppressed(self) -> bool:
        return self.answers is None

    @property
    def response_rate(self) -> Decimal | None:
        if self.answers is None or not self.invitations:
            return None
        return (Decimal(100 * self.answers) / Decimal(self.invitations)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def survey_years() -> list[int]:
    """The years with invitations, newest first (the current year when none)."""
    years = sorted(set(SurveyInvitation.objects.values_list("year", flat=True).distinct()), reverse=True)
    return years or [timezone.localdate().year]


def clean_year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise RefahError(errors.ERR_YEAR, field="year") from None
    if not 2000 <= year <= 2100:
        raise RefahError(errors.ERR_YEAR, field="year")
    return year


def survey_results(*, user, year: int, threshold: int | None = None) -> dict:
    """{"year", "threshold", "districts": [District], "cells": {(district_id|None, outcome|None): Cell}} for the
    user's jurisdiction; districts without any invitation that year are left out."""
    if not user.has_perm(VIEW_SURVEYS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    threshold = check_threshold(threshold)
    districts = {d.pk: d for d in districts_for_user(user=user)}
    ids = list(districts)
    invited: dict[tuple, int] = defaultdict(int)
    for row in (
        SurveyInvitation.objects.filter(year=year, district_id__in=ids)
        .values("district_id", "outcome")
        .annotate(n=Count("id"))
    ):
        invited[(row["district_id"], row["outcome"])] = row["n"]
    answered = {
        (row["district_id"], row["outcome"]): row
        for row in SurveyResponse.objects.filter(year=year, district_id__in=ids)
        .values("district_id", "outcome")
        .annotate(
            n=Count("id"),
            sat=Count("id", filter=Q(satisfaction__gte=AGREE)),
            fair=Count("id", filter=Q(fairness__gte=AGREE)),
        )
    }
    records = []
    for key in set(invited) | set(answered):
        row = answered.get(key, {"n": 0, "sat": 0, "fair": 0})
        records.append(
            {
                "district": key[0],
                "outcome": key[1],
                "n": row["n"],
                "sat": row["sat"],
                "fair": row["fair"],
                "N": invited.get(key, 0),
            }
        )
    table = suppress_cube(
        records, ["district", "outcome"], count="n", measures=["sat", "fair", "N"], threshold=threshold
    )
    cells = {}
    for row in table:
        district = None if row["district"] == ALL else row["district"]
        outcome = None if row["outcome"] == ALL else row["outcome"]
        if row["suppressed"]:
            cells[(district, outcome)] = Cell(district, outcome, None, None, None, None)
            continue
        population = max(row["N"], row["n"])
        cells[(district, outcome)] = Cell(
            district,
            outcome,
            row["n"],
            row["N"],
            Share(row["sat"], row["n"], population),
            Share(row["fair"], row["n"], population),
        )
    shown = sorted({key[0] for key in invited} | {key[0] for key in answered}, key=lambda pk: districts[pk].name)
    return {"year": year, "threshold": threshold, "districts": [districts[pk] for pk in shown], "cells": cells}
