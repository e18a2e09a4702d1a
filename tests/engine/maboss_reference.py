"""Run MaBoSS (cmaboss, a dev dependency) on a network, as the reference for agreement tests."""

import importlib

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
