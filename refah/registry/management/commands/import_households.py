"""refah import_households FILE --user USERNAME [--dry-run]: the import screen, from a terminal."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from refah.common.errors import PermissionDeniedError
from refah.registry import imports
from refah.registry.models_import import ImportBatch

COUNT_LABELS = [
    ("households", "households_new", "households_existing"),
    ("persons", "persons_new", "persons_existing"),
    ("incomes", "incomes_new", None),
]


class Command(BaseCommand):
    help = "Import households and persons from a CSV or XLSX file, as USERNAME, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="username whose office and permissions apply")
        parser.add_argument("--dry-run", action="store_true", help="check and run everything, then roll back")

    def handle(self, *args, file: Path, user: str, dry_run: bool, **options):
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {user!r}.")
        try:
            batch = imports.household_import(actor=actor, file_name=file.name, data=file.read_bytes(), dry_run=dry_run)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        except imports.ImportFileError as exc:
            raise CommandError(f"{exc.text('en')} / {exc.text('tr')}") from exc
        except PermissionDeniedError as exc:
            raise CommandError(str(exc.message)) from exc
        console = Console(file=self.stdout, width=160)
        _print_report(console, batch, dry_run)
        if batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS:
            raise CommandError(f"{len(batch.errors)} error(s); nothing was imported.")


def _print_report(console: Console, batch: ImportBatch, dry_run: bool) -> None:
    outcome = batch.get_status_display() + (" (dry run: rolled back)" if dry_run else "")
    console.print(f"[bold]{batch.file_name}[/bold]  sha256 {batch.sha256[:16]}…  {outcome}")
    if batch.counts:
        rejected = batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
        summary = Table(title="In the file (nothing imported)" if rejected else "Summary")
        for title in ("", "new", "already registered"):
            summary.add_column(title, justify="right" if title else "left")
        for label, new, existing in COUNT_LABELS:
            summary.add_row(label, str(batch.counts[new]), str(batch.counts[existing]) if existing else "–")
        console.print(summary)
    if batch.report:
        items = Table(title="Report")
        for title in ("row", "column", "level", "sebep (tr)", "reason (en)"):
            items.add_column(title, overflow="fold")
        for item in batch.report:
            items.add_row(str(item["row"] or "–"), item["column"] or "–", item["level"], item["tr"], item["en"])
        console.print(items)
