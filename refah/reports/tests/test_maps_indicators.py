"""The risk indicators against a hand-built world (maps_world: every figure below worked out by hand), their
suppression over the province's hierarchy, and the sealed shelters' records counted nowhere."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from refah.accounts.enums import Role
from refah.geo.models import Province
from refah.reports.maps.counting import need_cutoff
from refah.reports.maps.indicators import INDICATORS, format_value, province_figures
from refah.reports.suppression import is_small
from refah.reports.tests.maps_world import PERIOD, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_staff, office_merkez):
    return build(make_staff(office_merkez, Role.SOCIAL_WORKER), office_merkez)


def _figures(code):
    figures = province_figures(Province.objects.get(pcode="TUR076"), INDICATORS[code], PERIOD)
    districts = {d.key: d for d in figures.districts}
    neighbourhoods = {n.name: n for rows in figures.neighbourhoods.values() for n in rows}
    return figures, districts, neighbourhoods


def _shown(area):
    return (area.numerator, area.denominator, area.value)


# TUR076002 Merkez, TUR076004 Tuzluca; Aralık and Karakoyunlu have nobody: no figure, not hidden
EXPECTED = {
    "need": ((3, 6, "50.0"), (2, 3, "66.7"), (5, 9, "55.6"), {"BAĞLAR": None, "ZAFER": None}),
    "elderly_alone": ((3, 5, "60.0"), (2, 2, "100.0"), (5, 7, "71.4"), {"BAĞLAR": None, "ZAFER": None}),
    "disabled_no_care": (
        (2, 4, "50.0"),
        (0, 0, None),
        (2, 4, "50.0"),
        {"BAĞLAR": (2, 2, "100.0"), "ZAFER": (0, 2, "0.0")},
    ),
    "out_of_school": (
        (4, 5, "80.0"),
        (0, 0, None),
        (4, 5, "80.0"),
        {"BAĞLAR": (2, 3, "66.7"), "ZAFER": (2, 2, "100.0")},
    ),
    "protection": ((2, 5, "400.0"), (0, 2, "0.0"), (2, 7, "285.7"), {"BAĞLAR": None, "ZAFER": None}),
    "aid": ((3, 7, "500.00"), (0, 3, "0.00"), (3, 10, "350.00"), {"BAĞLAR": None, "ZAFER": None}),
}


@pytest.mark.parametrize("code", list(EXPECTED))
def test_each_indicator_matches_the_hand_worked_figures(world, settings, code):
    settings.REFAH_SUPPRESSION_THRESHOLD = 2  # a count of 1 is hidden: the world stays small
    merkez, tuzluca, province, neighbourhoods = EXPECTED[code]
    figures, districts, areas = _figures(code)

    def expect(area, wanted):
        value = None if wanted[2] is None else Decimal(wanted[2])
        assert _shown(area) == (wanted[0], wanted[1], value) and not area.suppressed, area

    expect(districts["TUR076002"], merkez)
    expect(districts["TUR076004"], tuzluca)
    expect(figures.total, province)
    for pcode in ("TUR076001", "TUR076003"):
        assert districts[pcode].value is None and not districts[pcode].suppressed and districts[pcode].denominator == 0
    for name, wanted in neighbourhoods.items():
        if wanted is None:  # a count of 1 in ZAFER, and BAĞLAR hidden with it so that Merkez − BAĞLAR gives nothing
            assert areas[name].suppressed and _shown(areas[name]) == (None, None, None)
        else:
            expect(areas[name], wanted)


def test_aid_amounts_are_exact_kurus(world, settings):
    settings.REFAH_SUPPRESSION_THRESHOLD = 2
    figures, districts, _areas = _figures("aid")
    assert districts["TUR076002"].amount_kurus == 350_000 and figures.total.amount_kurus == 350_000
    assert format_value(INDICATORS["aid"], districts["TUR076002"].value, "tr") == "500,00 TL"


def test_need_cutoff_is_the_lowest_programme_cutoff():
    assert need_cutoff(PERIOD) == 40.0


def test_no_small_cell_is_shown_at_the_default_threshold(world):
    for code in INDICATORS:
        figures, districts, areas = _figures(code)
        everything = [figures.total, *districts.values(), *areas.values()]
        for area in everything:
            assert area.numerator is None or not is_small(area.numerator, 5), (code, area)
            assert area.denominator is None or not is_small(area.denominator, 5), (code, area)
        groups = [[figures.total, *districts.values()]] + [
            [districts[pcode], *rows] for pcode, rows in figures.neighbourhoods.items()
        ]
        for group in groups:  # never one hidden entry alone in a group: no subtraction gives it back
            assert sum(a.suppressed for a in group) != 1, (code, [a.name for a in group])


def test_the_maps_never_read_the_sealed_shelters():
    root = Path(__file__).resolve().parents[1] / "maps"
    for path in root.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module] + [
            a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
        ]
        assert not any(name.startswith("refah.shelters") for name in names), path
        assert "shelters" not in path.read_text(encoding="utf-8").replace("sealed shelter", ""), path
