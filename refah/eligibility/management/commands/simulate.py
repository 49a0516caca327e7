"""refah simulate --set home_care.income_ratio=0.75 [--set …] --period 2025-07 [--csv out.csv]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from refah.common.money import format_tl
from refah.eligibility.simulation import parse_changes, simulate

HEADER = ("district", "program", "households", "eligible", "→", "monthly cost", "→")


class Command(BaseCommand):
    help = "What-if: coverage and monthly cost per district, today versus changed parameters (nothing is stored)."

    def add_arguments(self, parser):
        parser.add_argument("--set", dest="changes", action="append", required=True, metavar="PARAMETER=VALUE")
        parser.add_argument("--period", required=True, help="YYYY-MM")
        parser.add_argument("--csv", help="also write the table to this CSV file")

    def handle(self, *args, changes, period, csv=None, **options):
        try:
            table = simulate(period=period, changes=parse_changes(changes))
        except (ValidationError, ValueError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from None
        widths = (10, 20, 10, 9, 9, 18, 18)
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True)))
        for row in table.iter_rows(named=True):
            cells = (
                row["district"],
                row["program"],
                str(row["households"]),
                str(row["eligible_today"]),
                str(row["eligible_changed"]),
                format_tl(row["monthly_cost_today_kurus"], "en"),
                format_tl(row["monthly_cost_changed_kurus"], "en"),
            )
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
        totals = table.select(
            "eligible_today", "eligible_changed", "monthly_cost_today_kurus", "monthly_cost_changed_kurus"
        ).sum()
        total = totals.row(0, named=True) if table.height else dict.fromkeys(totals.columns, 0)
        self.stdout.write(
            f"total: eligible {total['eligible_today']} → {total['eligible_changed']}; monthly cost "
            f"{format_tl(total['monthly_cost_today_kurus'] or 0, 'en')} → "
            f"{format_tl(total['monthly_cost_changed_kurus'] or 0, 'en')}"
        )
        if csv:
            table.write_csv(csv)
            self.stdout.write(f"written {csv}")
