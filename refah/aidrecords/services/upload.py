"""Aid records from a CSV/XLSX file, with the registry import's row report and policy.

The file is read by the registry's reader; every row is checked as an API record is; any error stores nothing
but the batch and its report (row, column, reason in Turkish and English). A clean file is written in one
transaction. The same file again from the same giver is reported as already imported; a row whose reference
the giver already sent with the same content is skipped, with different content it is an error.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from refah.aidrecords import errors
from refah.aidrecords.enums import BatchStatus, Channel, LinkStatus
from refah.aidrecords.models import AidBatch, AidRecord, DuplicateFlag
from refah.aidrecords.services.check import Places, record_check
from refah.aidrecords.services.givers import giver_for_office, giver_named, sender_office
from refah.aidrecords.services.intake import records_write
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.registry.imports import (
    ERR_DUPLICATE_COLUMN,
    ERR_MISSING_COLUMN,
    ERR_NO_ROWS,
    ERR_UNKNOWN_COLUMN,
    Item,
    file_read,
)
from refah.registry.imports.columns import norm


@dataclass(frozen=True)
class FileColumn:
    """A column of an aid file: the record's field, English and Turkish headers, other accepted headers."""

    field: str
    name: str
    turkish: str
    aliases: str = ""
    required: bool = False


FILE_COLUMNS = (
    FileColumn("reference", "reference", "referans", "ref|kayit no|belge no", True),
    FileColumn("kind", "kind", "yardim_turu", "aid kind|yardim cinsi|tur", True),
    FileColumn("need", "need", "ihtiyac", "need category|ihtiyac turu", True),
    FileColumn("amount_kurus", "amount", "tutar", "amount tl|tutar tl"),
    FileColumn("quantity", "quantity", "miktar", "adet"),
    FileColumn("unit", "unit", "birim"),
    FileColumn("given_on", "given_on", "verilis_tarihi", "date|tarih|verildigi tarih", True),
    FileColumn("period_start", "period_start", "donem_baslangic", "period from|donem baslangici", True),
    FileColumn("period_end", "period_end", "donem_bitis", "period until|donem bitisi", True),
    FileColumn("national_id", "national_id", "tc_kimlik_no", "tc|tc no|tckn|kimlik no|identity number"),
    FileColumn("first_name", "first_name", "ad", "adi|isim"),
    FileColumn("last_name", "last_name", "soyad", "soyadi"),
    FileColumn("birth_date", "birth_date", "dogum_tarihi", "dogum"),
    FileColumn("father_name", "father_name", "baba_adi", "baba"),
    FileColumn("mother_name", "mother_name", "anne_adi", "anne"),
    FileColumn("phone", "phone", "telefon", "tel"),
    FileColumn("province", "province", "il", "sehir"),
    FileColumn("district", "district", "ilce"),
    FileColumn("neighbourhood", "neighbourhood", "mahalle", "neighborhood|koy"),
    FileColumn("address_line", "address", "adres", "acik adres"),
)
_BY_KEY = {
    key: c
    for c in FILE_COLUMNS
    for key in {norm(c.name), norm(c.turkish)} | {norm(a) for a in c.aliases.split("|") if a.strip()}
}
IGNORED = {"sira", "sira no", "no", "row"}


def aid_template_csv(*, lang: str) -> str:
    """An empty file with every column's header, in Turkish or English."""
    names = [c.turkish if lang.startswith("tr") else c.name for c in FILE_COLUMNS]
    return "\ufeff" + ";".join(names) + "\r\n"


def aid_file_import(*, actor, file_name: str, data: bytes, giver_name: str = "", dry_run: bool = False) -> AidBatch:
    """Check a file of aid records and, when it has no errors, store them all in one transaction.

    `giver_name` names another public body the office sends the file for; empty: the office's own aid.
    Returns the batch (saved unless `dry_run`). Raises ImportFileError when the file cannot be read."""
    office = sender_office(actor)
    giver = giver_named(name=giver_name) if giver_name.strip() else giver_for_office(office=office)
    rows = file_read(name=file_name, data=data)
    batch = AidBatch(
        giver=giver,
        uploaded_by=actor,
        office=office,
        file_name=Path(file_name).name[-255:],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    previous = AidBatch.objects.filter(giver=giver, sha256=batch.sha256, status=BatchStatus.IMPORTED).first()
    if previous is not None:
        when = timezone.localtime(previous.created_at).strftime("%Y-%m-%d %H:%M")
        item = Item(None, "", errors.SKIP_FILE, {"date": when}, level="skipped")
        return _finish(batch, BatchStatus.DUPLICATE_FILE, {}, [item], dry_run)
    items, plan = _validate(actor, office, giver, rows)
    counts = {"rows": len(rows) - 1, "records_new": len(plan), "records_existing": len(rows) - 1 - len(plan)}
    if any(i.level == "error" for i in items):
        return _finish(batch, BatchStatus.REJECTED, counts, items, dry_run)
    if dry_run:
        return _finish(batch, BatchStatus.IMPORTED, counts, items, dry_run)
    with transaction.atomic():
        _finish(batch, BatchStatus.IMPORTED, counts, items, dry_run)
        records = records_write(
            actor=actor, office=office, giver=giver, checked=plan, channel=Channel.FILE, batch=batch
        )
        batch.counts = {
            **counts,
            "linked": sum(1 for r in records if r.link_status == LinkStatus.LINKED),
            "flags": DuplicateFlag.objects.filter(second__batch=batch).count(),
        }
        batch.save(update_fields=["counts", "updated_at"])
        after = snapshot(batch, ["file_name", "sha256", "size", "status", "counts"])
        audit_record(actor=actor, action=AuditAction.AID_FILE_IMPORT, obj=batch, after=after)
    return batch


def _finish(batch: AidBatch, status: str, counts: dict, items: list[Item], dry_run: bool) -> AidBatch:
    batch.status, batch.counts = status, counts
    batch.report = [i.as_dict() for i in sorted(items, key=lambda i: (i.row or 0, i.level != "error"))]
    if not dry_run:
        batch.save()
    return batch


def _header(header: list) -> tuple[dict[int, FileColumn], list[Item]]:
    columns, items, seen = {}, [], set()
    for index, title in enumerate(header):
        key = norm(title)
        if not key or key in IGNORED:
            continue
        column = _BY_KEY.get(key)
        if column is None:
            items.append(Item(1, str(title), ERR_UNKNOWN_COLUMN))
        elif column.field in seen:
            items.append(Item(1, str(title), ERR_DUPLICATE_COLUMN))
        else:
            seen.add(column.field)
            columns[index] = column
    for column in FILE_COLUMNS:
        if column.required and column.field not in seen:
            items.append(Item(1, column.turkish, ERR_MISSING_COLUMN))
    return columns, items


def _validate(actor, office, giver, rows) -> tuple[list[Item], list]:
    """Report items, and the (checked record, idempotency key) of each new row."""
    (_, header), body = rows[0], rows[1:]
    columns, items = _header(header)
    if items:
        return items, []
    if not body:
        return [Item(1, "", ERR_NO_ROWS)], []
    labels = {c.field: str(header[i]) for i, c in columns.items()}
    places = Places(actor, office)
    checked, seen = [], {}
    for number, values in body:
        raw = {c.field: values[i] if i < len(values) else "" for i, c in columns.items()}
        item = record_check(actor=actor, places=places, raw=raw)
        for name, reason, params in item.problems:
            items.append(Item(number, labels.get(name, name), reason, params))
        ref = item.values.get("reference")
        if ref is not None and ref in seen:
            items.append(Item(number, labels["reference"], errors.ERR_REFERENCE_TWICE, {"other": seen[ref]}))
        elif ref is not None:
            seen[ref] = number
        checked.append((number, item))
    held = {
        r.reference: r.content_hash
        for r in AidRecord.objects.filter(giver=giver, reference__in=list(seen)).only("reference", "content_hash")
    }
    plan = []
    for number, item in checked:
        known = held.get(item.values.get("reference"))
        if known is None:
            plan.append((item, f"ref:{item.values.get('reference')}"))
        elif known == item.content_hash():
            items.append(Item(number, labels["reference"], errors.SKIP_RECORD, level="skipped"))
        else:
            items.append(Item(number, labels["reference"], errors.ERR_REFERENCE_TAKEN))
    return items, plan
