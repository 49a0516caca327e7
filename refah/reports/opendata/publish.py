"""Publishing the open data: every dataset counted, its one cube suppressed, its rows stored as a release.

Run daily by the timer `reports_publish_open_data` (tasks.py) and on demand by staff who may export open data
(`refah reports publish_open_data`, the catalogue's button). A public request reads the stored rows (selectors.py),
never the records."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError
from refah.reports.opendata.cube import suppressed_cube
from refah.reports.opendata.datasets import AREA, DATASETS, PERIOD, eligibility_period
from refah.reports.opendata.models import OpenDataRelease, OpenDataRow
from refah.reports.roles import EXPORT_OPENDATA
from refah.reports.suppression import ALL, default_threshold

TIMER = "reports_publish_open_data"
KEEP_RELEASES = 2


def dataset_cube(code: str, *, context: dict, threshold: int) -> list[dict]:
    """The suppressed cube of one dataset (cube.py rows)."""
    dataset = DATASETS[code]
    return suppressed_cube(
        dataset.records(context),
        dataset.dims,
        counts=dataset.counts,
        money=dataset.money,
        relations=dataset.relations,
        threshold=threshold,
    )


def stored_row(dataset, row: dict) -> dict:
    """A cube row as stored: the dims' paths (None for ALL), the measures, the list of hidden measures."""
    data = {d: [None if v == ALL else v for v in row[d]] for d in dataset.dims}
    for measure in dataset.measures:
        data[measure.code] = row[measure.code]
    data["suppressed"] = [m for m, hidden in row["suppressed"].items() if hidden]
    return data


def open_data_publish(*, actor=None) -> OpenDataRelease:
    """Count, suppress and store every dataset as a new release; older releases beyond the last two are removed.
    `actor` None is the timer; a person needs the open-data export permission."""
    if actor is not None and not actor.has_perm(EXPORT_OPENDATA):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    threshold = default_threshold()
    context = {"eligibility_period": eligibility_period()}
    generated_at = timezone.now()
    cubes = {code: dataset_cube(code, context=context, threshold=threshold) for code in DATASETS}
    summary = {}
    rows = []
    for code, cube in cubes.items():
        dataset = DATASETS[code]
        periods = sorted({r[PERIOD][1] for r in cube if PERIOD in r and r[PERIOD][1] != ALL})
        summary[code] = {
            "rows": len(cube),
            "hidden_cells": sum(sum(r["suppressed"].values()) for r in cube),
            "first_month": periods[0] if periods else None,
            "last_month": periods[-1] if periods else None,
            "years": sorted({p[:4] for p in periods}),
            "provinces": sorted({r[AREA][0] for r in cube if r[AREA][0] != ALL}),
        }
        for position, row in enumerate(cube):
            province = row[AREA][0]
            year = row[PERIOD][0] if PERIOD in row else ALL
            rows.append(
                OpenDataRow(
                    dataset=code,
                    province="" if province == ALL else province,
                    year=None if year == ALL else int(year),
                    position=position,
                    data=stored_row(dataset, row),
                )
            )
    with transaction.atomic():
        release = OpenDataRelease.objects.create(
            generated_at=generated_at,
            threshold=threshold,
            eligibility_period=context["eligibility_period"],
            summary=summary,
            published_by=actor,
        )
        for row in rows:
            row.release = release
        OpenDataRow.objects.bulk_create(rows, batch_size=5000)
        old = list(OpenDataRelease.objects.order_by("-generated_at", "-created_at").values_list("pk", flat=True))
        old = old[KEEP_RELEASES:]
        if old:
            OpenDataRow.objects.filter(release_id__in=old).delete()
            OpenDataRelease.objects.filter(pk__in=old).delete()
        audit_record(
            actor=actor or TIMER,
            action=AuditAction.OPEN_DATA_PUBLISH,
            obj=release,
            after={"threshold": threshold, "datasets": {c: s["rows"] for c, s in summary.items()}},
        )
    return release
