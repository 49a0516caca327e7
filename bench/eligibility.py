"""Eligibility at scale: synthetic Parquet households → all programs + need score + reason codes.

Prints households/s and peak RSS. The clock starts before the engine is imported and includes
reading Parquet.

    .venv/bin/python bench/eligibility.py --dir var/synth-1m                 # 1 M in one chunk
    .venv/bin/python bench/eligibility.py --dir var/synth-25m --chunk 1000000  # streamed
    .venv/bin/python bench/eligibility.py --generate 1000000 --dir var/synth-1m  # write the data first

--repeat N streams the same files N times (to reach a target size from a smaller file; say so
when you report figures).
"""

import time

START = time.perf_counter()

import argparse  # noqa: E402
import resource  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from refah.eligibility.engine import evaluate  # noqa: E402
from refah.eligibility.rules import PROGRAMS  # noqa: E402
from refah.eligibility.stream import prefetched, read_batches  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, required=True, help="directory with households/persons/… .parquet")
    parser.add_argument("--generate", type=int, help="first write this many synthetic households to --dir (untimed)")
    parser.add_argument("--provinces", type=int, nargs="*", help="plates for --generate (default: all)")
    parser.add_argument("--chunk", type=int, default=1_000_000, help="households per batch")
    parser.add_argument("--period", default="2025-07")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--prefetch", action="store_true", help="read the next chunk while evaluating this one")
    args = parser.parse_args()
    start = START
    if args.generate:
        from refah.synth.generate import generate, write_parquet  # noqa: PLC0415 - only when asked to generate

        write_parquet(generate(provinces=args.provinces, households=args.generate, seed=1), args.dir)
        start = time.perf_counter()
    households = eligible = 0
    reasons = 0
    for _ in range(args.repeat):
        batches = read_batches(args.dir, args.chunk)
        for batch in prefetched(batches) if args.prefetch else batches:
            result = evaluate(batch, args.period)
            table = result.to_arrow(reasons=True)  # eligibility, amounts and failed-reason bits per program
            households += batch.n_households
            eligible += int(np.count_nonzero(table["family_support.eligible"].to_numpy(zero_copy_only=False)))
            reasons += table.num_columns
            del result, table, batch
    wall = time.perf_counter() - start
    print(f"households        {households:,}")
    print(f"programs          {len(PROGRAMS)} + need score, reasons as bit sets ({reasons} columns written)")
    print(f"chunk             {args.chunk:,} households{' (prefetched)' if args.prefetch else ''}")
    print(f"wall (incl. load) {wall:.2f} s")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"cpu (user + sys)  {usage.ru_utime + usage.ru_stime:.2f} s")
    print(f"households/s      {households / wall:,.0f}")
    print(f"peak RSS          {peak_rss_mb():,.0f} MB")
    print(f"family_support    {eligible / households:.1%} eligible")


if __name__ == "__main__":
    main()
