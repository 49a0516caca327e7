"""Time the social risk map's figures on a loaded registry (PostgreSQL): one indicator for a province (what the
screen and API compute: every neighbourhood, suppressed over the province's hierarchy) and all six (the long
report's members read once). Load the registry first, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/refah_maps .venv/bin/refah migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/refah_maps .venv/bin/refah synth --province 6 --households 300000
    .venv/bin/python bench/risk_map.py --url postgres://postgres@127.0.0.1:5432/refah_maps --province TUR006
"""

import argparse
import datetime as dt
import time

import harness


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432/refah_maps")
    parser.add_argument("--province", default="TUR006")
    parser.add_argument("--period", default="2025-07")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    harness.django_setup(args.url)
    from refah.geo.models import Province
    from refah.registry.models import Household
    from refah.reports.maps.indicators import INDICATORS, period_parse, province_all, province_figures

    province = Province.objects.get(pcode=args.province)
    day: dt.date = period_parse(args.period)
    households = Household.objects.filter(province=province).count()
    print(f"{province.name}: {households:,} households, period {day:%Y-%m}")
    for code in INDICATORS:
        best = min(
            _time(lambda code=code: province_figures(province, INDICATORS[code], day)) for _ in range(args.repeat)
        )
        print(f"  {code:<18} {best:6.2f} s")
    best = min(_time(lambda: province_all(province, day)) for _ in range(args.repeat))
    print(f"  {'all six (report)':<18} {best:6.2f} s")


def _time(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
