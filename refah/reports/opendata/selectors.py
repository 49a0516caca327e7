"""Reading the published open data: the latest release, a dataset's slice (province, year) as flat rows, and the
CSV and JSON files. Every answer is a slice of one stored suppressed cube (publish.py); nothing here counts records.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.common.errors import NotFoundError, RefahError
from refah.common.i18n import active_language
from refah.common.money import kurus_to_tl
from refah.reports.opendata.datasets import (
    AREA,
    DATASETS,
    DIMENSION_LABELS,
    FREQUENCY,
    LICENCE,
    PERIOD,
    PROGRAM,
    SERVICE_KIND,
    VISIT_OUTCOME,
    Dataset,
)
from refah.reports.opendata.models import OpenDataRelease, OpenDataRow

ERR_DATASET = gettext_lazy("No open dataset is called “%(code)s”.")
ERR_PROVINCE = gettext_lazy("“%(value)s” is not a province: give its P-code (TUR076) or plate number (76).")
ERR_YEAR = gettext_lazy("Give the year as four digits, for example 2024.")
ERR_NO_YEARS = gettext_lazy("This dataset has no years: leave the year out.")
ERR_NO_RELEASE = gettext_lazy("The open data has not been published yet; it is published every night.")
SUPPRESSION_NOTE = gettext_lazy(
    "Counts from 1 to %(below)d are not published (left empty, and named in the “suppressed” column), and so are "
    "enough other cells that no hidden count can be worked out by adding or subtracting published ones — in this "
    "file or across every file of this dataset, which are all parts of one table."
)


def dataset_get(code: str) -> Dataset:
    try:
        return DATASETS[code]
    except KeyError:
        raise NotFoundError(ERR_DATASET % {"code": code}) from None


def release_latest() -> OpenDataRelease | None:
    return OpenDataRelease.objects.order_by("-generated_at", "-created_at").first()


def province_code(value: str | None) -> str:
    """A province's P-code from its P-code or plate number; "" for none given; RefahError(field="province")."""
    from refah.geo.models import Province

    value = (value or "").strip()
    if not value:
        return ""
    if not (value.isascii() and value.isalnum() and len(value) <= 9):
        raise RefahError(ERR_PROVINCE % {"value": value[:20]}, field="province")
    found = (
        Province.objects.filter(plate=int(value))
        if value.isdigit() and len(value) <= 2
        else Province.objects.filter(pcode=value)
    )
    pcode = found.values_list("pcode", flat=True).first()
    if pcode is None:
        raise RefahError(ERR_PROVINCE % {"value": value[:20]}, field="province")
    return pcode


def year_value(dataset: Dataset, value) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not (text.isdigit() and len(text) == 4):
        raise RefahError(ERR_YEAR, field="year")
    if PERIOD not in dataset.dims:
        raise RefahError(ERR_NO_YEARS, field="year")
    return int(text)


def slice_rows(dataset: Dataset, *, release: OpenDataRelease, province: str = "", year: int | None = None) -> list:
    """The stored rows of a slice: a province's (its districts and its total) and/or a year's (its months and its
    total); neither: the whole national table."""
    rows = OpenDataRow.objects.filter(release=release, dataset=dataset.code)
    if province:
        rows = rows.filter(province=province)
    if year is not None:
        rows = rows.filter(year=year)
    return list(rows.order_by("position").values_list("data", flat=True))


# ------------------------------------------------------------------------------------------------ flat rows


def _names() -> dict[str, str]:
    from refah.geo.models import District, Province

    names = dict(Province.objects.values_list("pcode", "name"))
    names.update(District.objects.values_list("pcode", "name"))
    return names


def columns(dataset: Dataset) -> list[dict]:
    """The file's columns in order, each with its code, label and definition."""
    out = []
    for dim in dataset.dims:
        if dim == AREA:
            out += [
                {"code": "province_code", "label": _("Province P-code"), "definition": _("Empty: all provinces.")},
                {"code": "province", "label": _("Province"), "definition": _("The province's name.")},
                {
                    "code": "district_code",
                    "label": _("District P-code"),
                    "definition": _("Empty: the province's total."),
                },
                {"code": "district", "label": _("District"), "definition": _("The district's name.")},
            ]
        elif dim == PERIOD:
            out += [
                {"code": "year", "label": _("Year"), "definition": _("Empty: all years.")},
                {"code": "month", "label": _("Month"), "definition": _("YYYY-MM; empty: the year's total.")},
            ]
        else:
            label = str(DIMENSION_LABELS[dim])
            out += [
                {"code": dim, "label": label, "definition": _("Code; empty: all of them.")},
                {"code": f"{dim}_name", "label": label, "definition": _("The name in words.")},
            ]
    for measure in dataset.measures:
        out.append({"code": measure.code, "label": str(measure.label), "definition": str(measure.definition)})
    out.append(
        {
            "code": "suppressed",
            "label": _("Suppressed"),
            "definition": _("The measures of the row that are hidden (empty cells), separated by spaces."),
        }
    )
    return out


def _value_name(dim: str, value: str | None, total: str) -> str:
    if value is None:
        return total
    if dim == PROGRAM:
        from refah.eligibility.catalogue import program_label

        return program_label(value)
    if dim == SERVICE_KIND:
        from refah.casework.enums import ServiceKind

        return str(ServiceKind(value).label) if value in ServiceKind.values else value
    if dim == VISIT_OUTCOME:
        from refah.asdep.enums import VisitOutcome

        return str(VisitOutcome(value).label) if value in VisitOutcome.values else value
    return value


def flat_rows(dataset: Dataset, stored: list[dict]) -> list[dict]:
    """Stored rows as the files' rows (column codes of `columns()`), names in the active language; amounts as
    Decimal lira."""
    names = _names() if AREA in dataset.dims else {}
    total = _("Total")
    cache: dict[tuple, str] = {}
    out = []
    for data in stored:
        row: dict = {}
        for dim in dataset.dims:
            path = data[dim]
            if dim == AREA:
                province, district = path
                row["province_code"] = province or ""
                row["province"] = names.get(province, province) if province else _("Türkiye")
                row["district_code"] = district or ""
                row["district"] = names.get(district, district) if district else total
            elif dim == PERIOD:
                row["year"], row["month"] = path[0] or "", path[1] or ""
            else:
                value = path[0]
                row[dim] = value or ""
                key = (dim, value)
                if key not in cache:
                    cache[key] = _value_name(dim, value, _("All"))
                row[f"{dim}_name"] = cache[key]
        for measure in dataset.measures:
            value = data[measure.code]
            row[measure.code] = kurus_to_tl(value) if measure.money and value is not None else value
        row["suppressed"] = " ".join(data["suppressed"])
        out.append(row)
    return out


# ------------------------------------------------------------------------------------------------ files


def _require_release() -> OpenDataRelease:
    release = release_latest()
    if release is None:
        raise NotFoundError(ERR_NO_RELEASE)
    return release


def dataset_slice(code: str, *, province: str | None = None, year=None) -> tuple[Dataset, OpenDataRelease, dict, list]:
    """(dataset, release, the slice as given back, flat rows) for a request's parameters (checked, with the field)."""
    dataset = dataset_get(code)
    pcode = province_code(province)
    year = year_value(dataset, year)
    release = _require_release()
    rows = flat_rows(dataset, slice_rows(dataset, release=release, province=pcode, year=year))
    return dataset, release, {"province": pcode or None, "year": year}, rows


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def csv_bytes(dataset: Dataset, rows: list[dict]) -> bytes:
    """UTF-8 CSV with a header of column codes; hidden cells empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    codes = [c["code"] for c in columns(dataset)]
    writer.writerow(codes)
    for row in rows:
        writer.writerow([_csv_value(row[c]) for c in codes])
    return buffer.getvalue().encode("utf-8")


def metadata(dataset: Dataset, release: OpenDataRelease | None) -> dict:
    """What a reader needs to use the dataset: description, columns with definitions, sources, licence, dates."""
    summary = (release.summary.get(dataset.code) if release else None) or {}
    return {
        "code": dataset.code,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "notes": [str(n) for n in dataset.notes],
        "columns": columns(dataset),
        "dimensions": [{"code": d, "label": str(DIMENSION_LABELS[d])} for d in dataset.dims],
        "sources": list(dataset.sources),
        "update_frequency": str(FREQUENCY),
        "licence": {**LICENCE, "name": str(LICENCE["name"])},
        "language": active_language(),
        "generated_at": release.generated_at.isoformat() if release else None,
        "threshold": release.threshold if release else None,
        "suppression": str(SUPPRESSION_NOTE % {"below": release.threshold - 1}) if release else None,
        "eligibility_month": (
            f"{release.eligibility_period:%Y-%m}"
            if release and release.eligibility_period and PROGRAM in dataset.dims
            else None
        ),
        "first_month": summary.get("first_month"),
        "last_month": summary.get("last_month"),
        "years": summary.get("years", []),
        "provinces": summary.get("provinces", []),
    }


def _json_value(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def json_payload(dataset: Dataset, release: OpenDataRelease, sliced: dict, rows: list[dict]) -> dict:
    return {
        **metadata(dataset, release),
        "slice": sliced,
        "rows": [
            {
                **{k: _json_value(v) for k, v in row.items() if k != "suppressed"},
                "suppressed": row["suppressed"].split(),
            }
            for row in rows
        ],
    }


def json_bytes(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def filename(dataset: Dataset, sliced: dict, ext: str) -> str:
    parts = [dataset.code, sliced["province"] or "TUR", str(sliced["year"] or "all")]
    return "-".join(parts) + f".{ext}"
