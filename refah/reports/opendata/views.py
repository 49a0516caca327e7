"""The public open-data pages (no sign-in): the catalogue, one dataset with its fields and a preview of a slice,
and the downloads (CSV, JSON) of a slice. Everything shown is read from the latest stored release."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from refah.common.errors import NotFoundError, RefahError
from refah.reports.opendata import selectors
from refah.reports.opendata.datasets import DATASETS, PERIOD

PREVIEW_ROWS = 200


def _provinces(codes: list[str]) -> list[tuple[str, str]]:
    from refah.geo.models import Province

    return list(Province.objects.filter(pcode__in=codes).order_by("name_ascii").values_list("pcode", "name"))


@require_GET
def catalogue(request):
    release = selectors.release_latest()
    datasets = [selectors.metadata(dataset, release) for dataset in DATASETS.values()]
    provinces = sorted({p for d in datasets for p in d["provinces"]})
    context = {"datasets": datasets, "release": release, "provinces": _provinces(provinces)}
    return render(request, "reports/opendata/catalogue.html", context)


@require_GET
def dataset_page(request, code: str):
    try:
        dataset = selectors.dataset_get(code)
    except NotFoundError as exc:
        raise Http404(str(exc.message)) from None
    release = selectors.release_latest()
    meta = selectors.metadata(dataset, release)
    province, year = request.GET.get("province", ""), request.GET.get("year", "")
    context = {
        "dataset": meta,
        "release": release,
        "has_period": PERIOD in dataset.dims,
        "provinces": _provinces(meta["provinces"]),
        "chosen": {"province": province, "year": year},
        "rows": [],
        "error": None,
    }
    status = 200
    if release is not None:
        try:
            _, _, sliced, rows = selectors.dataset_slice(code, province=province, year=year)
        except RefahError as exc:
            context["error"], status = exc.message, 400
        else:
            columns = selectors.columns(dataset)
            measures = {m.code for m in dataset.measures}
            context.update(
                sliced=sliced,
                columns=columns,
                table=[
                    [
                        {
                            "label": c["label"],
                            "value": row[c["code"]],
                            "hidden": c["code"] in measures and row[c["code"]] is None,
                            "measure": c["code"] in measures,
                        }
                        for c in columns[:-1]
                    ]
                    for row in rows[:PREVIEW_ROWS]
                ],
                total_rows=len(rows),
                preview_rows=PREVIEW_ROWS,
                query=request.GET.urlencode(),
            )
    return render(request, "reports/opendata/dataset.html", context, status=status)


@require_GET
def download(request, code: str, fmt: str):
    if fmt not in ("csv", "json"):
        raise Http404(fmt)
    try:
        dataset, release, sliced, rows = selectors.dataset_slice(
            code, province=request.GET.get("province"), year=request.GET.get("year")
        )
    except NotFoundError as exc:
        raise Http404(str(exc.message)) from None
    except RefahError as exc:
        return HttpResponseBadRequest(str(exc.message), content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        response = HttpResponse(selectors.csv_bytes(dataset, rows), content_type="text/csv; charset=utf-8")
    else:
        payload = selectors.json_payload(dataset, release, sliced, rows)
        response = HttpResponse(selectors.json_bytes(payload), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{selectors.filename(dataset, sliced, fmt)}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


COMMITTEES_UNCHOSEN = 30  # more active committees than this: the page asks for a province first


@require_GET
def how_aid_is_decided(request):
    from refah.committees.models import Committee
    from refah.reports.opendata import howto

    try:
        province = selectors.province_code(request.GET.get("province"))
    except RefahError as exc:
        province, error = "", exc.message
    else:
        error = None
    choose = not province and Committee.objects.filter(active=True).count() > COMMITTEES_UNCHOSEN
    context = howto.how_aid_is_decided(province_pcode=province)
    if choose:
        context["committees"] = []
    provinces = Committee.objects.filter(active=True).values_list("office__province__pcode", flat=True).distinct()
    context.update(
        choose=choose,
        error=error,
        province=province,
        provinces=_provinces([p for p in provinces if p]),
    )
    return render(request, "reports/opendata/how_aid_is_decided.html", context, status=400 if error else 200)
