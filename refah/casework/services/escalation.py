"""Overdue referrals escalate: nothing falls between two offices.

A referral still pending past its deadline — open with the service (with an owner or without one), or declined and
back with the referrer — rises to level 1: its owner (or, without one, the staff of the office that must act) and
the supervisors whose jurisdiction covers the household are told. REFAH_REFERRAL_ESCALATE_DAYS days after that, if
still pending, it rises to level 2: the province's supervisors are told. Each level is reached once (the update is
conditional on the level before), each escalation audited and kept in the referral's history; the overdue rows,
the supervisors and the offices' staff are each read in one query, and each person is told once a run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.casework.enums import REFERRAL_PENDING_STATUSES, ReferralStatus
from refah.casework.models import Referral, ReferralStep
from refah.notifications.services import notify

SYSTEM = "casework_escalate_referrals"


def _supervisors() -> list:
    """Every active supervisor with the office that decides their area (one query)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, groups__name=Role.SUPERVISOR, staff__isnull=False)
        .select_related("staff__office")
        .distinct()
    )


def _covers(user, household, *, province_only: bool) -> bool:
    office = user.staff.office
    if office.province_id is None:
        return not province_only
    if office.district_id is not None:
        return not province_only and office.district_id == household.district_id
    return office.province_id == household.province_id


def _office_staff(office_ids: set) -> dict:
    """{office id: [active users who may work referrals there]} in one query."""
    User = get_user_model()
    perm = Q(groups__permissions__codename="change_referral", groups__permissions__content_type__app_label="casework")
    rows = User.objects.filter(perm, is_active=True, staff__office_id__in=office_ids).select_related("staff")
    staff = defaultdict(list)
    for user in rows.distinct():
        staff[user.staff.office_id].append(user)
    return staff


def _first_line(referral: Referral, staff: dict) -> list:
    """Who must act first: the referrer for a declined referral, else its owner, else its office's workers."""
    if referral.status == ReferralStatus.DECLINED:
        return [referral.referred_by] if referral.referred_by else staff.get(referral.from_office_id, [])
    if referral.owner is not None:
        return [referral.owner]
    return staff.get(referral.service.office_id or referral.from_office_id, [])


def _due(level: int, today: dt.date, days: int):
    pending = Referral.objects.filter(status__in=REFERRAL_PENDING_STATUSES, deadline__lt=today)
    if level == 1:
        rows = pending.filter(escalation_level=0)
    else:
        since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.max))
        rows = pending.filter(escalation_level=1, escalated_at__lte=since)
    return rows.select_for_update(of=("self",)).select_related("household", "service", "owner", "referred_by")


def _raise(level: int, rows: list, recipients: dict, now) -> list:
    """Raise the rows still at the level below (a concurrent run's rows are left alone); the ones raised."""
    ids = [r.pk for r in rows]
    changed = set(Referral.objects.filter(pk__in=ids, escalation_level=level - 1).values_list("pk", flat=True))
    Referral.objects.filter(pk__in=changed).update(escalation_level=level, escalated_at=now)
    raised = [r for r in rows if r.pk in changed]
    steps = []
    for referral in raised:
        names = ", ".join(sorted(u.get_full_name() or u.get_username() for u in recipients[referral.pk]))
        steps.append(
            ReferralStep(
                referral=referral,
                action=AuditAction.SERVICE_REFERRAL_ESCALATE,
                from_status=referral.status,
                to_status=referral.status,
                note=names,
            )
        )
        audit_record(
            actor=SYSTEM,
            action=AuditAction.SERVICE_REFERRAL_ESCALATE,
            obj=referral,
            before={"escalation_level": level - 1},
            after={"escalation_level": level, "told": sorted(str(u.pk) for u in recipients[referral.pk])},
            household_id=referral.household_id,
        )
    ReferralStep.objects.bulk_create(steps)
    return raised


def _tell(level: int, raised: list, recipients: dict) -> int:
    """One message per person told, with the number of their referrals escalated now."""
    counts: dict = defaultdict(int)
    people = {}
    for referral in raised:
        for user in recipients[referral.pk]:
            counts[user.pk] += 1
            people[user.pk] = user
    for pk, count in counts.items():
        notify(email=people[pk].email, template="referral_overdue", context={"count": count, "level": level})
    return len(counts)


def referrals_escalate(*, today: dt.date | None = None) -> dict[str, int]:
    """Escalate the overdue pending referrals (level 1, then level 2 after the set days); counts of what was done."""
    today = today or timezone.localdate()
    days = settings.REFAH_REFERRAL_ESCALATE_DAYS
    now = timezone.now()
    result = {"level_1": 0, "level_2": 0, "told": 0}
    with transaction.atomic():
        supervisors = _supervisors()
        for level in (1, 2):
            rows = list(_due(level, today, days))
            if not rows:
                continue
            staff = (
                _office_staff({r.service.office_id or r.from_office_id for r in rows} - {None}) if level == 1 else {}
            )
            recipients = {}
            for r in rows:
                area = [u for u in supervisors if _covers(u, r.household, province_only=level == 2)]
                first = _first_line(r, staff) if level == 1 else []
                recipients[r.pk] = list({u.pk: u for u in [*first, *area]}.values())
            raised = _raise(level, rows, recipients, now)
            result[f"level_{level}"] = len(raised)
            result["told"] += _tell(level, raised, recipients)
    return result
