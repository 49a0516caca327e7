"""`refah demo_scenario`: work in progress for every demo user at Iğdır Merkez SYDV. Does nothing if it exists."""

import contextlib
import io

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from refah.demo.cast import cast_load
from refah.demo.citizen import citizen_lines, demo_citizen
from refah.demo.scenario import scenario_exists, scenario_run

PORTAL_URL = "http://127.0.0.1:8000/portal/sign-in/"  # where `make demo` serves


class Command(BaseCommand):
    help = (
        "Create the demo scenario for Iğdır Merkez SYDV through the apps' services: applications in every state, "
        "committee meetings, a payment cycle, coal, aid cards and the social market (idempotent; run demo_users first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42, help="seed for drawing households (default 42)")

    def handle(self, *args, **options):
        console = Console(file=self.stdout, force_terminal=False, width=120)
        try:
            if scenario_exists():
                console.print("The demo scenario already exists; nothing to do.")
                self._citizen(console)
                return
            # Citizens' SMS go to the console backend in a demo; keep them out of the summary.
            with contextlib.redirect_stdout(io.StringIO()):
                summary = scenario_run(seed=options["seed"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        took = f"{summary.seconds} s"
        if summary.determinations_seconds:
            took += f", of which {summary.determinations_seconds} s evaluating the month's determinations"
        table = Table(title=f"Refah demo scenario (Iğdır Merkez SYDV), {took}")
        for column in ("area", "what", "count"):
            table.add_column(column, justify="right" if column == "count" else "left")
        for area, what, count in summary.rows:
            table.add_row(area, what, f"{count:,}")
        console.print(table)
        self._citizen(console)

    def _citizen(self, console: Console) -> None:
        citizen = demo_citizen(district_id=cast_load().merkez.district_id)
        for line in citizen_lines(citizen, portal_url=PORTAL_URL):
            console.print(line, markup=False, highlight=False)
