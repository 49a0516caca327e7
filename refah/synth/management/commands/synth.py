"""`refah synth`: generate a synthetic registry and load it, or write it as Parquet for the columnar tools."""

import csv
import time
from collections.abc import Iterator
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from refah.common.text import fold
from refah.geo.services import DATA_FILE
from refah.registry.models import Household
from refah.synth.generate import generate, write_parquet
from refah.synth.generate.truth import WORLDS
from refah.synth.load import load_batches

DEFAULT_PROVINCE = "Iğdır"


def province_plates(value: str) -> list[int] | None:
    """Plates for --province: "all" (None), a plate ("76") or a Turkish or ASCII name in any case."""
    if fold(value) == "all":
        return None
    with open(DATA_FILE, encoding="utf-8") as fh:
        names = {(int(row["il_pcode"][3:]), row["il"], row["il_ascii"]) for row in csv.DictReader(fh)}
    if value.strip().isdigit() and int(value) in {plate for plate, _, _ in names}:
        return [int(value)]
    for plate, name, ascii_name in names:
        if fold(value) in {fold(name), fold(ascii_name)}:
            return [plate]
    raise CommandError(f"Unknown province: {value!r} (a name, a plate 1–81, or 'all').")


class Command(BaseCommand):
    help = "Generate synthetic households; load them into the registry, or write Parquet with --parquet."

    def add_arguments(self, parser):
        parser.add_argument("--province", default=DEFAULT_PROVINCE, help="name, plate or 'all' (default Iğdır)")
        parser.add_argument("--households", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=200_000)
        parser.add_argument(
            "--world", choices=WORLDS, default="a", help="a: the default population; b: one made by another process"
        )
        parser.add_argument("--parquet", type=Path, metavar="DIR", help="write Parquet files; touch no database")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when households already exist")

    def handle(self, *args, **options):
        console = Console(file=self.stdout, force_terminal=False, width=100)
        plates = province_plates(options["province"])
        total = options["households"]
        if options["parquet"] is None and options["if_empty"] and Household.objects.exists():
            console.print("Households already exist; nothing generated (--if-empty).")
            return
        started = time.perf_counter()
        with _progress(console) as progress:
            made = progress.add_task("generated", total=total)
            stored = progress.add_task("written" if options["parquet"] else "loaded", total=total)
            generated = [0]

            def on_generated(n: int) -> None:
                generated[0] += n
                progress.advance(made, n)

            batches = _counted(
                generate(
                    provinces=plates,
                    households=total,
                    seed=options["seed"],
                    batch_size=options["batch_size"],
                    world=options["world"],
                ),
                on_generated,
            )
            if options["parquet"]:
                on_written = lambda *_: progress.update(stored, completed=generated[0])  # noqa: E731
                counts = write_parquet(batches, options["parquet"], on_batch=on_written)
            else:
                on_loaded = lambda c: progress.advance(stored, c["households"])  # noqa: E731
                counts = load_batches(batches, seed=options["seed"], on_batch=on_loaded, ahead=True)  # no DB use
            progress.update(stored, completed=generated[0])
        console.print(_summary(counts, time.perf_counter() - started, options))


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description:>10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _counted(batches: Iterator, advance) -> Iterator:
    for batch in batches:
        advance(batch.households.num_rows)
        yield batch


def _summary(counts: dict[str, int], seconds: float, options) -> Table:
    target = f"Parquet in {options['parquet']}" if options["parquet"] else "registry database"
    table = Table(title="Synthetic registry", caption=f"→ {target}, seed {options['seed']}, {seconds:.1f} s")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    households = counts.get("households", 0)
    table.add_row("households / s", f"{households / seconds:,.0f}" if seconds else "-")
    return table
