"""The survey's results as the indicators read them (PG4.1.2 satisfaction, PG4.1.3 perceived fairness): the share
of answers of 4 or 5 on the 1–5 scale, with the sample size and the margin of error at 95 %.

The margin is z·√(p(1−p)/n)·√((N−n)/(N−1)) with z = 1.96, n the answers and N the decisions surveyed (the
invitations of the same districts and year: the population the sample is drawn from, hence the finite-population
correction); none below two answers. Answers are anonymous (models.SurveyResponse); these are counts and shares
only, and whoever shows them outside the staff screens suppresses small cells (suppression.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from refah.reports.models import SurveyInvitation, SurveyResponse

Z95 = 1.96
AGREE = 4  # answers of 4 ("satisfied", "fair") and 5 ("very …") count as agreeing


@dataclass(frozen=True)
class Share:
    agree: int
    n: int
    population: int

    @property
    def percent(self) -> Decimal | None:
        if not self.n:
            return None
        return (Decimal(100 * self.agree) / Decimal(self.n)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def margin(self) -> Decimal | None:
        """± percentage points at 95 %."""
        if self.n < 2:
            return None
        p = self.agree / self.n
        # everyone surveyed answered: no sampling error left
        fpc = math.sqrt((self.population - self.n) / (self.population - 1)) if self.population > self.n else 0.0
        return Decimal(str(100 * Z95 * math.sqrt(p * (1 - p) / self.n) * fpc)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class SurveyFigures:
    satisfaction: Share
    fairness: Share


def survey_figures(*, year: int, district_ids: Iterable[int] | None = None, by_district: bool = False) -> dict:
    """{district_id: SurveyFigures} when `by_district`, else {None: SurveyFigures} for all of `district_ids` (all
    districts when None) — the year's answers and the decisions surveyed."""
    answers = SurveyResponse.objects.filter(year=year)
    invited = SurveyInvitation.objects.filter(year=year)
    if district_ids is not None:
        ids = list(district_ids)
        answers, invited = answers.filter(district_id__in=ids), invited.filter(district_id__in=ids)
    counts = {
        "n": Count("id"),
        "sat": Count("id", filter=Q(satisfaction__gte=AGREE)),
        "fair": Count("id", filter=Q(fairness__gte=AGREE)),
    }
    if by_district:
        rows = answers.values("district_id").annotate(**counts).order_by()
        population = {
            row["district_id"]: row["n"] for row in invited.values("district_id").annotate(n=Count("id")).order_by()
        }
    else:  # one total: an aggregate (values() with no field would group by every column, one row per answer)
        total = answers.aggregate(**counts)
        rows = [total] if total["n"] else []
        population = {None: invited.count()}
    found = {}
    for row in rows:
        district = row.get("district_id")
        size = max(population.get(district, 0), row["n"])
        found[district] = SurveyFigures(Share(row["sat"], row["n"], size), Share(row["fair"], row["n"], size))
    return found
