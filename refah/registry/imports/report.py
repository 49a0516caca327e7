"""Reading import batches and their reports, and the empty template staff fill in."""

import csv
import io

from django.db import models

from refah.common.errors import NotFoundError
from refah.registry.errors import ERR_IMPORT_NOT_FOUND
from refah.registry.imports.access import importer_office
from refah.registry.imports.columns import COLUMNS
from refah.registry.models_import import ImportBatch


def access_import_batch_by_id(*, user, batch_id) -> ImportBatch:
    """A batch the user uploaded or one of their office's; others look like a wrong id."""
    office = importer_office(user)
    visible = models.Q(uploaded_by=user) | (models.Q(office=office) if office else models.Q(pk__in=[]))
    batch = ImportBatch.objects.filter(visible, pk=batch_id).first()
    if batch is None:
        raise NotFoundError(ERR_IMPORT_NOT_FOUND)
    return batch


REPORT_HEADER = ["satir_row", "sutun_column", "durum_level", "sebep_tr", "reason_en"]


def import_report_csv(*, batch: ImportBatch) -> str:
    """The report as CSV for Excel in Türkiye: UTF-8 with BOM, ";" between fields, both languages."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(REPORT_HEADER)
    for item in batch.report:
        writer.writerow([item["row"] or "", item["column"], item["level"], item["tr"], item["en"]])
    return out.getvalue()


def import_template_csv(*, lang: str) -> str:
    """An empty file with every column's header, in Turkish or English, for staff to fill in."""
    names = [c.turkish if lang.startswith("tr") else c.name for c in COLUMNS]
    return "\ufeff" + ";".join(names) + "\r\n"


def import_batch_list(*, user, limit: int = 10) -> list[ImportBatch]:
    """The latest uploads of the user's office (or the user's own, without an office)."""
    office = importer_office(user)
    visible = models.Q(office=office) if office else models.Q(uploaded_by=user)
    return list(ImportBatch.objects.filter(visible).select_related("uploaded_by")[:limit])
