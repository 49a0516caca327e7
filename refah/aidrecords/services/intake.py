"""Receiving aid records through the API: one record or a list, under an Idempotency-Key.

The same key with the same body answers the same records and stores nothing again; the same key with another
body is a conflict (409). A record is keyed by the giver's reference as well: sent again with the same content
(under any key, or in a file) it is the record already held; with different content it is a conflict. Nothing
is stored from a request with any bad record. Records are linked at once where they can be (services.linking),
checked for duplicate aid, and the request is audited, all in one transaction.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from refah.aidrecords import errors
from refah.aidrecords.enums import Channel
from refah.aidrecords.models import AidRecord, AidSubmission, Giver
from refah.aidrecords.services.check import Checked, Places, record_check
from refah.aidrecords.services.duplicates import duplicates_find
from refah.aidrecords.services.givers import giver_for_office, sender_office
from refah.aidrecords.services.linking import records_link_at_once, records_to_linkage
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError
from refah.common.signals import households_changed

MAX_RECORDS = 1000
_MODEL_FIELDS = {f.attname for f in AidRecord._meta.concrete_fields}


def _lang() -> str:
    return translation.get_language() or "en"


def records_write(
    *, actor, office, giver: Giver, checked: list[tuple[Checked, str]], channel: str, submission=None, batch=None
) -> list[AidRecord]:
    """Store checked records (each with its idempotency key), linked where they can be, and flag duplicate aid.
    Runs inside the caller's transaction."""
    built = []
    for item, key in checked:
        values = {k: v for k, v in item.values.items() if k in _MODEL_FIELDS}
        record = AidRecord(
            **values,
            giver=giver,
            office=office,
            submitted_by=actor,
            channel=channel,
            submission=submission,
            batch=batch,
            idempotency_key=key,
            content_hash=item.content_hash(),
        )
        built.append((record, item.person, item.household))
    records_link_at_once(actor=actor, records=built)
    records = AidRecord.objects.bulk_create([record for record, _p, _h in built])
    records_to_linkage(actor=actor, records=records)
    duplicates_find(records=records, actor=actor)
    # other givers' aid is read by the rules (`other_aid`): the households it reached are evaluated again
    households_changed.send(sender=None, household_ids={r.household_id for r in records if r.household_id})
    return records


def _problems(checked: list[Checked], many: bool) -> dict:
    found = {}
    for index, item in enumerate(checked):
        prefix = f"{index}." if many else ""
        for name, reason, params in item.problems:
            found.setdefault(prefix + name, []).append(reason.text(_lang(), **params))
    return found


def _request_hash(records: list[dict]) -> str:
    return hashlib.sha256(json.dumps(records, sort_keys=True, default=str).encode()).hexdigest()


def _answer(giver: Giver, checked: list[Checked]) -> list[AidRecord]:
    """The records held for the request's references, in the request's order."""
    refs = [c.values["reference"] for c in checked]
    held = {r.reference: r for r in AidRecord.objects.filter(giver=giver, reference__in=refs)}
    return [held[ref] for ref in refs]


def aid_records_submit(
    *, actor, records: list[dict], idempotency_key: str | None, many: bool = True
) -> tuple[list[AidRecord], bool]:
    """Receive records from the actor's office (its giver). Returns the records and whether the request was a
    replay (nothing new stored). ValidationError (422) for bad records, ConflictError (409) for a key or
    reference reused with something else, NotFoundError for a person or household named out of reach."""
    office = sender_office(actor)
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise ValidationError({"Idempotency-Key": errors.ERR_IDEMPOTENCY_KEY.text(_lang())})
    if len(records) > MAX_RECORDS:
        raise ValidationError({"records": errors.ERR_TOO_MANY.text(_lang(), limit=MAX_RECORDS)})
    giver = giver_for_office(office=office)
    request_hash = _request_hash(records)
    try:
        return _submit(actor, office, giver, records, key, request_hash, many)
    except IntegrityError:
        # The same key or reference arrived at the same moment from another request: answer as a retry would.
        return _submit(actor, office, giver, records, key, request_hash, many)


def _submit(actor, office, giver, records, key, request_hash, many):
    sent = AidSubmission.objects.filter(giver=giver, idempotency_key=key).first()
    if sent is not None and sent.request_hash != request_hash:
        raise ConflictError(
            errors.ERR_IDEMPOTENCY_MISMATCH.text(_lang()), field="Idempotency-Key", code="idempotency_mismatch"
        )
    places = Places(actor, office)
    checked = [record_check(actor=actor, places=places, raw=raw) for raw in records]
    _references_once(checked)
    problems = _problems(checked, many)
    if problems:
        raise ValidationError(problems)
    if sent is not None:
        return _answer(giver, checked), True
    refs = [c.values["reference"] for c in checked]
    held = {r.reference: r.content_hash for r in AidRecord.objects.filter(giver=giver, reference__in=refs)}
    for index, item in enumerate(checked):
        known = held.get(item.values["reference"])
        if known is not None and known != item.content_hash():
            field = f"{index}.reference" if many else "reference"
            raise ConflictError(errors.ERR_REFERENCE_TAKEN.text(_lang()), field=field, code="reference_taken")
    with transaction.atomic():
        submission = AidSubmission.objects.create(
            giver=giver, idempotency_key=key, request_hash=request_hash, submitted_by=actor
        )
        new = [
            (item, f"api:{key}#{index + 1}")
            for index, item in enumerate(checked)
            if item.values["reference"] not in held
        ]
        created = records_write(
            actor=actor, office=office, giver=giver, checked=new, channel=Channel.API, submission=submission
        )
        after = {"records": len(checked), "new": len(created), "ids": [str(r.pk) for r in created[:100]]}
        audit_record(actor=actor, action=AuditAction.AID_RECORDS_RECEIVE, obj=submission, after=after)
    return _answer(giver, checked), not created


def _references_once(checked: list[Checked]) -> None:
    seen = {}
    for index, item in enumerate(checked):
        ref = item.values.get("reference")
        if ref is None:
            continue
        if ref in seen:
            item.problems.append(("reference", errors.ERR_REFERENCE_TWICE, {"other": seen[ref] + 1}))
        else:
            seen[ref] = index
