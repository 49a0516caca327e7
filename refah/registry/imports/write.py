"""The import itself: a clean file written in one transaction through the registry services, all or nothing."""

import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import PermissionDeniedError, RefahError, error_items
from refah.registry import enums as E
from refah.registry.imports.access import importer_office
from refah.registry.imports.messages import ERR_CONFLICT, ERR_NO_OFFICE, ERR_NOT_SAVED, SKIP_FILE, Item, Reason
from refah.registry.imports.read import file_read
from refah.registry.imports.validate import HouseholdPlan, Plan, Row, household_file_validate
from refah.registry.models_import import ImportBatch
from refah.registry.services import MemberInput, household_register, income_record, member_add


class _Rejected(Exception):
    """A service refused a row after validation passed; carries the report items."""

    def __init__(self, items: list[Item]):
        super().__init__("rejected")
        self.items = items


class _DryRun(Exception):
    pass


def household_import(*, actor, file_name: str, data: bytes, dry_run: bool = False) -> ImportBatch:
    """Validate a household file and, when it has no errors, import it in one transaction.

    Returns the ImportBatch with counts and report (saved, except on a dry run, which rolls back).
    Raises ImportFileError when the file cannot be read and PermissionDeniedError without permission.
    """
    office = _importer_office(actor)
    rows = file_read(name=file_name, data=data)
    batch = ImportBatch(
        uploaded_by=actor,
        office=office,
        file_name=Path(file_name).name[-255:],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    previous = batch_previous(batch)
    if previous is not None:
        when = timezone.localtime(previous.created_at).strftime("%Y-%m-%d %H:%M")
        item = Item(None, "", SKIP_FILE, {"date": when}, level="skipped")
        return _batch_finish(batch, ImportBatch.Status.DUPLICATE_FILE, {}, [item], dry_run)
    plan = household_file_validate(actor=actor, office=office, rows=rows)
    if plan.errors:
        return _batch_finish(batch, ImportBatch.Status.VALIDATED_WITH_ERRORS, plan.counts(), plan.items, dry_run)
    try:
        _import_atomically(actor, plan, batch, dry_run)
    except _Rejected as rejected:
        return _batch_finish(batch, ImportBatch.Status.VALIDATED_WITH_ERRORS, plan.counts(), rejected.items, dry_run)
    return batch


def _importer_office(actor):
    office = importer_office(actor)
    if office is None:
        raise PermissionDeniedError(ERR_NO_OFFICE.en)
    return office


def _import_atomically(actor, plan: Plan, batch: ImportBatch, dry_run: bool) -> None:
    """All households through the services, the batch and its audit row: one transaction."""
    try:
        with transaction.atomic():
            _apply(actor, plan)
            _batch_finish(batch, ImportBatch.Status.IMPORTED, plan.counts(), plan.items, dry_run)
            if dry_run:
                raise _DryRun  # every service ran; now roll them all back
            after = snapshot(batch, ["file_name", "sha256", "size", "status", "counts"])
            audit_record(actor=actor, action=AuditAction.HOUSEHOLD_IMPORT, obj=batch, after=after)
    except _DryRun:
        pass


def batch_previous(batch: ImportBatch) -> ImportBatch | None:
    """An earlier successful import of the same file by the same office."""
    return (
        ImportBatch.objects.filter(office=batch.office, sha256=batch.sha256, status=ImportBatch.Status.IMPORTED)
        .order_by("created_at")
        .first()
    )


def _batch_finish(batch: ImportBatch, status: str, counts: dict, items: list[Item], dry_run: bool) -> ImportBatch:
    batch.status, batch.counts, batch.report = status, counts, [i.as_dict() for i in items]
    if not dry_run:
        batch.save()
    return batch


def _apply(actor, plan: Plan) -> None:
    for hh in plan.households:
        if hh.existing:
            continue
        try:
            _household_write(actor, hh)
        except (ValidationError, RefahError) as exc:
            raise _Rejected(_service_items(exc, hh.rows[0].number)) from exc
        except IntegrityError as exc:
            raise _Rejected([Item(hh.rows[0].number, "", ERR_CONFLICT)]) from exc


def _household_write(actor, hh: HouseholdPlan) -> None:
    reference = next(r for r in hh.rows if r.values["role"] == E.Role.REFERENCE)
    d = hh.data
    household = household_register(
        actor=actor,
        district=hh.district,
        neighbourhood=d["neighbourhood"],
        members=[_member(reference)],
        external_ref=hh.external_ref,
        address_line=d.get("address", ""),
        dwelling_type=d["dwelling_type"],
        tenure=d["tenure"],
        monthly_rent_kurus=d.get("monthly_rent", 0),
        heating=d["heating"],
        rooms=d.get("rooms", 2),
    )
    persons = {reference.number: household.memberships.get(role=E.Role.REFERENCE).person}
    for row in hh.rows:
        if row is not reference:
            m = _member(row)
            membership = member_add(
                actor=actor, household=household, role=m.role, person=m.person, person_data=m.person_data
            )
            persons[row.number] = membership.person
    for row in hh.rows:
        if row.values.get("monthly_income") and not row.existing_person:
            income_record(
                actor=actor,
                person=persons[row.number],
                kind=row.values["income_kind"],
                amount_kurus=row.values["monthly_income"],
                period=E.IncomePeriod.MONTHLY,
                start_date=timezone.localdate(),
                source=E.DataSource.IMPORT,
            )


def _member(row: Row) -> MemberInput:
    data = row.of("person")
    role = data.pop("role")
    return MemberInput(role=role, person=row.existing_person, person_data=data)


def _service_items(exc: Exception, row: int) -> list[Item]:
    """A service's refusal as report items, its message rendered in both languages."""
    texts = {}
    for lang in ("en", "tr"):
        with translation.override(lang):
            texts[lang] = error_items(exc)
    return [
        Item(
            row,
            en["field"] or "",
            Reason(ERR_NOT_SAVED.text("en", detail=en["reason"]), ERR_NOT_SAVED.text("tr", detail=tr["reason"])),
        )
        for en, tr in zip(texts["en"], texts["tr"], strict=True)
    ]
