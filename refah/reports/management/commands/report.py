"""`refah report <kind> …`: make a report from the console. Kinds: `booklet` (the province booklet as PDF)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from refah.common.errors import RefahError
from refah.reports.booklet.make import booklet_filename, booklet_make, language_check, province_find, year_check


class Command(BaseCommand):
    help = "Make a report: `report booklet --il IĞDIR --year 2024 [--lang en] [--out path]`."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        booklet = kinds.add_parser("booklet", help="The province booklet (PDF) of one year.")
        booklet.add_argument("--il", required=True, help="Province name (IĞDIR, Iğdır, igdir) or plate number.")
        booklet.add_argument("--year", required=True, help="The year reported, e.g. 2024.")
        booklet.add_argument("--lang", default="tr", help="tr (default) or en.")
        booklet.add_argument("--out", default="", help="Where to write the PDF (default: a file named after it).")

    def handle(self, *args, **options):
        if options["kind"] == "booklet":
            return self.booklet(options)
        raise CommandError(f"Unknown report: {options['kind']}")  # pragma: no cover (argparse refuses first)

    def booklet(self, options):
        started = time.perf_counter()
        try:
            language = language_check(options["lang"])
            with translation.override(language):
                province = province_find(options["il"])
                year = year_check(options["year"])
                data = booklet_make(province=province, year=year, language=language)
        except RefahError as exc:
            with translation.override(options["lang"] if options["lang"] in ("tr", "en") else "tr"):
                raise CommandError(str(exc.message)) from None
        path = Path(options["out"] or booklet_filename(province, year, language))
        if path.is_dir():
            path = path / booklet_filename(province, year, language)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}") from None
        seconds = time.perf_counter() - started
        self.stdout.write(f"{path.resolve()} ({len(data):,} bytes) in {seconds:.1f} s")
