"""`refah targeting <subcommand>`: train the learned need model, evaluate it, print its report and model card.

refah targeting train --province IĞDIR --households 50000 --survey 8000 --seed 42 [--kind gbm] [--out FILE]
refah targeting evaluate --model var/targeting/2026.12-gbm-s42.model [--world a|b] [--json]
refah targeting report --model var/targeting/2026.12-gbm-s42.model [--lang tr|en] [--out report.md]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from refah.targeting.commands import (
    TargetingError,
    evaluate_model,
    load_model,
    report_model,
    save_model,
    train_model,
)


class Command(BaseCommand):
    help = "Learned need model: train, evaluate, report."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        train = sub.add_parser("train", help="fit the model on a survey drawn from a synthetic province")
        train.add_argument("--province", default="76", help="plate or name (IĞDIR)")
        train.add_argument("--households", type=int, default=50_000)
        train.add_argument("--survey", type=int, default=8_000)
        train.add_argument("--seed", type=int, default=42)
        train.add_argument("--kind", default="gbm", choices=["gbm", "linear"])
        train.add_argument("--out", type=Path, help="model file (default var/targeting/<version>.model)")
        evaluate = sub.add_parser("evaluate", help="errors and fairness beside the need score")
        evaluate.add_argument("--model", type=Path, required=True)
        evaluate.add_argument("--world", default="a", choices=["a", "b"])
        evaluate.add_argument("--poor-share", type=float, default=0.2)
        evaluate.add_argument("--lang", default="en", choices=["tr", "en"])
        evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
        report = sub.add_parser("report", help="the evaluation on every world and the model card, as Markdown")
        report.add_argument("--model", type=Path, required=True)
        report.add_argument("--lang", default="en", choices=["tr", "en"])
        report.add_argument("--out", type=Path)

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['subcommand']}")(options)
        except TargetingError as exc:
            raise CommandError(str(exc)) from None

    def _train(self, options):
        artifact = train_model(
            province=options["province"],
            households=options["households"],
            survey=options["survey"],
            seed=options["seed"],
            kind=options["kind"],
        )
        path = save_model(artifact, options["out"])
        self.stdout.write(f"{artifact.version} sha256 {artifact.weights_sha256} → {path}")

    def _evaluate(self, options):
        report = evaluate_model(load_model(options["model"]), world=options["world"], poor_share=options["poor_share"])
        self.stdout.write(report.to_json() if options["json"] else report.to_markdown(options["lang"]))

    def _report(self, options):
        text = report_model(load_model(options["model"]), lang=options["lang"])
        if options["out"]:
            try:
                options["out"].write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['out']}: {exc.strerror}") from None
            self.stdout.write(f"→ {options['out']}")
        else:
            self.stdout.write(text)
