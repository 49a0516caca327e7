"""The risk map's outputs read back against the database: the screen's SVG (every district of the province with
its P-code and figure; a district's neighbourhoods as tiles), the API, the PDF's text, the PNG's size and legend,
the background reports — and each cut to the user's jurisdiction."""

import io
import re
import zipfile

import pytest
from django.test import Client
from PIL import Image

from refah.accounts.enums import Role
from refah.committees.tests.pdftext import pdf_text
from refah.common.tests.timers import run_pending
from refah.geo.models import Province
from refah.reports import jobs
from refah.reports.enums import JobStatus
from refah.reports.maps.geometry import province_shapes
from refah.reports.maps.indicators import INDICATORS, figure_text, province_figures
from refah.reports.maps.png import legend_boxes
from refah.reports.maps.scale import COLOURS, hex_rgb
from refah.reports.tasks import report_job_run
from refah.reports.tests.maps_world import PERIOD, build

pytestmark = pytest.mark.django_db
Q = "indicator=elderly_alone&period=2025-03"


@pytest.fixture
def world(make_staff, office_merkez, settings):
    settings.REFAH_SUPPRESSION_THRESHOLD = 2
    return build(make_staff(office_merkez, Role.SOCIAL_WORKER), office_merkez)


@pytest.fixture
def analyst(make_staff, office_province):
    return make_staff(office_province, Role.ANALYST)


@pytest.fixture
def merkez_user(make_staff, office_merkez):
    return make_staff(office_merkez, Role.SOCIAL_WORKER)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _expected(code):
    figures = province_figures(Province.objects.get(pcode="TUR076"), INDICATORS[code], PERIOD)
    return figures, {d.key: figure_text(INDICATORS[code], d, "tr") for d in figures.districts}


def test_the_svg_has_every_district_with_its_pcode_and_figure(world, analyst):
    page = _client(analyst).get(f"/reports/risk-map/?{Q}", HTTP_ACCEPT_LANGUAGE="tr")
    assert page.status_code == 200
    html = page.content.decode()
    _figures, expected = _expected("elderly_alone")
    pcodes = {shape.pcode for shape in province_shapes("TUR076")}
    assert pcodes == set(expected) and len(pcodes) == 4
    for pcode, figure in expected.items():
        assert re.search(rf'data-pcode="{pcode}" data-value="{re.escape(figure)}"', html), (pcode, figure)
    assert 'data-value="%60,0"' in html and 'data-value="%100,0"' in html  # Merkez 3/5, Tuzluca 2/2
    assert "KARAKOYUNLU" in html and "•" in html  # the legend's hidden sign is explained
    assert "district=TUR076002" in html  # a district is a link to its neighbourhoods


def test_a_district_shows_its_neighbourhoods_as_tiles_and_hides_small_cells(world, analyst):
    html = _client(analyst).get(f"/reports/risk-map/?{Q}&district=TUR076002").content.decode()
    assert "BAĞLAR" in html and "ZAFER" in html and "CUMHURİYET" not in html
    assert "schematic" in html or "şematik" in html
    # ZAFER has one elderly person living alone: hidden, and BAĞLAR with it (Merkez's total is shown)
    assert html.count('data-value="•"') == 2
    html = _client(analyst).get("/reports/risk-map/?indicator=out_of_school&period=2025-03&district=TUR076002")
    assert 'data-value="66.7%"' in html.content.decode() or 'data-value="%66,7"' in html.content.decode()


def test_a_district_user_sees_only_their_district(world, merkez_user):
    client = _client(merkez_user)
    html = client.get(f"/reports/risk-map/?{Q}").content.decode()
    assert 'data-pcode="TUR076002" data-value=' in html
    assert 'data-pcode="TUR076004" data-value=' not in html  # Tuzluca drawn pale, without a figure
    assert client.get(f"/reports/risk-map/?{Q}&district=TUR076004").status_code == 404
    assert client.get(f"/reports/risk-map/?{Q}&province=TUR006").status_code == 404
    assert client.get(f"/reports/risk-map/?{Q}&district=TUR076002").status_code == 200
    assert client.get("/reports/risk-map/?indicator=nothing").status_code == 400
    assert client.get("/reports/risk-map/?period=2025-13").status_code == 400


def test_the_api_answers_suppressed_figures_in_the_callers_area(world, merkez_user, analyst, api_client_for):
    answer = api_client_for(analyst).get("/api/v1/reports/risk-map", {"indicator": "aid", "period": "2025-03"})
    assert answer.status_code == 200
    body = answer.json()
    areas = {a["code"]: a for a in body["areas"]}
    assert set(areas) == {s.pcode for s in province_shapes("TUR076")}
    assert areas["TUR076002"]["amount_kurus"] == 350_000 and areas["TUR076002"]["value"] == "500.00"
    assert body["total"]["denominator"] == 10
    inside = api_client_for(merkez_user)
    body = inside.get("/api/v1/reports/risk-map", {"indicator": "protection", "period": "2025-03"}).json()
    assert [a["code"] for a in body["areas"]] == ["TUR076002"] and body["total"] is None
    body = inside.get(
        "/api/v1/reports/risk-map", {"indicator": "protection", "period": "2025-03", "district": "TUR076002"}
    ).json()
    hidden = [a for a in body["areas"] if a["suppressed"]]
    assert {a["name"] for a in hidden} == {"BAĞLAR", "ZAFER"}
    assert all(a["numerator"] is None and a["value"] is None for a in hidden)
    refused = inside.get("/api/v1/reports/risk-map", {"district": "TUR076004"})
    assert refused.status_code == 404
    wrong = inside.get("/api/v1/reports/risk-map", {"indicator": "x"})
    assert wrong.status_code == 400 and "indicator" in wrong.content.decode()


def test_the_pdf_reads_back_the_districts_and_their_figures(world, analyst):
    answer = _client(analyst).get(f"/reports/risk-map/map.pdf?{Q}", HTTP_ACCEPT_LANGUAGE="tr")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    _figures, expected = _expected("elderly_alone")
    for shape in province_shapes("TUR076"):
        assert shape.name in text
        assert expected[shape.pcode] in text
    assert "%60,0" in text and "%71,4" in text  # Merkez, and the province's total in the table
    assert "OCHA" in text


def test_the_png_has_its_size_and_legend(world, analyst):
    answer = _client(analyst).get(f"/reports/risk-map/map.png?{Q}")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(answer.content)).convert("RGB")
    assert image.size == (1200, 1060)
    for colour, (x0, y0, x1, y1) in zip([*COLOURS, "#d9d9d9"], legend_boxes(), strict=True):
        assert image.getpixel(((x0 + x1) // 2, (y0 + y1) // 2)) == hex_rgb(colour)
    tiles = _client(analyst).get(f"/reports/risk-map/map.png?{Q}&district=TUR076002")
    assert Image.open(io.BytesIO(tiles.content)).size == (1200, 1060)


def test_the_background_reports_make_one_page_or_image_per_indicator(
    world, analyst, merkez_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        pdf_job = jobs.job_request(actor=analyst, kind="risk_map_pdf", params={"period": "2025-03"}, language="tr")
    run_pending(report_job_run)
    with django_capture_on_commit_callbacks(execute=True):
        png_job = jobs.job_request(
            actor=merkez_user, kind="risk_map_png", params={"period": "2025-03", "district": "TUR076002"}
        )
    run_pending(report_job_run)
    pdf_job.refresh_from_db()
    png_job.refresh_from_db()
    assert pdf_job.status == JobStatus.DONE and png_job.status == JobStatus.DONE, (pdf_job.error, png_job.error)
    _job, data = jobs.job_file(user=analyst, job_id=pdf_job.pk)
    text = pdf_text(data)
    for indicator in INDICATORS.values():
        assert text.count(str(indicator.label)) >= 1
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>") >= 6
    _job, data = jobs.job_file(user=merkez_user, job_id=png_job.pk)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) == len(INDICATORS) and all(n.endswith(".png") for n in names)
    with pytest.raises(Exception) as refused:  # a district's user cannot ask for the whole province
        jobs.job_request(actor=merkez_user, kind="risk_map_pdf", params={"period": "2025-03"})
    assert getattr(refused.value, "field", None) == "district"


def test_the_turkish_page_has_no_english_of_the_maps(world, analyst):
    client = _client(analyst)
    client.post("/i18n/setlang/", {"language": "tr"})
    for query in (Q, f"{Q}&district=TUR076002", "indicator=aid&period=2025-03"):
        html = client.get(f"/reports/risk-map/?{query}", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
        assert "Sosyal risk haritası" in html
        for english in ("Social risk map", "Elderly", "households", "Legend", "schematic", "Download", "outside your"):
            assert english not in html, (query, english)
