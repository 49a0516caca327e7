"""records_link: records of a higher app (an aid list, a file) linked to registry persons.

A record with a valid identity number that the registry holds is linked at once (exact); the others go
through the linkage engine against the registry's persons in the actor's jurisdiction: probable link at or
above the engine's accept threshold, a review item for a clerk between review and accept, nothing below.
Duplicates among the given records themselves are reported too. Sending the same records again creates
nothing twice: a record already linked or waiting for review keeps its link or review item.
"""

import datetime as dt
from dataclasses import asdict, dataclass, field
from uuid import UUID

import pyarrow as pa
from django.db import transaction

from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import PermissionDeniedError, RefahError
from refah.geo.models import District
from refah.linkage import engine, errors
from refah.linkage.enums import LinkMethod, Outcome, ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.linkage.services.kinds import Decision, link_kind
from refah.registry.identity import is_valid_identity_number
from refah.registry.selectors.linkage import linkage_persons, visible_persons_by_national_id

PERMISSION = "linkage.add_link"


@dataclass(frozen=True)
class LinkRecord:
    """One record as the engine reads it (engine.RECORD_COLUMNS); `district` is the district's pcode."""

    record_id: str
    first_name: str
    last_name: str
    national_id: str | None = None
    birth_date: dt.date | None = None
    father_name: str | None = None
    mother_name: str | None = None
    district: str | None = None
    neighbourhood: str | None = None
    phone: str | None = None

    def shown(self) -> dict:
        """The record's fields as the reviewer sees them (JSON)."""
        values = asdict(self)
        values["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        return values


@dataclass(frozen=True)
class LinkOutcome:
    outcome: Outcome
    person_id: UUID | None = None
    link_id: UUID | None = None
    review_id: UUID | None = None
    probability: float | None = None
    duplicates: tuple[str, ...] = field(default_factory=tuple)  # other given records that are the same person


def records_link(*, actor, kind: str, district: District, records: list[LinkRecord]) -> dict[str, LinkOutcome]:
    """Link each record to a registry person, queue the uncertain ones for review; outcome by record id."""
    kind_entry = link_kind(kind)
    _check(actor, district, records)
    duplicates = _duplicates(records)
    with transaction.atomic():
        outcomes = _known(kind, records)
        fresh = [r for r in records if r.record_id not in outcomes]
        exact = visible_persons_by_national_id(
            user=actor, national_ids={r.national_id for r in fresh if _valid(r.national_id)}
        )
        rest = [r for r in fresh if exact.get(r.national_id or "") is None]
        matches = _engine_matches(actor, rest)
        for record in fresh:
            person_id = exact.get(record.national_id or "")
            if person_id is not None:
                outcomes[record.record_id] = _link(
                    actor, kind_entry, district, record, person_id, LinkMethod.EXACT, 1.0, {"national_id": "exact"}
                )
            else:
                outcomes[record.record_id] = _from_engine(actor, kind_entry, district, record, matches)
    return {rid: _with_duplicates(outcome, duplicates.get(rid, ())) for rid, outcome in outcomes.items()}


def _check(actor, district: District, records: list[LinkRecord]) -> None:
    if not actor.has_perm(PERMISSION):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
    if not district_in_jurisdiction(actor, district):
        raise PermissionDeniedError(errors.ERR_DISTRICT_OUTSIDE, field="district")
    ids = [r.record_id for r in records]
    if any(not rid for rid in ids) or len(set(ids)) != len(ids):
        raise RefahError(errors.ERR_RECORD_ID, field="records")


def _valid(number: str | None) -> bool:
    return bool(number) and is_valid_identity_number(number)


def _table(records: list[LinkRecord]) -> pa.Table:
    columns = {name: [getattr(r, name) for r in records] for name in engine.RECORD_COLUMNS.names}
    return pa.table(columns, schema=engine.RECORD_COLUMNS)


def _duplicates(records: list[LinkRecord]) -> dict[str, tuple[str, ...]]:
    """Record id → the other given records of its cluster."""
    clusters: dict[str, list[str]] = {}
    for row in engine.dedupe(_table(records)).to_pylist():
        clusters.setdefault(row["cluster_id"], []).append(row["record_id"])
    return {rid: tuple(o for o in group if o != rid) for group in clusters.values() for rid in group}


def _known(kind: str, records: list[LinkRecord]) -> dict[str, LinkOutcome]:
    """Records already linked or already waiting for review keep what they have."""
    ids = [r.record_id for r in records]
    known = {}
    for link in Link.objects.filter(kind=kind, record_id__in=ids, undone_at__isnull=True):
        known[link.record_id] = LinkOutcome(Outcome.LINKED, link.person_id, link.pk, None, link.probability)
    for review in LinkReview.objects.filter(kind=kind, record_id__in=ids, status=ReviewStatus.OPEN):
        known.setdefault(review.record_id, LinkOutcome(Outcome.REVIEW, review_id=review.pk))
    return known


def _engine_matches(actor, records: list[LinkRecord]) -> dict[str, list[dict]]:
    """Record id → the engine's rows for it (one "linked" row, or up to three "review" candidates)."""
    if not records:
        return {}
    persons = linkage_persons(user=actor)
    found: dict[str, list[dict]] = {}
    for row in engine.link(_table(records), persons).to_pylist():
        found.setdefault(row["record_id"], []).append(row)
    return found


def _from_engine(actor, kind_entry, district, record: LinkRecord, matches) -> LinkOutcome:
    rows = matches.get(record.record_id, [])
    if not rows:
        return LinkOutcome(Outcome.NONE)
    if rows[0]["decision"] == engine.LINKED:
        best = rows[0]
        evidence = engine.evidence(best["evidence"])
        return _link(
            actor,
            kind_entry,
            district,
            record,
            UUID(best["person_id"]),
            LinkMethod.PROBABLE,
            best["match_probability"],
            evidence,
        )
    candidates = [
        {
            "person_id": str(UUID(r["person_id"])),
            "probability": r["match_probability"],
            "evidence": engine.evidence(r["evidence"]),
        }
        for r in rows
    ]
    review = LinkReview.objects.create(
        kind=kind_entry.kind,
        record_id=record.record_id,
        district=district,
        province_id=district.province_id,
        record=record.shown(),
        candidates=candidates,
    )
    return LinkOutcome(Outcome.REVIEW, review_id=review.pk, probability=candidates[0]["probability"])


def _link(actor, kind_entry, district, record, person_id: UUID, method, probability: float, evidence) -> LinkOutcome:
    link = Link.objects.create(
        kind=kind_entry.kind,
        record_id=record.record_id,
        person_id=person_id,
        district=district,
        province_id=district.province_id,
        method=method,
        probability=probability,
        evidence=evidence,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.LINK_MADE,
        obj=link,
        after={"kind": link.kind, "record_id": link.record_id, "person_id": str(person_id), "method": method},
    )
    kind_entry.on_decide(record.record_id, person_id, actor, Decision(link_id=link.pk))
    return LinkOutcome(Outcome.LINKED, person_id, link.pk, None, probability)


def _with_duplicates(outcome: LinkOutcome, duplicates: tuple[str, ...]) -> LinkOutcome:
    if not duplicates:
        return outcome
    return LinkOutcome(**{**asdict(outcome), "duplicates": duplicates})
