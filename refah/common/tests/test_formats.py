"""English screens write dates day first (issue 12): 6 Dec 2026, 06/12/2026, never Dec. 6, 2026."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation

DAY = dt.date(2026, 12, 6)


def test_english_dates_are_day_first_like_turkish_ones():
    template = Template('{{ day|date }} · {{ day|date:"SHORT_DATE_FORMAT" }}')
    with translation.override("en"):
        assert template.render(Context({"day": DAY})) == "6 Dec 2026 · 06/12/2026"
    with translation.override("tr"):
        assert template.render(Context({"day": DAY})).startswith("06 Aralık 2026")
