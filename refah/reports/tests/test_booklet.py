"""The province booklet: every section's figures computed from the records and suppressed, read back from the PDF
(Turkish and English), the same bytes for the same data, the command, and the screen → background job → file."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.accounts.enums import Role
from refah.committees.tests.pdftext import pdf_text
from refah.common.errors import RefahError
from refah.common.tests.timers import run_pending
from refah.geo.models import Province
from refah.registry.models import Household
from refah.reports import jobs
from refah.reports.booklet import figures, tables
from refah.reports.booklet.make import booklet_make, province_find
from refah.reports.enums import JobStatus
from refah.reports.suppression import ALL
from refah.reports.tasks import report_job_run
from refah.reports.tests import booklet_world

YEAR = booklet_world.YEAR
TODAY = dt.date(2025, 1, 15)
HIDDEN = "•"


@pytest.fixture
def world(merkez, tuzluca, office_merkez, office_tuzluca, office_province, make_staff):
    return booklet_world.build(
        merkez=merkez,
        tuzluca=tuzluca,
        office_merkez=office_merkez,
        office_tuzluca=office_tuzluca,
        office_province=office_province,
        make_staff=make_staff,
    )


def _tables(booklet) -> dict:
    return {table.key: table for section in booklet.sections for table in section.tables}


def _row(lines: list[str], title: str, label: str, n: int) -> list[str]:
    """The n figures after `label` in the first table titled `title` (the PDF text has one cell per line)."""
    start = lines.index(title)
    at = lines.index(label, start + 1)
    return lines[at + 1 : at + 1 + n]


def test_every_section_computes_its_figures_from_the_records(world, igdir, merkez, tuzluca):
    booklet = figures.booklet_figures(province=igdir, year=YEAR, today=TODAY)
    assert [s.key for s in booklet.sections] == list(figures.SECTIONS)
    t = _tables(booklet)
    m, z = merkez.pk, tuzluca.pk
    # social assistance: paid (aid card, a paid bank line) counts; a failed line, a pending one, 2023 do not
    assert (t["helped"].value(m, "helped"), t["helped"].value(z, "helped"), t["helped"].value(ALL, "helped")) == (
        9,
        6,
        15,
    )
    assert t["helped"].value(m, "registered") == Household.objects.filter(district=merkez).count()
    assert t["programs"].value(ALL, "income_support") == 7 and t["programs"].amount(ALL, "income_support") == 700_000
    assert t["programs"].value(m, "home_care") is None  # 2 households: hidden, with its amount
    assert t["programs"].amount(m, "home_care") is None
    assert t["applications"].value(ALL, "applications") == 17
    assert t["decisions"].value(ALL, ALL) == 17 and t["decisions"].value(m, "rejected") is None
    assert t["other_givers"].value(m, "municipality") == 6 and t["other_givers"].amount(m, "municipality") == 300_000
    assert booklet.map_values[merkez.pcode] == round(1000 * 9 / Household.objects.filter(district=merkez).count(), 1)
    # family and community services
    assert t["shm_cases"].value(ALL, "opened") == 8
    assert t["shm_cases"].value(z, "opened") is None and t["shm_cases"].value(m, "opened") is None  # 2, and 6 − 2
    assert t["shm_cases"].value(ALL, "open") == 7 and t["shm_cases"].value(ALL, "closed") is None
    assert (t["asdep"].value(m, "visits"), t["asdep"].value(m, "households"), t["asdep"].value(ALL, "visits")) == (
        10,
        8,
        15,
    )
    assert t["referrals"].value(m, "family_counselling") == 5 and t["referrals"].value(ALL, "social_aid") == 10
    assert t["referrals"].value(ALL, ALL) == 15  # the referral of 2023 is not counted
    # children, elderly, veterans
    assert t["protection"].value(ALL, ALL) == 6 and t["protection"].value(z, "protection") is None
    assert t["children_in_care"].value(ALL, ALL) == 6  # the child who left in 2024 is not counted
    assert t["children_in_care"].value(z, figures.FOSTER) is None
    assert t["sed_adoption"].value(ALL, "adopted") is None  # one adoption
    assert t["care_placements"].value(m, "elderly_home") == 5
    assert t["veterans"].value(ALL, ALL) == 6 and t["veterans"].value(z, "martyr_spouse") is None
    assert t["travel_cards"].value(ALL, ALL) == 7 and t["travel_cards"].value(z, "veteran") is None
    assert t["women"].value(ALL, "recipients") == 15 and t["women"].amount(ALL, "widow_aid") == 600_000
    facts = dict(booklet.sections[-1].facts)
    assert list(facts.values()) == ["2"]  # two SYDV
    # nothing small is shown, and no group of a table has exactly one hidden entry (one subtraction reveals none)
    for table in t.values():
        assert not any(v is not None and 0 < v < 5 for v in table.cells.values()), table.key
        rows = [key for key, _label in table.rows]
        columns = [code for code, _label in table.columns]
        if table.total_column or ALL not in columns:
            cube_columns = [c for c in columns if c != ALL]
            for column in cube_columns:
                hidden = [r for r in rows if table.cells.get((r, column), 0) is None]
                assert len(hidden) != 1, (table.key, column)
        if table.total_column:
            for r in rows:
                hidden = [c for c in columns if table.cells.get((r, c), 0) is None]
                assert len(hidden) != 1, (table.key, r)


def test_the_pdf_reads_back_every_section_in_turkish(world, igdir, merkez, tuzluca):
    data = booklet_make(province=igdir, year=YEAR, language="tr", today=TODAY)
    assert data.startswith(b"%PDF")
    with translation.override("tr"):
        t = _tables(figures.booklet_figures(province=igdir, year=YEAR, today=TODAY))
        total = "İl toplamı"
        text = pdf_text(data)
        lines = text.splitlines()
        assert igdir.name in lines and "İl Bülteni 2024" in lines
        assert "15 Ocak 2025" in text  # the day of production on the cover
        for title in ("İçindekiler", "Aile ve toplum hizmetleri", "Çocuk hizmetleri", "Kadın hizmetleri"):
            assert title in lines
        assert _row(lines, t["helped"].title, merkez.name, 2)[0] == "9"
        assert _row(lines, t["helped"].title, total, 1) == ["15"]
        assert _row(lines, t["shm_cases"].title, tuzluca.name, 3) == [HIDDEN, "0", HIDDEN]
        assert _row(lines, t["shm_cases"].title, total, 3) == ["8", HIDDEN, "7"]
        assert _row(lines, t["asdep"].title, merkez.name, 2) == ["10", "8"]
        assert _row(lines, t["other_givers"].title, merkez.name, 2) == ["6", "3.000,00 TL"]
        programs = _row(lines, t["programs"].title, total, 6)
        assert "7" in programs and "7.000,00 TL" in programs and HIDDEN in programs
        assert _row(lines, t["care_placements"].title, merkez.name, 5)[0] == "5"
        # the charts write their figures on the bars; the map names its districts with their figure
        assert text.count("15") >= 3
        rate = f"{1000 * 9 / Household.objects.filter(district=merkez).count():.1f}".replace(".", ",")
        assert rate in lines
        assert "OCHA COD-AB Türkiye (ADM2), via turkiye 0.1.1 (MIT)" in text
        assert any(line.startswith(f"{HIDDEN}  gizli") for line in lines)
        assert "ŞÖNİM" in text and "Yöntem ve kaynaklar" in lines
        for english in ("Province", "Households", "District", "hidden", "Total", "Contents", " the "):
            assert english not in text, english


def test_the_english_booklet_and_the_same_bytes_for_the_same_data(world, igdir, merkez):
    english = booklet_make(province="igdir", year=YEAR, language="en", today=TODAY)
    lines = pdf_text(english).splitlines()
    assert "Province booklet 2024" in lines and "Social assistance" in lines and "Province total" in lines
    assert "Contents" in lines and "Methods and sources" in lines
    with translation.override("en"):
        helped = _tables(figures.booklet_figures(province=igdir, year=YEAR, today=TODAY))["helped"].title
    assert _row(lines, helped, merkez.name, 1) == ["9"]
    assert booklet_make(province=igdir, year=YEAR, language="en", today=TODAY) == english


def test_province_names_fold_and_bad_input_is_refused(db):
    igdir = Province.objects.get(pcode="TUR076")
    assert province_find("IĞDIR") == province_find("Iğdır") == province_find("igdir") == province_find("76") == igdir
    with pytest.raises(RefahError) as err:
        province_find("Atlantis")
    assert err.value.field == "province"
    with pytest.raises(RefahError) as err:
        booklet_make(province=igdir, year=YEAR, today=TODAY)  # no records at all
    assert err.value.field == "year"
    with pytest.raises(RefahError) as err:
        booklet_make(province=igdir, year=1990, today=TODAY)
    assert err.value.field == "year"
    with pytest.raises(RefahError) as err:
        booklet_make(province=igdir, year=YEAR, language="de", today=TODAY)
    assert err.value.field == "language"


def test_the_command_writes_the_file_and_says_where(world, tmp_path):
    out = io.StringIO()
    target = tmp_path / "igdir.pdf"
    call_command("report", "booklet", "--il", "IĞDIR", "--year", str(YEAR), "--out", str(target), stdout=out)
    assert target.read_bytes().startswith(b"%PDF") and str(target) in out.getvalue() and " s" in out.getvalue()
    call_command("report", "booklet", "--il", "igdir", "--year", str(YEAR), "--lang", "en", "--out", str(tmp_path))
    assert (tmp_path / f"il-bulteni-igdir-{YEAR}-en.pdf").exists()
    with pytest.raises(CommandError, match="Atlantis"):
        call_command("report", "booklet", "--il", "Atlantis", "--year", str(YEAR), "--lang", "en")
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("report", "booklet", "--il", "76", "--year", str(YEAR), "--out", str(tmp_path / "no" / "x.pdf"))
    with pytest.raises(CommandError, match="2019"):
        call_command("report", "booklet", "--il", "Iğdır", "--year", "2019", "--lang", "en")


def test_the_screen_asks_the_worker_and_offers_the_file(
    world,
    igdir,
    api_client_for,
    make_staff,
    office_province,
    office_merkez,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    analyst = make_staff(office_province, Role.ANALYST)
    client = Client()
    client.force_login(analyst)
    page = client.get("/reports/booklet/")
    assert page.status_code == 200 and igdir.name in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/reports/booklet/", {"province": igdir.pk, "year": YEAR, "language": "en"})
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    job = jobs.job_list(user=analyst)[0]
    assert job.kind == "booklet" and job.params["year"] == YEAR and job.language == "en"
    run_pending(report_job_run)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    download = client.get(f"/reports/jobs/{job.pk}/file")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert "Province booklet" in pdf_text(download.content)
    # another province is not the analyst's; a caseworker may not make booklets
    erzurum = Province.objects.exclude(pk=igdir.pk).first()
    with pytest.raises(RefahError) as err:
        jobs.job_request(actor=analyst, kind="booklet", params={"province": erzurum.name, "year": YEAR})
    assert err.value.field == "province"
    api = api_client_for(analyst)
    asked = api.post(
        "/api/v1/reports/jobs",
        {"kind": "booklet", "params": {"province": "IĞDIR", "year": YEAR}, "language": "tr"},
        content_type="application/json",
    )
    assert asked.status_code == 202 and asked.json()["params"]["province"] == igdir.pk
    refused = api.post(
        "/api/v1/reports/jobs",
        {"kind": "booklet", "params": {"province": "Atlantis", "year": YEAR}},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "province"
    bad = client.post("/reports/booklet/", {"province": igdir.pk, "year": "x", "language": "tr"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    client.force_login(caseworker)
    assert client.get("/reports/booklet/").status_code == 403


class _District:
    def __init__(self, pk):
        self.pk, self.name = pk, f"D{pk}"


@settings(max_examples=40, deadline=None)
@given(
    counts=st.dictionaries(
        st.tuples(st.integers(1, 4), st.sampled_from(["a", "b", "c"])), st.integers(0, 12), max_size=12
    ),
    amounts=st.integers(1, 10_000),
)
def test_no_booklet_table_shows_a_small_or_derivable_cell(counts, amounts):
    districts = [_District(pk) for pk in range(1, 5)]
    kinds = [("a", "A"), ("b", "B"), ("c", "C")]
    money = {key: n * amounts for key, n in counts.items()}
    cube = tables.district_by_kind("t", "T", districts, kinds, counts, amounts=money)
    series = tables.district_series(
        "s",
        "S",
        districts,
        {code: (label, {d: n for (d, k), n in counts.items() if k == code}) for code, label in kinds},
    )
    rows = [d.pk for d in districts] + [ALL]
    truth = {(d, k): counts.get((d, k), 0) for d in rows[:-1] for k in ("a", "b", "c")}
    for table in (cube, series):
        for (row, column), shown in table.cells.items():
            assert shown is None or not 0 < shown < 5
            if shown is not None and row != ALL and column != ALL:
                assert shown == truth[(row, column)]
        for column in ("a", "b", "c"):  # along the districts: never exactly one hidden entry
            assert sum(table.cells[(r, column)] is None for r in rows) != 1
    for row in rows:  # along the kinds, with the total column
        assert sum(cube.cells[(row, c)] is None for c in ("a", "b", "c", ALL)) != 1
        for c in ("a", "b", "c"):
            assert (cube.amounts[(row, c)] is None) == (cube.cells[(row, c)] is None)
