import datetime as dt
from django.utils import translation
from refah.reports.booklet import figures
from refah.reports.booklet.make import province_find
from refah.reports.booklet.pdf import render
from refah.committees.tests.pdftext import pdf_text

def test_smoke(db):
    p = province_find("IĞDIR")
    b = figures.booklet_figures(province=p, year=2024, today=dt.date(2025, 1, 5))
    with translation.override("tr"):
        data = render(b, produced=dt.date(2025, 1, 5))
    open("/tmp/bk.pdf", "wb").write(data)
    print(pdf_text(data)[:4000])
    assert 0
