"""The long report "opendata" (jobs.py): publish the open data now and download every dataset's national files.

For staff with the open-data export permission (the job screens follow it); the worker publishes a new release (as
the nightly timer does) and returns a ZIP with each dataset's national CSV and JSON, the same files the public
downloads of that release give."""

from __future__ import annotations

import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.reports.jobs import ReportFile, ReportKind
from refah.reports.opendata import selectors
from refah.reports.opendata.datasets import DATASETS
from refah.reports.roles import EXPORT_OPENDATA


def clean(user, params: dict) -> dict:
    return {}  # no parameters: the national files of every dataset


def make(params: dict, progress) -> ReportFile:
    from refah.reports.opendata.publish import open_data_publish

    progress(5, str(_("Counting and suppressing every dataset")))
    release = open_data_publish()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i, code in enumerate(DATASETS):
            progress(50 + 50 * i // len(DATASETS), str(DATASETS[code].title))
            dataset, release, sliced, rows = selectors.dataset_slice(code)
            archive.writestr(selectors.filename(dataset, sliced, "csv"), selectors.csv_bytes(dataset, rows))
            payload = selectors.json_payload(dataset, release, sliced, rows)
            archive.writestr(selectors.filename(dataset, sliced, "json"), selectors.json_bytes(payload))
    stamp = timezone.localtime(release.generated_at).strftime("%Y%m%d-%H%M")
    return ReportFile(f"open-data-{stamp}.zip", "application/zip", buffer.getvalue())


OPENDATA = ReportKind(
    code="opendata",
    label=_("Open data: publish now and download every national file"),
    permission=EXPORT_OPENDATA,
    clean=clean,
    make=make,
)
