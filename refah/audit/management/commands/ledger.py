"""`refah ledger <subcommand>`: sign a tree head, export the public log, verify the log or an exported copy.

    refah ledger sign [--force]
    refah ledger export FILE.jsonl
    refah ledger verify [--from-file FILE.jsonl] [--public-key KEY.pem ...]

verify exits with status 1 and names the first altered, removed or reordered entry when the log does not check.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from refah.audit import ledger

MAX_PROBLEMS_SHOWN = 20


class Command(BaseCommand):
    help = "Public ledger: sign, export, verify."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sign = sub.add_parser("sign", help="sign a tree head over every entry (no-op if the last head covers all)")
        sign.add_argument("--force", action="store_true", help="sign even if nothing was appended")
        export = sub.add_parser("export", help="write the public log (key, heads, entries) as JSONL")
        export.add_argument("file", type=Path)
        verify = sub.add_parser("verify", help="recompute leaves and roots, check signatures and consistency")
        verify.add_argument("--from-file", type=Path, help="verify an exported copy instead of the database")
        verify.add_argument(
            "--public-key", type=Path, action="append", default=[], help="trusted public key PEM (repeatable)"
        )

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _sign(self, options):
        head = ledger.ledger_sign(force=options["force"])
        if head is None:
            self.stdout.write("The latest tree head already covers every entry.")
        else:
            self.stdout.write(f"Signed tree head: size {head.tree_size}, root {head.root_hash}")

    def _export(self, options):
        with options["file"].open("w", encoding="utf-8") as f:
            counts = ledger.ledger_export(f)
        self.stdout.write(f"Exported {counts['size']} entries and {counts['heads']} tree heads to {options['file']}")

    def _verify(self, options):
        keys = [ledger.load_public_key(p.read_bytes()) for p in options["public_key"]]
        if options["from_file"]:
            header, heads, entries = ledger.read_export(options["from_file"])
            if not keys:
                self.stderr.write("No --public-key given: trusting the key inside the file.")
                keys = [ledger.load_public_key(header["public_key"])]
            report = ledger.verify_log(entries=entries, heads=heads, public_keys=keys)
        else:
            report = ledger.ledger_verify(extra_public_keys=keys)
        self.stdout.write(f"{report.size} entries, {report.heads} signed tree heads checked.")
        if report.ok:
            self.stdout.write(self.style.SUCCESS("The ledger verifies."))
            return
        for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
            self.stderr.write(f"  {problem.message}")
        first = report.first_bad_position
        where = f"; first bad entry at position {first}" if first is not None else ""
        raise CommandError(f"The ledger does NOT verify: {len(report.problems)} problem(s){where}.", returncode=1)
