"""Public open-data API (no authentication) under /api/v1/open-data/: the catalogue, one dataset's description,
and a slice of its published rows (the same rows as the CSV and JSON files; amounts as decimal strings)."""

from django.http import HttpResponse
from ninja import Router, Schema

from refah.reports.opendata import selectors
from refah.reports.opendata.datasets import DATASETS

router = Router(tags=["open data"], auth=None)


class OpenDataColumnOut(Schema):
    code: str
    label: str
    definition: str


class OpenDataLicenceOut(Schema):
    code: str
    name: str
    url: str


class OpenDataDatasetOut(Schema):
    code: str
    title: str
    description: str
    notes: list[str]
    columns: list[OpenDataColumnOut]
    sources: list[str]
    update_frequency: str
    licence: OpenDataLicenceOut
    language: str
    generated_at: str | None
    threshold: int | None
    suppression: str | None
    eligibility_month: str | None
    first_month: str | None
    last_month: str | None
    years: list[str]
    provinces: list[str]


@router.get("/datasets", response=list[OpenDataDatasetOut])
def open_data_datasets(request):
    """Every open dataset with its columns, definitions, licence and the date of its last publication."""
    release = selectors.release_latest()
    return [selectors.metadata(dataset, release) for dataset in DATASETS.values()]


@router.get("/datasets/{code}", response=OpenDataDatasetOut)
def open_data_dataset(request, code: str):
    """One dataset's description."""
    return selectors.metadata(selectors.dataset_get(code), selectors.release_latest())


@router.get("/datasets/{code}/rows", response={200: None})
def open_data_rows(request, code: str, province: str | None = None, year: str | None = None):
    """A slice of the dataset's published rows (a province by P-code or plate, a year), with the metadata: the
    same as the JSON file. Hidden cells are null and named in `suppressed`."""
    dataset, release, sliced, rows = selectors.dataset_slice(code, province=province, year=year)
    payload = selectors.json_payload(dataset, release, sliced, rows)
    return HttpResponse(selectors.json_bytes(payload), content_type="application/json; charset=utf-8")
