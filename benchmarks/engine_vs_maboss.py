"""Trajectories per second of soraresist's engine and of MaBoSS on the bench models.

Both run the same network (all rates 1, random initial states), the same settings and the same
number of trajectories, in the same process, alternating, and the medians of a few repeats are
compared. Numba compilation is excluded (the engine is warmed up first); the engine's time is
the whole `simulate` call (rule compilation and tables included); MaBoSS's is `run()`.

``--models sorafenib_hcc`` runs soraresist's own model as it is (its rates and initial values).

Usage: python benchmarks/engine_vs_maboss.py [--repeats 3] [--threads 1 2] [--max-time 50]
       [--models NAME ...]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time

from soraresist import ds
from soraresist.engine import simulate
from soraresist.model import sorafenib_model
from soraresist.model.io import MaBoSSSettings, generate_maboss

SAMPLES = {10: 20_000, 32: 10_000, 60: 5_000, 69: 5_000, 101: 3_000, 144: 1_000, 164: 5_000,
           321: 500}
MODULES = ((64, "cmaboss"), (128, "cmaboss_128n"), (256, "cmaboss_256n"), (512, "cmaboss_512n"))


def time_maboss(network, samples: int, max_time: float, threads: int) -> float:
    """Seconds MaBoSS's `run()` takes."""
    module = importlib.import_module(next(m for limit, m in MODULES if len(network.nodes) <= limit))
    bnd, cfg = generate_maboss(network, MaBoSSSettings(samples, max_time, 1.0, 1, threads))
    simulation = module.MaBoSSSim(network_str=bnd, config_str=cfg)
    started = time.perf_counter()
    simulation.run()
    return time.perf_counter() - started


def time_engine(network, samples: int, max_time: float, threads: int) -> float:
    """Seconds the engine's `simulate` call takes."""
    started = time.perf_counter()
    simulate(network, n_trajectories=samples, max_time=max_time, tick=1.0, seed=1,
             threads=threads)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--max-time", type=float, default=50.0)
    parser.add_argument("--models", nargs="+", metavar="NAME",
                        help="bench models (name or prefix) and/or sorafenib_hcc [every bench "
                             "model]")
    args = parser.parse_args()
    simulate(ds.toy_network(), n_trajectories=10)  # compile (or load) the kernel first
    print("| model | nodes | trajectories | threads | MaBoSS traj/s | engine traj/s | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name in args.models or ds.bench_models():
        network = sorafenib_model() if name == "sorafenib_hcc" else ds.bench_model(name)
        samples = SAMPLES.get(len(network.nodes), 1_000)
        for threads in args.threads:
            maboss, engine = [], []
            for _ in range(args.repeats):
                maboss.append(time_maboss(network, samples, args.max_time, threads))
                engine.append(time_engine(network, samples, args.max_time, threads))
            rate_m = samples / statistics.median(maboss)
            rate_e = samples / statistics.median(engine)
            print(f"| {name} | {len(network.nodes)} | {samples} | {threads} | {rate_m:,.0f} | "
                  f"{rate_e:,.0f} | {rate_e / rate_m:.1f} |", flush=True)


if __name__ == "__main__":
    main()
