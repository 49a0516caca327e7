"""Casework's own lines of the household page's "Social services" section (refah/casework/household_services.py):
the household's referrals, SHM cases and group programme enrolments, each only for a user who may see them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.casework.enums import REFERRAL_PENDING_STATUSES, CaseStatus
from refah.casework.household_services import ServiceLine, household_services_register
from refah.casework.roles import VIEW_CASE, VIEW_REFERRAL


def casework_lines(*, user, household) -> list[ServiceLine]:
    from refah.casework import selectors  # selectors import models: loaded after the apps are ready

    today = timezone.localdate()
    lines: list[ServiceLine] = []
    if user.has_perm(VIEW_REFERRAL):
        for r in selectors.household_referrals(user=user, household=household)[:50]:
            pending = r.status in REFERRAL_PENDING_STATUSES
            lines.append(
                ServiceLine(
                    family=_("Referral"),
                    title=f"{r.service.get_kind_display()} — {r.service.name}",
                    status=r.get_status_display(),
                    since=r.created_at.date(),
                    until=r.deadline if pending else r.closed_on,
                    person=r.person.full_name if r.person else "",
                    url=reverse("casework:referral_detail", args=[r.pk]),
                    attention=pending and (r.deadline < today or r.escalation_level > 0),
                )
            )
    if user.has_perm(VIEW_CASE):
        cases = selectors.case_list(user=user).filter(household=household).prefetch_related("persons")
        for c in cases.order_by("-opened_on")[:20]:
            worker = (c.worker.get_full_name() or c.worker.get_username()) if c.worker else _("not assigned")
            lines.append(
                ServiceLine(
                    family=_("SHM case"),
                    title=f"{c.office.name} — {worker}",
                    status=c.get_status_display(),
                    since=c.opened_on,
                    until=c.closed_on,
                    person=", ".join(p.full_name for p in c.persons.all()),
                    url=reverse("casework:case_detail", args=[c.pk]),
                    attention=c.status != CaseStatus.CLOSED and c.worker_id is None,
                )
            )
    for e in selectors.person_enrolments(user=user, household=household)[:20]:
        lines.append(
            ServiceLine(
                family=_("Group programme"),
                title=e.programme.title,
                status=e.programme.get_kind_display(),
                since=e.programme.starts_on,
                until=e.programme.ends_on,
                person=e.person.full_name,
                url=reverse("casework:programme_detail", args=[e.programme_id]),
            )
        )
    return lines


def register() -> None:
    household_services_register(casework_lines, order=10)
