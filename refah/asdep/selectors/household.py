"""The household page's "Social services" lines of ASDEP (casework's hook): each visit as a line, and the latest
risk profile summarised, linked to the household's risk profile page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from refah.asdep.checklist import area_label
from refah.asdep.enums import Severity, VisitOutcome
from refah.asdep.models import Visit
from refah.asdep.roles import VIEW_PROFILE, VIEW_VISIT
from refah.casework.household_services import ServiceLine, household_services_register


def _visit_line(visit: Visit, *, link: bool) -> ServiceLine:
    status = visit.get_outcome_display() if visit.outcome else _("Planned")
    return ServiceLine(
        family=_("ASDEP visit"),
        title=visit.round.name,
        status=str(status),
        since=visit.visited_on or visit.planned_on,
        url=reverse("asdep:visit_detail", args=[visit.pk]) if link else "",
        attention=bool(visit.outcome == VisitOutcome.VISITED and visit.risks.exists()),
    )


def _profile_line(visit: Visit, household) -> ServiceLine:
    risks = list(visit.risks.order_by("area"))
    found = ", ".join(f"{area_label(r.area)} ({Severity(r.severity).label})" for r in risks)
    return ServiceLine(
        family=_("ASDEP risk profile"),
        title=found or _("No risk found"),
        status=_("Latest visit"),
        since=visit.visited_on,
        url=reverse("asdep:household_profile", args=[household.pk]),
        attention=any(r.severity == Severity.HIGH for r in risks),
    )


def asdep_lines(*, user, household) -> list[ServiceLine]:
    """The household's ASDEP visits (newest first), and its latest risk profile for those who may read it."""
    if not user.has_perm(VIEW_VISIT):
        return []
    visits = list(Visit.objects.filter(household=household).select_related("round").order_by("-planned_on")[:10])
    lines = [_visit_line(v, link=True) for v in visits]
    latest = next(
        (
            v
            for v in sorted(visits, key=lambda v: v.visited_on or v.planned_on, reverse=True)
            if v.outcome == VisitOutcome.VISITED
        ),
        None,
    )
    if latest is not None and user.has_perm(VIEW_PROFILE):
        lines.insert(0, _profile_line(latest, household))
    return lines


def household_lines_register() -> None:
    household_services_register(asdep_lines, order=20)
