"""Payments JSON API: cycles, batches, export, the bank's answer, a household's entitlements.

One service or selector call per endpoint; jurisdiction is decided in the selectors.
"""

import datetime as dt
import tempfile
import uuid

from django.http import FileResponse
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from refah.payments import selectors, services

router = Router(tags=["payments"])


class CycleIn(Schema):
    program: str
    period_start: dt.date


class CycleOut(Schema):
    id: uuid.UUID
    program: str
    period_start: dt.date
    kind: str
    months: int
    status: str
    entitlement_count: int
    total_kurus: int


class BatchIn(Schema):
    cycle_id: uuid.UUID
    channel: str
    debtor_name: str
    debtor_iban: str
    execution_date: dt.date
    retry_of: uuid.UUID | None = None


class BatchOut(Schema):
    id: uuid.UUID
    cycle_id: uuid.UUID
    channel: str
    status: str
    line_count: int
    total_kurus: int
    retry_of_id: uuid.UUID | None
    created_by_id: int
    approved_by_id: int | None


class EntitlementOut(Schema):
    id: int
    program: str
    period_start: dt.date
    amount_kurus: int
    unit: str
    channel: str
    status: str = Field(alias="payment_status")
    recipient_name: str


class StatusCount(Schema):
    count: int
    kurus: int


@router.get("/cycles", response=list[CycleOut])
def cycles(request):
    return list(selectors.cycle_list(user=request.user)[:200])


@router.post("/cycles", response={201: CycleOut})
def cycle_new(request, payload: CycleIn):
    return Status(
        201, services.cycle_create(actor=request.user, program=payload.program, period_start=payload.period_start)
    )


@router.post("/cycles/{cycle_id}/compute", response=CycleOut)
def cycle_run(request, cycle_id: str):
    cycle = selectors.access_cycle_by_id(user=request.user, cycle_id=cycle_id)
    return services.cycle_compute(actor=request.user, cycle=cycle)


@router.get("/batches", response=list[BatchOut])
def batches(request):
    return list(selectors.batch_list(user=request.user)[:200])


@router.post("/batches", response={201: BatchOut})
def batch_new(request, payload: BatchIn):
    cycle = selectors.access_cycle_by_id(user=request.user, cycle_id=payload.cycle_id)
    retry_of = selectors.access_batch_by_id(user=request.user, batch_id=payload.retry_of) if payload.retry_of else None
    batch = services.batch_create(
        actor=request.user,
        cycle=cycle,
        channel=payload.channel,
        debtor_name=payload.debtor_name,
        debtor_iban=payload.debtor_iban,
        execution_date=payload.execution_date,
        retry_of=retry_of,
    )
    return Status(201, batch)


@router.post("/batches/{batch_id}/approve", response=BatchOut)
def batch_ok(request, batch_id: str):
    return services.batch_approve(
        actor=request.user, batch=selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    )


@router.get("/batches/{batch_id}/summary", response=dict[str, StatusCount])
def batch_status(request, batch_id: str):
    return selectors.batch_summary(batch=selectors.access_batch_by_id(user=request.user, batch_id=batch_id))


@router.get("/batches/{batch_id}/export")
def batch_file(request, batch_id: str, format: str = "xml"):
    """pain.001.001.09 XML (format=xml) or CSV (format=csv); streamed from a temporary file."""
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    out = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it after streaming
    services.batch_export(actor=request.user, batch=batch, fmt="csv" if format == "csv" else "xml", out=out)
    out.seek(0)
    name = f"{batch.message_id}.{'csv' if format == 'csv' else 'xml'}"
    return FileResponse(out, as_attachment=True, filename=name)


@router.post("/batches/{batch_id}/answer", response=dict[str, int])
def batch_answer(request, batch_id: str, file: File[UploadedFile], format: Form[str] = "xml"):
    """The bank's answer: pain.002 (format=xml) or CSV (end_to_end_id, status, reason)."""
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    return services.batch_answer_import(actor=request.user, batch=batch, content=file.read(), fmt=format)


@router.get("/households/{household_id}/entitlements", response=list[EntitlementOut])
def household_entitlements(request, household_id: str):
    return list(selectors.household_entitlements(user=request.user, household_id=household_id)[:500])
