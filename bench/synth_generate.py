"""Generate and write N synthetic households; print households/s and peak RSS.

.venv/bin/python bench/synth_generate.py --households 1000000 [--out var/bench-synth] [--no-write]
"""

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil

from refah.synth.generate import generate, write_parquet


def watch_peak_rss(stop: threading.Event, peak: list[int]) -> None:
    process = psutil.Process()
    while not stop.is_set():
        peak[0] = max(peak[0], process.memory_info().rss)
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=200_000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-write", action="store_true", help="generate only, do not write Parquet")
    args = parser.parse_args()
    peak, stop = [0], threading.Event()
    threading.Thread(target=watch_peak_rss, args=(stop, peak), daemon=True).start()
    batches = generate(provinces=None, households=args.households, seed=args.seed, batch_size=args.batch_size)
    start = time.perf_counter()
    if args.no_write:
        counts = {"households": 0, "persons": 0}
        for batch in batches:
            counts["households"] += batch.households.num_rows
            counts["persons"] += batch.persons.num_rows
    else:
        with tempfile.TemporaryDirectory() as tmp:
            counts = write_parquet(batches, args.out or Path(tmp))
    elapsed = time.perf_counter() - start
    stop.set()
    print(f"rows: {counts}")
    print(f"{args.households:,} households in {elapsed:.1f} s = {args.households / elapsed:,.0f} households/s")
    print(f"peak RSS {peak[0] / 2**20:,.0f} MiB")


if __name__ == "__main__":
    main()
