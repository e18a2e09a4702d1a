"""Run MaBoSS (cmaboss, a dev dependency) on a network, as the reference for agreement tests."""

import importlib
from statistics import NormalDist

import numpy as np
import pandas as pd

from soraresist.model import BooleanNetwork
from soraresist.model.io import MaBoSSSettings, generate_maboss

_MODULES = ((64, "cmaboss"), (128, "cmaboss_128n"), (256, "cmaboss_256n"),
            (512, "cmaboss_512n"), (1024, "cmaboss_1024n"))


def maboss_module(n_nodes: int):
    """The narrowest cmaboss module whose state bitset holds ``n_nodes`` nodes."""
    return importlib.import_module(next(name for limit, name in _MODULES if n_nodes <= limit))


def maboss_probabilities(network: BooleanNetwork, *, samples: int, max_time: float,
                         tick: float, seed: int) -> pd.DataFrame:
    """Window-averaged node probabilities (rows: window starts), i.i.d. initial draws."""
    bnd, cfg = generate_maboss(network, MaBoSSSettings(samples, max_time, tick, seed, 1),
                               extra_cfg="use_mtrandgen = 1;")
    simulation = maboss_module(len(network.nodes)).MaBoSSSim(network_str=bnd, config_str=cfg)
    probabilities, times, names, _ = simulation.run().get_nodes_probtraj()
    frame = pd.DataFrame(np.clip(np.asarray(probabilities), 0.0, 1.0),
                         index=np.asarray(times), columns=list(names))
    return frame[list(network.nodes)]


def max_z_and_bound(engine: pd.DataFrame, engine_se: pd.DataFrame, maboss: pd.DataFrame,
                    samples: int) -> tuple[float, float, tuple]:
    """Largest two-sample |z| over nodes and windows, its Bonferroni bound and its place.

    The bound keeps the family-wise error at 0.001 over all (window, node) pairs. MaBoSS's
    standard error is taken as sqrt(p(1-p)/n), an upper bound for a window average. The place
    is (window start, node), to say where an agreement test failed.
    """
    assert np.allclose(engine.index, maboss.index)
    engine_p, maboss_p = engine.to_numpy(), maboss[list(engine.columns)].to_numpy()
    spread = np.sqrt(engine_se.to_numpy() ** 2 + maboss_p * (1 - maboss_p) / samples)
    differ = np.abs(engine_p - maboss_p)
    z = np.where(spread > 0, differ / np.where(spread > 0, spread, 1.0),
                 np.where(differ == 0, 0.0, np.inf))
    bound = NormalDist().inv_cdf(1 - 0.001 / 2 / z.size)
    window, node = np.unravel_index(np.argmax(z), z.shape)
    return float(z.max()), bound, (engine.index[window], engine.columns[node])
