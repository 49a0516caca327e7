"""Givers: an office of Refah gives under its own name; other public bodies are named by the office sending
their records. And what a giver reports it gave in a period (the KPI's denominator)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from refah.accounts.enums import OfficeKind
from refah.accounts.selectors import office_for_user
from refah.aidrecords import enums, errors
from refah.aidrecords.models import Giver, GiverReport
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, PermissionDeniedError
from refah.common.text import fold

PERMISSION_SEND = "aidrecords.add_aidrecord"
PERMISSION_REPORT = "aidrecords.add_giverreport"
_OFFICE_GIVER_KIND = {
    OfficeKind.MUNICIPALITY: enums.GiverKind.MUNICIPALITY,
    OfficeKind.NGO: enums.GiverKind.NGO,
    OfficeKind.SYDV: enums.GiverKind.SYDV,
    OfficeKind.MINISTRY: enums.GiverKind.MINISTRY,
}


def sender_office(actor):
    """The office of a user who may send aid records; PermissionDeniedError otherwise."""
    if not actor.has_perm(PERMISSION_SEND):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION.en)
    office = office_for_user(actor)
    if office is None:
        raise PermissionDeniedError(errors.ERR_NO_OFFICE.en)
    return office


def giver_for_office(*, office) -> Giver:
    """The office's own giver, made the first time it sends."""
    giver = Giver.objects.filter(office=office).first()
    if giver is not None:
        return giver
    kind = _OFFICE_GIVER_KIND.get(office.kind, enums.GiverKind.PUBLIC_BODY)
    try:
        with transaction.atomic():
            return Giver.objects.create(name=office.name, kind=kind, office=office, name_key=f"office:{office.pk}")
    except IntegrityError:
        return Giver.objects.get(office=office)


def giver_named(*, name: str) -> Giver:
    """Another public body (AFAD, Kızılay, a governorship…), by its name; one giver per folded name."""
    clean = " ".join(name.split())[:200]
    if not clean:
        raise ValidationError({"giver_name": errors.ERR_GIVER_NAME.en})
    key = "name:" + fold(clean)
    giver = Giver.objects.filter(name_key=key).first()
    if giver is not None:
        return giver
    try:
        with transaction.atomic():
            return Giver.objects.create(name=clean, kind=enums.GiverKind.PUBLIC_BODY, name_key=key)
    except IntegrityError:
        return Giver.objects.get(name_key=key)


def giver_report_record(
    *, actor, giver: Giver, period_start, period_end, records_given: int, amount_kurus: int | None = None
) -> GiverReport:
    """The giver's own count of what it gave in a period; once per giver and period. An office reports for itself
    (or for a body it sends records of); the program manager may report for any giver."""
    if not actor.has_perm(PERMISSION_REPORT):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION.en)
    if period_end < period_start:
        raise ValidationError({"period_end": errors.ERR_PERIOD_ORDER.en})
    if records_given < 0 or (amount_kurus is not None and amount_kurus < 0):
        raise ValidationError({"records_given": errors.ERR_BAD_COUNT.en})
    try:
        with transaction.atomic():
            report = GiverReport.objects.create(
                giver=giver,
                period_start=period_start,
                period_end=period_end,
                records_given=records_given,
                amount_kurus=amount_kurus,
                reported_by=actor,
            )
            after = snapshot(report, ["period_start", "period_end", "records_given", "amount_kurus"])
            audit_record(actor=actor, action=AuditAction.AID_GIVER_REPORT, obj=report, after=after)
    except IntegrityError:
        raise ConflictError(errors.ERR_REPORT_EXISTS.en, field="period_start", code="report_exists") from None
    return report
