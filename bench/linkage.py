"""Record linkage at scale: N records with 10 % noisy duplicates, deduplicated by the linkage engine.

Generates the records (refah.linkage.synthetic: families, twins and siblings, typos, Turkish letters
dropped, swapped names and dates, missing or mistyped TC Kimlik Nos, moves), then times
`engine.dedupe()` alone and prints wall time, peak RSS of the process, precision and recall over pairs.
Targets (3 M records, 2 cores): ≤ 60 s, ≤ 3 GB, precision ≥ 0.998, recall ≥ 0.995.

    .venv/bin/python bench/linkage.py
    .venv/bin/python bench/linkage.py --records 200000
"""

import argparse
import gc
import os
import resource
import threading
import time

import numpy as np
import psutil

from refah.linkage import engine, synthetic


def watch_peak_rss(stop: threading.Event, peak: list[int]) -> None:
    process = psutil.Process()
    while not stop.is_set():
        peak[0] = max(peak[0], process.memory_info().rss)
        time.sleep(0.05)


def found_pairs(clusters, n_orig: int) -> set[tuple[int, int]]:
    """Every pair of records inside a found cluster, as record indices."""
    ids = clusters["record_id"].to_pylist()
    index = np.array([int(i[1:]) + (n_orig if i[0] == "d" else 0) for i in ids], dtype=np.int64)
    by_cluster: dict[str, list[int]] = {}
    for cluster, i in zip(clusters["cluster_id"].to_pylist(), index.tolist(), strict=True):
        by_cluster.setdefault(cluster, []).append(i)
    pairs = set()
    for members in by_cluster.values():
        pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    return pairs


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=3_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--memory-limit", default=engine.DEFAULT.memory_limit)
    parser.add_argument("--accept", type=float, default=engine.DEFAULT.accept)
    args = parser.parse_args()
    peak, stop = [0], threading.Event()
    threading.Thread(target=watch_peak_rss, args=(stop, peak), daemon=True).start()
    started = time.perf_counter()
    data = synthetic.generate(args.records, seed=args.seed)
    generated = time.perf_counter() - started
    n_orig = args.records - len(data.true_pairs)
    settings = engine.Settings(memory_limit=args.memory_limit, accept=args.accept)
    gc.collect()
    generation_peak, peak[0] = peak[0], 0
    load_before = os.getloadavg()[0]
    start, cpu_start = time.perf_counter(), _cpu()
    clusters = engine.dedupe(data.records, settings=settings)
    wall, cpu = time.perf_counter() - start, _cpu() - cpu_start
    stop.set()
    precision, recall = synthetic.quality(found_pairs(clusters, n_orig), data.true_pairs)
    print(f"records            {args.records:,} ({len(data.true_pairs):,} duplicates)")
    print(f"generated in       {generated:.1f} s (not counted)")
    print(f"linkage wall time  {wall:.1f} s")
    print(f"linkage CPU time   {cpu:.1f} s (user + system, both cores)")
    print(
        f"load average       {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (above the cores: others ran too)"
    )
    print(
        f"peak RSS           {max(peak[0], generation_peak) / 2**30:.2f} GB (linkage {peak[0] / 2**30:.2f} GB, "
        f"generation {generation_peak / 2**30:.2f} GB)"
    )
    print(f"precision          {precision:.4f}")
    print(f"recall             {recall:.4f}")


if __name__ == "__main__":
    main()
