"""Conditions per second of one fixed combination screen: 1 and 2 engine threads, 2 Dask workers.

The screen: sorafenib plus 8 library drugs, each alone and paired with sorafenib at 4 doses
(165 conditions), on the sorafenib model, read out at t = 30. Every setting runs the same screen
with the same seed after a warm-up (numba compilation, worker start-up), and the tables are
checked equal; ratios are against the 1-thread run of the same invocation.

    .venv/bin/python benchmarks/screen_throughput.py --samples 1000 --repeats 3
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from soraresist.analysis import screen

PARTNERS = ["erlotinib", "copanlisib", "palbociclib", "nsc74859", "pt-2385", "everolimus",
            "plerixafor", "anti_cd47_antibody"]


def _timed(repeats: int, **settings) -> tuple[float, pd.DataFrame]:
    """Best wall time over repeats, and the table of the last run."""
    best, table = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = screen(PARTNERS, progress=False, **settings)
        best = min(best, time.perf_counter() - started)
        table = result.readouts(None)
    return best, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    common = {"n_trajectories": args.samples, "seed": 0, "batch_size": args.batch_size}
    screen(PARTNERS, doses=(1.0,), n_trajectories=2, progress=False)  # warm-up (compilation)
    rows = []
    reference = None
    for label, extra in (("local, 1 thread", {"threads": 1}),
                         ("local, 2 threads", {"threads": 2})):
        seconds, table = _timed(args.repeats, **common, **extra)
        reference = table if reference is None else reference
        pd.testing.assert_frame_equal(table, reference)
        rows.append((label, seconds))
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        screen(PARTNERS, doses=(1.0,), n_trajectories=2, progress=False, client=client)
        seconds, table = _timed(args.repeats, **common, client=client)
        pd.testing.assert_frame_equal(table, reference)
        rows.append(("Dask LocalCluster, 2 workers x 1 thread", seconds))
    n_conditions = len(reference.drop_duplicates(["variant", "arm"]))
    base = rows[0][1]
    print(f"{n_conditions} conditions, {args.samples} trajectories each, best of "
          f"{args.repeats}")
    print("| setting | seconds | conditions/s | ratio to 1 thread |")
    print("|---|---|---|---|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {n_conditions / seconds:.1f} | "
              f"{base / seconds:.2f} |")


if __name__ == "__main__":
    main()
