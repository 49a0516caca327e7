"""The records behind an indicator's figure (the drill-down): querysets over the source tables, filtered by the
caller (selectors.drilldown) to the user's jurisdiction and area, paged and logged there."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import DateField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from refah.aidrecords.models import AidRecord
from refah.cases.models import Application
from refah.casework.enums import ReferralStatus
from refah.casework.models import Referral as ServiceReferral
from refah.employment.models import Referral as JobReferral
from refah.payments.models import Entitlement, PaymentLine
from refah.registry.models import Household
from refah.reports.kpi import figures

PREFIX = {
    "household": "",
    "application": "household__",
    "payment_line": "entitlement__household__",
    "job_referral": "household__",
    "service_referral": "household__",
}


def _period(year: int, month: int) -> tuple[dt.date, dt.date]:
    if month:
        start = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
        return start, end
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def records(*, code: str, year: int, month: int = 0):
    start, end = _period(year, month)
    if code == "families_aided":
        aided = Entitlement.objects.filter(period_start__gte=start, period_start__lt=end).filter(
            Q(status__in=["paid", "delivered"]) | Q(lines__status="paid")
        )
        linked = AidRecord.objects.filter(household__isnull=False, given_on__gte=start, given_on__lt=end)
        households = Household.objects.filter(
            Q(pk__in=aided.values("household_id")) | Q(pk__in=linked.values("household_id"))
        )
        return "household", households.select_related("district").order_by("reference_code")
    if code in ("first_decided_on_time", "reinvestigation_on_time"):
        late = figures.decided_late(round_kind="first" if code.startswith("first") else "again", year=year, month=month)
        ids = late["application_id"].unique().to_list()
        return "application", Application.objects.filter(pk__in=ids).select_related("household").order_by("reference")
    if code == "payments_on_time":
        grace = int(getattr(settings, "REFAH_KPI_PAYMENT_ANSWER_DAYS", 2))
        due = ExpressionWrapper(F("batch__execution_date") + dt.timedelta(days=grace), output_field=DateField())
        lines = (
            PaymentLine.objects.filter(status="paid", batch__execution_date__gte=start, batch__execution_date__lt=end)
            .annotate(paid_on=TruncDate("status_at"), due=due)
            .filter(paid_on__gt=F("due"))
        )
        return "payment_line", lines.select_related("batch", "entitlement__household").order_by("id")
    if code == "employment_referred":
        rows = JobReferral.objects.filter(referred_on__gte=start, referred_on__lt=end)
        return "job_referral", rows.select_related("household", "person").order_by("referred_on")
    if code == "referrals_on_time":
        today = timezone.localdate()
        rows = (
            ServiceReferral.objects.filter(deadline__gte=start, deadline__lt=end)
            .exclude(status=ReferralStatus.CANCELLED)
            .filter(Q(deadline__lt=today) | Q(status=ReferralStatus.DONE))
            .exclude(status=ReferralStatus.DONE, closed_on__lte=F("deadline"))
        )
        return "service_referral", rows.select_related("household", "service").order_by("deadline")
    raise LookupError(code)


def household_of(kind: str, row):
    if kind == "household":
        return row.pk
    if kind == "payment_line":
        return row.entitlement.household_id
    return row.household_id
