"""`refah eligibility <subcommand>`: accuracy of the need score, the benchmark, one household's reasons.

refah eligibility accuracy [--households 50000] [--province 76] [--cutoff 45] [--poor-share 0.2]
refah eligibility bench --dir var/synth-1m [--chunk 1000000] [--repeat 1]
refah eligibility explain --dir var/synth --household 42 [--lang en] [--period 2025-07]
refah eligibility run --period 2025-07    # evaluate the whole registry and store determinations
"""

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress
from rich.table import Table

from refah.common.money import format_tl
from refah.eligibility.accuracy import accuracy
from refah.eligibility.engine import evaluate, parse_period
from refah.eligibility.models import Determination
from refah.eligibility.services import determinations_run
from refah.eligibility.stream import read_batches
from refah.registry.models import Household
from refah.synth.generate import generate, write_parquet


class Command(BaseCommand):
    help = "Eligibility engine tools: accuracy, bench, explain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        acc = sub.add_parser("accuracy", help="need score inclusion/exclusion error on the synthetic province")
        acc.add_argument("--dir", type=Path, help="Parquet directory with true_* columns (default: generate)")
        acc.add_argument("--households", type=int, default=50_000)
        acc.add_argument("--province", type=int, default=76)
        acc.add_argument("--seed", type=int, default=42, help="the synthetic province's seed (make demo uses 42)")
        acc.add_argument("--period", default="2025-07")
        acc.add_argument("--cutoff", type=float, help="need score cut-off (default: the one selecting --poor-share)")
        acc.add_argument("--poor-share", type=float, default=0.2, help="bottom share by true consumption = poor")
        bench = sub.add_parser("bench", help="all programs + need score + reasons over Parquet households")
        bench.add_argument("--dir", type=Path, required=True)
        bench.add_argument("--chunk", type=int, default=1_000_000)
        bench.add_argument("--repeat", type=int, default=1)
        bench.add_argument("--period", default="2025-07")
        explain = sub.add_parser("explain", help="one household's determinations and reasons")
        explain.add_argument("--dir", type=Path, required=True)
        explain.add_argument("--household", type=int, required=True)
        explain.add_argument("--period", default="2025-07")
        explain.add_argument("--lang", default="tr", choices=["tr", "en"])
        run = sub.add_parser("run", help="evaluate every household of the registry for a month; store determinations")
        run.add_argument("--period", required=True, help="month, e.g. 2025-07")
        run.add_argument("--if-empty", action="store_true", help="do nothing if the month already has determinations")

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _run(self, options):
        try:
            period = parse_period(options["period"])
        except ValueError as exc:
            raise CommandError(f"--period must be a month like 2025-07: {exc}") from exc
        if options["if_empty"] and Determination.objects.filter(period=period).exists():
            self.stdout.write(f"Determinations for {period:%Y-%m} already stored; nothing to do.")
            return
        total = Household.objects.count()
        with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), console=Console()) as progress:
            task = progress.add_task(f"Determinations {period:%Y-%m}", total=total)
            counts = determinations_run(period=period, on_progress=lambda c: progress.advance(task, c["households"]))
        table = Table(title=f"Determinations for {period:%Y-%m}")
        table.add_column("")
        table.add_column("", justify="right")
        for key, value in counts.items():
            table.add_row(str(key), f"{value:,}" if isinstance(value, int) else str(value))
        Console().print(table)

    def _accuracy(self, options):
        if options["dir"]:
            batch = _concat(read_batches(options["dir"], chunk=10**9, truth=True))
        else:
            batch = _generated(options["province"], options["households"], options["seed"])
        cutoff, rows = accuracy(batch, options["period"], options["cutoff"], options["poor_share"])
        table = Table(
            title=f"Need score ≥ {cutoff:.1f} vs the poorest {options['poor_share']:.0%} "
            f"by true consumption per person ({batch.n_households:,} households, {options['period']})"
        )
        for column in ("group", "households", "truly poor", "selected", "inclusion error", "exclusion error"):
            table.add_column(column, justify="left" if column == "group" else "right")
        for row in rows:
            table.add_row(
                row.group,
                f"{row.households:,}",
                f"{row.poor:,}",
                f"{row.selected:,}",
                f"{row.inclusion:.1%}",
                f"{row.exclusion:.1%}",
            )
        Console(width=110).print(table)

    def _bench(self, options):
        start = time.perf_counter()
        households = 0
        for _ in range(options["repeat"]):
            for batch in read_batches(options["dir"], options["chunk"]):
                evaluate(batch, options["period"]).to_arrow(reasons=True)
                households += batch.n_households
        wall = time.perf_counter() - start
        self.stdout.write(f"{households:,} households in {wall:.2f} s: {households / wall:,.0f} households/s")

    def _explain(self, options):
        for batch in read_batches(options["dir"], chunk=200_000):
            if options["household"] in batch.household_key:
                result = evaluate(batch, options["period"])
                i = result.household_index(options["household"])
                self.stdout.write(f"need score {result.need_score.score[i]:.1f} ({result.need_score.version})")
                for code, items in result.explain(i, options["lang"]).items():
                    program = result.programs[code]
                    amounts = ", ".join(
                        f"{f} {format_tl(int(v[i]), options['lang']) if program.unit == 'TRY' else int(v[i])}"
                        for f, v in program.amounts.items()
                    )
                    self.stdout.write(f"\n{code}: {amounts}")
                    for item in items:
                        self.stdout.write(f"  {'✓' if item['passed'] else '✗'} {item['text']}")
                return
        raise CommandError(f"Household {options['household']} is not in {options['dir']}.")


def _generated(province: int, households: int, seed: int):
    with tempfile.TemporaryDirectory() as tmp:
        write_parquet(generate(provinces=[province], households=households, seed=seed), Path(tmp))
        return _concat(read_batches(Path(tmp), chunk=10**9, truth=True))


def _concat(batches):
    batches = list(batches)
    if len(batches) != 1:
        raise CommandError("accuracy reads the data set as one batch")
    return batches[0]
