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
import statistics
import sys
import time
from pathlib import Path

from soraresist import ds
from soraresist.engine import simulate
from soraresist.model import sorafenib_model
from soraresist.model.io import MaBoSSSettings, generate_maboss

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "engine"))
from maboss_reference import maboss_module

SAMPLES = {  # trajectories per model, fewer for the slow large ones
    "bbm023_MAMMALIAN-CELL-CYCLE-2006": 20_000,
    "bbm065_TUMOUR-CELL-INVASION-AND-MIGRATION": 10_000,
    "bbm025_T-LGL-SURVIVAL-NETWORK-2011": 5_000,
    "bbm092_HEPATOCELLULAR-CARCINOMA": 5_000,
    "bbm012_T-CELL-RECEPTOR-SIGNALING": 3_000,
    "bbm210_DRUG-SYNERGY-PREDICTION": 1_000,
    "bbm001_SIGNALING-IN-MACROPHAGE-ACTIVATION": 500,
    "sorafenib_hcc": 5_000,
}


def time_maboss(network, samples: int, max_time: float, threads: int) -> float:
    """Seconds MaBoSS's `run()` takes."""
    module = maboss_module(len(network.nodes))
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
    for given in args.models or ds.bench_models():
        if given == "sorafenib_hcc":
            name, network = given, sorafenib_model()
        else:
            name, network = ds.bench_model_path(given).stem, ds.bench_model(given)
        samples = SAMPLES[name]
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
