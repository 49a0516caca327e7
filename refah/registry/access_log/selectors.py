"""Reads of the access log for auditors: who read a person's or household's data, and unusual reading.

Everything is counted by the database (GROUP BY, COUNT DISTINCT, local hours), the same SQL on SQLite and
PostgreSQL; Python only looks at the grouped rows (users × districts, users × time slots over a threshold).
Thresholds are settings, read with defaults (docs/access-log.md):

    REFAH_ACCESS_BURST_HOUSEHOLDS  50       more distinct households than this in one slot is a burst
    REFAH_ACCESS_BURST_MINUTES     10       the slot's length
    REFAH_ACCESS_WORK_HOURS        (8, 19)  local working hours, Europe/Istanbul: from 08:00 to before 19:00
    REFAH_ACCESS_WORK_DAYS         (1, 2, 3, 4, 5)  ISO weekdays: Monday to Friday
    REFAH_ACCESS_OTHER_DISTRICT_MIN 5       reads outside the user's usual district that make a flag
    REFAH_ACCESS_USUAL_DAYS        30       days before the period that, with it, set the usual district
    REFAH_ACCESS_LOOKUP_LIMIT      500      reads shown at most by "who read this person"
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, Count, F, Func, IntegerField, Q, QuerySet, TextField, When
from django.db.models.functions import Cast, ExtractHour, ExtractIsoWeekDay

from refah.accounts.selectors import jurisdiction_scope
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.models_access import AccessEvent
from refah.audit.services_access import access_record
from refah.common.errors import PermissionDeniedError
from refah.registry.access_log import errors

PERMISSION = "audit.view_accessevent"
DETAIL_LIMIT = 1000


def require_auditor(user) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def _setting(name: str, default):
    return getattr(settings, name, default)


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(_setting("REFAH_ACCESS_TIME_ZONE", "Europe/Istanbul"))


def off_hours_q() -> Q:
    """Reads outside working hours or working days, in local (Istanbul) time, as a filter on annotated
    `local_hour` and `local_weekday` (see with_local_time)."""
    start, end = _setting("REFAH_ACCESS_WORK_HOURS", (8, 19))
    days = _setting("REFAH_ACCESS_WORK_DAYS", (1, 2, 3, 4, 5))
    return Q(local_hour__lt=start) | Q(local_hour__gte=end) | ~Q(local_weekday__in=days)


def with_local_time(qs: QuerySet) -> QuerySet:
    zone = _zone()
    return qs.annotate(local_hour=ExtractHour("at", tzinfo=zone), local_weekday=ExtractIsoWeekDay("at", tzinfo=zone))


def lookup_limit() -> int:
    return int(_setting("REFAH_ACCESS_LOOKUP_LIMIT", 500))


def in_period(start: dt.datetime, end: dt.datetime) -> QuerySet:
    return AccessEvent.objects.filter(at__gte=start, at__lt=end)


def in_jurisdiction(user, qs: QuerySet) -> QuerySet:
    """Reads in the auditor's jurisdiction: of households there, and reads naming no district (a search) by
    staff of an office there. A district or province auditor does not see another district's readers, times
    and households; a national auditor sees every read."""
    scope = jurisdiction_scope(user)
    if scope is None:
        return qs.none()
    level, ids = scope
    if level == "district":
        here = Q(district_id__in=ids) | Q(district__isnull=True, actor__staff__office__district_id__in=ids)
    elif level == "province":
        here = Q(district__province_id__in=ids) | Q(district__isnull=True, actor__staff__office__province_id__in=ids)
    else:
        return qs
    return qs.filter(here)


# ---------------------------------------------------------------- who read this person / household


def _listed(ids: list[str]) -> Q:
    """Lists (search results, pages, exports) that showed any of these ids: JSON containment on PostgreSQL
    (GIN index), the ids' text in the JSON elsewhere (UUIDs never overlap)."""
    q = Q(pk__in=[])
    for value in ids:
        if connection.vendor == "postgresql":
            q |= Q(subjects__contains={"households": [value]}) | Q(subjects__contains={"persons": [value]})
        else:
            q |= Q(subjects_text__contains=value)
    return q


def access_log_for(
    *,
    user,
    subject,
    start: dt.datetime,
    end: dt.datetime,
    channel: str = AccessChannel.SCREEN,
) -> list[AccessEvent]:
    """Reads of the subject's data in [start, end), newest first: of the person, of any household they ever
    belonged to, and lists that showed either (at most lookup_limit()). The auditor's look is itself logged
    (purpose audit)."""
    require_auditor(user)
    household_ids = [str(h) for h in subject.household_ids]
    person_ids = [str(subject.person_id)] if subject.person_id else []
    direct = Q(household_id__in=subject.household_ids)
    if subject.person_id:
        direct |= Q(person_id=subject.person_id)
    qs = in_period(start, end)
    if connection.vendor != "postgresql":
        qs = qs.annotate(subjects_text=Cast("subjects", TextField()))
    qs = with_local_time(qs.filter(direct | _listed(household_ids + person_ids)))
    events = list(
        qs.annotate(off_hours=Case(When(off_hours_q(), then=True), default=False, output_field=BooleanField()))
        .select_related("actor", "district")
        .order_by("-at", "-id")[: lookup_limit()]
    )
    access_record(
        actor=user,
        purpose=AccessPurpose.AUDIT,
        channel=channel,
        kind=AccessKind.ACCESS_LOG,
        person_id=subject.person_id,
        household_id=subject.household_ids[0] if not subject.person_id else None,
        households=subject.household_ids,
        persons=person_ids,
        count=len(events),
    )
    return events


# ---------------------------------------------------------------- unusual reading


class _Slot(Func):
    """The number of the `width`-second slot an aware datetime column falls in, counted from the epoch and
    shifted by `offset` seconds (a second grid half a slot later catches bursts across a slot boundary)."""

    output_field = IntegerField()

    def __init__(self, expression, *, width: int, offset: int):
        super().__init__(expression)
        self.width, self.offset = int(width), int(offset)

    def as_postgresql(self, compiler, conn, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"FLOOR((EXTRACT(EPOCH FROM {sql}) + {self.offset}) / {self.width})::bigint", params

    def as_sql(self, compiler, conn, **extra):  # SQLite stores UTC text; strftime('%s') reads it as seconds
        sql, params = compiler.compile(self.source_expressions[0])
        return f"((CAST(strftime('%%s', {sql}) AS INTEGER) + {self.offset}) / {self.width})", params


@dataclass
class Burst:
    starts: dt.datetime
    ends: dt.datetime
    households: int


@dataclass
class ReaderFlags:
    """One reader's period: totals and what is unusual about it."""

    actor_id: int
    label: str
    reads: int = 0
    households: int = 0
    sensitive: int = 0
    bursts: list[Burst] = field(default_factory=list)
    off_hours: int = 0
    usual_district: str = ""
    other_district: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def burst_max(self) -> int:
        return max((b.households for b in self.bursts), default=0)


def _bursts(qs: QuerySet, actor_id=None) -> dict[int, list[Burst]]:
    """{actor: bursts}: slots (on two grids half a slot apart) in which the reader read more distinct
    households than the threshold; overlapping slots of the two grids are both shown."""
    threshold = _setting("REFAH_ACCESS_BURST_HOUSEHOLDS", 50)
    width = int(_setting("REFAH_ACCESS_BURST_MINUTES", 10)) * 60
    qs = qs.filter(household_id__isnull=False, actor__isnull=False)
    if actor_id is not None:
        qs = qs.filter(actor_id=actor_id)
    found: dict[int, list[Burst]] = {}
    for offset in (0, width // 2):
        rows = (
            qs.annotate(slot=_Slot(F("at"), width=width, offset=offset))
            .values("actor_id", "slot")
            .annotate(n=Count("household_id", distinct=True))
            .filter(n__gt=threshold)
        )
        for row in rows:
            starts = dt.datetime.fromtimestamp(row["slot"] * width - offset, tz=dt.UTC)
            found.setdefault(row["actor_id"], []).append(Burst(starts, starts + dt.timedelta(seconds=width), row["n"]))
    for bursts in found.values():
        bursts.sort(key=lambda b: b.starts)
    return found


def _usual_districts(start: dt.datetime, end: dt.datetime) -> dict[int, tuple[int, str]]:
    """{actor: (district id, name)} where each reader read most, over the period and the days before it."""
    before = start - dt.timedelta(days=int(_setting("REFAH_ACCESS_USUAL_DAYS", 30)))
    rows = (
        in_period(before, end)
        .filter(actor__isnull=False, district__isnull=False)
        .values("actor_id", "district_id", "district__name")
        .annotate(n=Count("id"))
        .order_by("actor_id", "-n", "district_id")
    )
    usual: dict[int, tuple[int, str]] = {}
    for row in rows:  # one row per reader and district
        usual.setdefault(row["actor_id"], (row["district_id"], row["district__name"]))
    return usual


def access_flags(*, user, start: dt.datetime, end: dt.datetime, flagged_only: bool = True) -> list[ReaderFlags]:
    """Readers of [start, end) with their totals and flags — bursts of many households, reads outside working
    hours, reads outside their usual district — the flagged ones first (most reasons, then most reads)."""
    require_auditor(user)
    period = in_jurisdiction(user, in_period(start, end)).filter(actor__isnull=False)
    readers: dict[int, ReaderFlags] = {}
    totals = period.values("actor_id", "actor__username").annotate(
        reads=Count("id"),
        households=Count("household_id", distinct=True),
        sensitive=Count("id", filter=Q(sensitive=True)),
    )
    for row in totals:
        readers[row["actor_id"]] = ReaderFlags(
            row["actor_id"], row["actor__username"], row["reads"], row["households"], row["sensitive"]
        )
    off = with_local_time(period).filter(off_hours_q()).values("actor_id").annotate(n=Count("id"))
    for row in off:
        readers[row["actor_id"]].off_hours = row["n"]
    for actor_id, bursts in _bursts(period).items():
        readers[actor_id].bursts = bursts
    _other_districts(period, readers, _usual_districts(start, end))
    for reader in readers.values():
        reader.reasons = _reasons(reader)
    shown = [r for r in readers.values() if r.reasons or not flagged_only]
    return sorted(shown, key=lambda r: (-len(r.reasons), -r.reads, r.label))


def _other_districts(period: QuerySet, readers: dict[int, ReaderFlags], usual: dict) -> None:
    rows = period.filter(district__isnull=False).values("actor_id", "district_id").annotate(n=Count("id"))
    for row in rows:  # one row per reader and district
        reader = readers[row["actor_id"]]
        district_id, name = usual[row["actor_id"]]
        reader.usual_district = name
        if row["district_id"] != district_id:
            reader.other_district += row["n"]


def _reasons(reader: ReaderFlags) -> list[str]:
    reasons = []
    if reader.bursts:
        reasons.append("burst")
    if reader.off_hours:
        reasons.append("off_hours")
    if reader.other_district >= int(_setting("REFAH_ACCESS_OTHER_DISTRICT_MIN", 5)):
        reasons.append("other_district")
    return reasons


@dataclass
class ReaderDetail:
    flags: ReaderFlags
    events: list[AccessEvent]


def access_reader_detail(
    *, user, actor_id: int, start: dt.datetime, end: dt.datetime, channel: str = AccessChannel.SCREEN
) -> ReaderDetail | None:
    """One reader's period: flags and reads (newest first, each marked off-hours or outside the usual
    district); None when the reader read nothing then. The auditor's look is logged (purpose audit)."""
    require_auditor(user)
    found = [r for r in access_flags(user=user, start=start, end=end, flagged_only=False) if r.actor_id == actor_id]
    if not found:
        return None
    usual = _usual_districts(start, end).get(actor_id, (None, ""))[0]
    qs = with_local_time(in_jurisdiction(user, in_period(start, end)).filter(actor_id=actor_id)).annotate(
        off_hours=Case(When(off_hours_q(), then=True), default=False, output_field=BooleanField()),
        other_district=Case(
            When(Q(district_id__isnull=False) & ~Q(district_id=usual), then=True),
            default=False,
            output_field=BooleanField(),
        ),
    )
    events = list(qs.select_related("district").order_by("-at", "-id")[:DETAIL_LIMIT])
    access_record(
        actor=user,
        purpose=AccessPurpose.AUDIT,
        channel=channel,
        kind=AccessKind.ACCESS_LOG,
        households=[e.household_id for e in events],
        count=len(events),
    )
    return ReaderDetail(found[0], events)


def period_of(*, start: dt.date | None, end: dt.date | None, now: dt.datetime, days: int) -> tuple:
    """[start, end) as aware datetimes from local dates (end inclusive); by default the last `days` days."""
    zone = _zone()
    today = now.astimezone(zone).date()
    end = end or today
    start = start or end - dt.timedelta(days=days - 1)
    return _midnight(start, zone), _midnight(end + dt.timedelta(days=1), zone)


def _midnight(day: dt.date, zone) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)
