"""Reads of aid records, always scoped by the user's jurisdiction (a record's district: its household's, or the
address it was sent with); reads showing persons' aid write the access log."""

from django.db.models import Count, Q, QuerySet, Sum

from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.aidrecords import errors
from refah.aidrecords.enums import FlagStatus
from refah.aidrecords.models import AidBatch, AidRecord, DuplicateFlag, Giver, GiverReport
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.registry import selectors as registry_selectors

VIEW = "aidrecords.view_aidrecord"
VIEW_FLAGS = "aidrecords.view_duplicateflag"


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _uuid(value):
    try:
        return AidRecord._meta.pk.to_python(value)
    except Exception:  # noqa: BLE001 — a malformed id is "not found", like a wrong one
        return None


def aid_record_list(*, user, kind: str = "", link_status: str = "", giver_id=None) -> QuerySet:
    """Records of the user's jurisdiction, newest first, with giver and household."""
    _require(user, VIEW)
    qs = AidRecord.objects.filter(jurisdiction_q(user)).select_related("giver", "household", "district")
    if kind:
        qs = qs.filter(kind=kind)
    if link_status:
        qs = qs.filter(link_status=link_status)
    if giver_id and (key := _uuid(giver_id)):
        qs = qs.filter(giver_id=key)
    return qs


def aid_records_logged(*, user, records: list[AidRecord], channel: str) -> None:
    """One access-log row for a list of records shown (their households and persons as subjects)."""
    if records:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[r.household_id for r in records],
            persons=[r.person_id for r in records],
            count=len(records),
        )


def household_aid(*, user, household_id, channel: str = AccessChannel.SCREEN):
    """A visible household (its read logged) and every aid record of it from every giver, newest first."""
    _require(user, VIEW)
    household = registry_selectors.household_read(user=user, household_id=household_id, channel=channel)
    records = list(
        AidRecord.objects.filter(household=household)
        .select_related("giver", "person")
        .order_by("-period_start", "-given_on", "giver__name")
    )
    return household, records


def household_aid_totals(records: list[AidRecord]) -> list[dict]:
    """Per giver: how many records and how much money, for the household page's summary."""
    totals: dict = {}
    for r in records:
        row = totals.setdefault(r.giver_id, {"giver": r.giver, "count": 0, "amount_kurus": 0})
        row["count"] += 1
        row["amount_kurus"] += r.amount_kurus or 0
    return sorted(totals.values(), key=lambda row: -row["amount_kurus"])


def duplicate_flag_list(*, user, status: str = FlagStatus.OPEN) -> QuerySet:
    _require(user, VIEW_FLAGS)
    qs = DuplicateFlag.objects.filter(jurisdiction_q(user)).select_related(
        "household", "person", "first__giver", "second__giver", "first__household", "second__household"
    )
    return qs.filter(status=status) if status else qs


def access_duplicate_flag_by_id(*, user, flag_id) -> DuplicateFlag:
    """A flag of the user's jurisdiction, with both records; outside it the same "not found" as a wrong id."""
    _require(user, VIEW_FLAGS)
    key = _uuid(flag_id)
    flag = (
        DuplicateFlag.objects.filter(jurisdiction_q(user), pk=key)
        .select_related("household", "person", "first__giver", "second__giver", "first__household",
                        "second__household", "first__person", "second__person", "resolved_by")
        .first()
        if key
        else None
    )  # fmt: skip
    if flag is None:
        raise NotFoundError(errors.ERR_FLAG_NOT_FOUND)
    return flag


def duplicate_flag_read(*, user, flag_id, channel: str = AccessChannel.SCREEN) -> DuplicateFlag:
    """access_duplicate_flag_by_id() for showing the evidence: the read is logged."""
    flag = access_duplicate_flag_by_id(user=user, flag_id=flag_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=flag.household,
        household_id=flag.household_id,
        person_id=flag.person_id,
        district_id=flag.district_id,
    )
    return flag


def _batch_visible(user) -> Q:
    office = office_for_user(user)
    return Q(uploaded_by=user) | (Q(office=office) if office else Q(pk__in=[]))


def access_aid_batch_by_id(*, user, batch_id) -> AidBatch:
    """A file the user or their office uploaded; others look like a wrong id."""
    _require(user, "aidrecords.add_aidrecord")
    key = _uuid(batch_id)
    batch = AidBatch.objects.filter(_batch_visible(user), pk=key).select_related("giver").first() if key else None
    if batch is None:
        raise NotFoundError(errors.ERR_BATCH_NOT_FOUND)
    return batch


def aid_batch_list(*, user, limit: int = 10) -> list[AidBatch]:
    _require(user, "aidrecords.add_aidrecord")
    return list(AidBatch.objects.filter(_batch_visible(user)).select_related("giver")[:limit])


def giver_coverage(*, user) -> list[dict]:
    """For each giver's report (what it says it gave in a period): how many of those records the system holds
    and their share — the KPI "share of an institution's aid that reached the system" (PG4.1.5). Counted over
    the records of the user's jurisdiction."""
    _require(user, VIEW)
    givers = givers_visible(user=user)
    reports = list(
        GiverReport.objects.filter(giver__in=givers)
        .select_related("giver")
        .order_by("giver__name", "-period_start")[:200]
    )
    scope = AidRecord.objects.filter(jurisdiction_q(user))
    rows = []
    for report in reports:
        held = scope.filter(
            giver=report.giver, given_on__gte=report.period_start, given_on__lte=report.period_end
        ).aggregate(count=Count("id"), amount=Sum("amount_kurus"))
        share = held["count"] / report.records_given if report.records_given else None
        rows.append({"report": report, "held": held["count"], "held_kurus": held["amount"] or 0, "share": share})
    return rows


def givers_visible(*, user) -> QuerySet:
    """Givers with a record in the user's jurisdiction, or the user's own office's."""
    _require(user, VIEW)
    office = office_for_user(user)
    mine = Q(office=office) if office else Q(pk__in=[])
    in_scope = AidRecord.objects.filter(jurisdiction_q(user)).values("giver_id")
    return Giver.objects.filter(mine | Q(pk__in=in_scope))
