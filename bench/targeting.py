"""Targeting at scale: (a) training the GBM on a 50 k-household survey, (b) scoring 1 M households from Parquet.

    .venv/bin/python bench/targeting.py --dir var/synth-1m --generate 1000000   # write the data first (untimed)
    .venv/bin/python bench/targeting.py --dir var/synth-1m --skip-train

(a) draws a 50,000-household survey from a 250,000-household synthetic world (Iğdır … all provinces with
--provinces), trains the GBM on 2 threads and prints the wall time (the world's generation is not timed).
(b) the clock starts before the targeting modules are imported and includes reading Parquet, the features,
the prediction, the cut-off for the coverage and the top-3 reasons (TreeSHAP, as the JSON a scoring run stores) of every
proposed household, or of the `--explain` neediest (what a person or a committee opens).
"""

import time

START = time.perf_counter()

import argparse  # noqa: E402
import resource  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, required=True, help="Parquet directory to score")
    parser.add_argument("--generate", type=int, help="first write this many households to --dir (untimed)")
    parser.add_argument("--survey", type=int, default=50_000)
    parser.add_argument("--population", type=int, default=250_000)
    parser.add_argument("--coverage", type=float, default=0.2)
    parser.add_argument("--skip-train", action="store_true")
    parser.add_argument("--model", type=Path, help="a model file to score with (default: train one, untimed)")
    parser.add_argument("--explain", type=int, help="reasons for this many proposed households (default: all)")
    args = parser.parse_args()
    import os  # noqa: PLC0415

    import django  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    if args.generate:
        from refah.synth.generate import generate, write_parquet  # noqa: PLC0415

        write_parquet(generate(provinces=None, households=args.generate, seed=1), args.dir)
    model_path = args.model
    if not args.skip_train or model_path is None:
        from refah.targeting.models import train  # noqa: PLC0415
        from refah.targeting.survey import survey_sample  # noqa: PLC0415
        from refah.targeting.world import load_world  # noqa: PLC0415

        world = load_world(provinces=None, households=args.population, seed=42)
        clock = time.perf_counter()
        sample = survey_sample(world.batch, size=args.survey, seed=42)
        artifact = train(sample, kind="gbm", seed=42)
        wall = time.perf_counter() - clock
        print(
            f"(a) train GBM: survey {args.survey:,} of {args.population:,} households "
            f"(features, fit on {int((sample.part == 0).sum()):,}, early stop on {int((sample.part == 1).sum()):,}): "
            f"{wall:.1f} s, {artifact.params['rounds']} rounds, 2 threads"
        )
        model_path = Path(tempfile.mkdtemp()) / "bench.model"
        artifact.save(model_path)
        del world, sample, artifact
    score(args.dir, model_path, args.coverage, args.explain)


def score(directory: Path, model_path: Path, coverage: float, explain: int | None) -> None:
    start = time.perf_counter()
    import numpy as np  # noqa: PLC0415

    from refah.eligibility.stream import read_batches  # noqa: PLC0415
    from refah.targeting.explain import stored_reasons  # noqa: PLC0415
    from refah.targeting.features import feature_matrix  # noqa: PLC0415
    from refah.targeting.models import Artifact  # noqa: PLC0415
    from refah.targeting.policy import cutoff_for_coverage  # noqa: PLC0415

    artifact = Artifact.load(model_path)
    households = proposed = reasoned = 0
    times = {"read": 0.0, "features": 0.0, "predict": 0.0, "reasons": 0.0}
    clock = time.perf_counter()
    for batch in read_batches(directory, 1_000_000):
        times["read"] += time.perf_counter() - clock
        clock = time.perf_counter()
        matrix = feature_matrix(batch)
        times["features"] += time.perf_counter() - clock
        clock = time.perf_counter()
        pred = artifact.predict(matrix)
        chosen = np.flatnonzero(pred <= cutoff_for_coverage(pred, coverage))
        times["predict"] += time.perf_counter() - clock
        clock = time.perf_counter()
        explained = chosen if explain is None else chosen[np.argsort(pred[chosen], kind="stable")[:explain]]
        stored_reasons(artifact, matrix, explained, top=3)  # as a scoring run stores them (JSON per household)
        times["reasons"] += time.perf_counter() - clock
        households += batch.n_households
        proposed += len(chosen)
        reasoned += len(explained)
        clock = time.perf_counter()
    wall = time.perf_counter() - start
    parts = ", ".join(f"{name} {value:.1f} s" for name, value in times.items())
    print(
        f"(b) score {households:,} households (load + features + prediction + top-3 reasons of {reasoned:,} of the "
        f"{proposed:,} proposed): {wall:.1f} s ({parts}; without reasons {wall - times['reasons']:.1f} s); "
        f"peak RSS {peak_rss_mb():,.0f} MiB"
    )


if __name__ == "__main__":
    main()
