"""Aid records under /api/v1/aid-records/: municipalities, NGOs and other bodies send what they gave.

`POST /api/v1/aid-records/` takes one record or a list with an `Idempotency-Key` header: the same key and body
again answer the same records (200) and store nothing; the same key with another body is a 409. A person or
household named by id in the body obeys the jurisdiction a URL would (404 outside it).
"""

from typing import Literal

from ninja import Header, Router
from ninja.responses import Status

from refah.accounts.selectors import office_for_user
from refah.aidrecords import errors, selectors, services
from refah.aidrecords.models import AidRecord, DuplicateFlag
from refah.aidrecords.schemas import (
    AidRecordIn,
    AidRecordOut,
    AidRecordPage,
    DuplicateFlagOut,
    GiverReportIn,
    GiverReportOut,
    IntakeOut,
    ResolveIn,
)
from refah.audit.enums import AccessChannel
from refah.common.errors import PermissionDeniedError
from refah.common.paging import page_query, page_size_query

router = Router(tags=["aid records"])


def record_out(record: AidRecord) -> dict:
    return {
        "id": record.pk,
        "reference": record.reference,
        "giver": record.giver.name,
        "kind": record.kind,
        "need": record.need,
        "amount_kurus": record.amount_kurus,
        "quantity": record.quantity,
        "unit": record.unit,
        "given_on": record.given_on,
        "period_start": record.period_start,
        "period_end": record.period_end,
        "district": record.district.pcode,
        "link_status": record.link_status,
        "person_id": record.person_id,
        "household_id": record.household_id,
    }


def _flag_out(flag: DuplicateFlag) -> dict:
    return {
        "id": flag.pk,
        "kind": flag.kind,
        "status": flag.status,
        "household_id": flag.household_id,
        "person_id": flag.person_id,
        "first": record_out(flag.first),
        "second": record_out(flag.second),
        "note": flag.note,
    }


@router.post("/", response={200: IntakeOut, 201: IntakeOut})
def aid_records_create(
    request,
    payload: AidRecordIn | list[AidRecordIn],
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    """Send one aid record, or a list of them, given by the caller's office. Send an Idempotency-Key."""
    many = isinstance(payload, list)
    raws = [item.raw() for item in payload] if many else [payload.raw()]
    records, replayed = services.aid_records_submit(
        actor=request.user, records=raws, idempotency_key=idempotency_key, many=many
    )
    body = {"replayed": replayed, "records": [record_out(r) for r in records]}
    return Status(200 if replayed else 201, body)


@router.get("/", response=AidRecordPage)
def aid_records_list(
    request,
    kind: str | None = None,
    link_status: str | None = None,
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Aid records of the caller's jurisdiction, newest first."""
    qs = selectors.aid_record_list(user=request.user, kind=kind or "", link_status=link_status or "")
    count = qs.count()
    start = (page - 1) * page_size
    records = list(qs[start : start + page_size])
    selectors.aid_records_logged(user=request.user, records=records, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [record_out(r) for r in records]}


@router.get("/households/{household_id}", response=list[AidRecordOut])
def aid_records_household(request, household_id: str):
    """Every aid of every giver to one household, newest period first."""
    _household, records = selectors.household_aid(
        user=request.user, household_id=household_id, channel=AccessChannel.API
    )
    return [record_out(r) for r in records]


@router.get("/duplicates", response=list[DuplicateFlagOut])
def aid_duplicates_list(request, status: Literal["open", "justified", "recovered", "error", "all"] = "open"):
    """Duplicate aid flags of the caller's jurisdiction, by status (open by default, or all)."""
    flags = list(selectors.duplicate_flag_list(user=request.user, status="" if status == "all" else status)[:500])
    return [_flag_out(f) for f in flags]


@router.post("/duplicates/{flag_id}/resolve", response=DuplicateFlagOut)
def aid_duplicate_resolve(request, flag_id: str, payload: ResolveIn):
    """Resolve a flag as justified, recovered or a recording error, with the reason."""
    flag = selectors.access_duplicate_flag_by_id(user=request.user, flag_id=flag_id)
    flag = services.duplicate_flag_resolve(actor=request.user, flag=flag, status=payload.status, note=payload.note)
    return _flag_out(selectors.access_duplicate_flag_by_id(user=request.user, flag_id=flag.pk))


@router.post("/giver-reports", response={201: GiverReportOut})
def aid_giver_report_create(request, payload: GiverReportIn):
    """The caller's office reports how many records (and how much) it gave in a period: the KPI's denominator."""
    office = office_for_user(request.user)
    if office is None:
        raise PermissionDeniedError(errors.ERR_NO_OFFICE.en)
    giver = services.giver_for_office(office=office)
    report = services.giver_report_record(actor=request.user, giver=giver, **payload.dict())
    return Status(
        201,
        {
            "id": report.pk,
            "giver": giver.name,
            "period_start": report.period_start,
            "period_end": report.period_end,
            "records_given": report.records_given,
            "amount_kurus": report.amount_kurus,
        },
    )
