"""Duplicate persons across the registry: the same person registered twice (by two institutions, once with a
number and once without, or with a typo), queued for a clerk as review items of kind "registry_person"."""

from uuid import UUID

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction

from refah.common.errors import PermissionDeniedError
from refah.geo.models import District
from refah.linkage import engine, errors
from refah.linkage.apps import REGISTRY_PERSON
from refah.linkage.enums import ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.registry.selectors.linkage import linkage_persons

SHOWN = ("national_id", "first_name", "last_name", "birth_date", "father_name", "mother_name", "phone")


def registry_duplicates_queue(*, actor, settings: engine.Settings = engine.DEFAULT) -> int:
    """Queue every likely pair of registry persons in the actor's jurisdiction for review; returns how many
    review items were opened (a person already waiting for review, or already linked, is left alone)."""
    if not actor.has_perm("linkage.decide_linkreview"):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
    persons = linkage_persons(user=actor)
    pairs, _ids = engine.dedupe_pairs(persons, settings=settings)
    candidates: dict[str, list[dict]] = {}
    for pair in sorted(pairs.to_pylist(), key=lambda p: -p["match_weight"]):
        record, other = sorted((pair["record_id_l"], pair["record_id_r"]))[::-1]  # the later id is the record
        candidates.setdefault(record, []).append(
            {
                "person_id": str(UUID(other)),
                "probability": pair["match_probability"],
                "evidence": engine.evidence(pair["evidence"]),
            }
        )
    return _open(candidates, persons, settings.candidates)


def _open(candidates: dict[str, list[dict]], persons, limit: int) -> int:
    if not candidates:
        return 0
    rows = {row["record_id"]: row for row in persons.filter(_in(persons, candidates)).to_pylist()}
    ids = [str(UUID(rid)) for rid in candidates]
    open_reviews = LinkReview.objects.filter(kind=REGISTRY_PERSON, record_id__in=ids, status=ReviewStatus.OPEN)
    links = Link.objects.filter(kind=REGISTRY_PERSON, record_id__in=ids, undone_at__isnull=True)
    busy = set(open_reviews.values_list("record_id", flat=True)) | set(links.values_list("record_id", flat=True))
    districts = {d.pcode: d for d in District.objects.filter(pcode__in={r["district"] for r in rows.values()})}
    reviews = []
    for rid, found in candidates.items():
        record_id, row = str(UUID(rid)), rows[rid]
        if record_id in busy or row["district"] not in districts:
            continue
        district = districts[row["district"]]
        shown = {name: row[name] for name in SHOWN}
        shown["birth_date"] = row["birth_date"].isoformat() if row["birth_date"] else None
        reviews.append(
            LinkReview(
                kind=REGISTRY_PERSON,
                record_id=record_id,
                district=district,
                province_id=district.province_id,
                record=shown,
                candidates=found[:limit],
            )
        )
    with transaction.atomic():
        LinkReview.objects.bulk_create(reviews)
    return len(reviews)


def _in(persons, candidates):
    return pc.is_in(persons["record_id"], value_set=pa.array(list(candidates), pa.string()))
