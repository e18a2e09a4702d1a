"""Read-outs of an engine result: the viability index, phenotypes and nodes with their errors.

One table shape serves every analysis: `simulate_arms` keeps its last instant, time courses keep
every window.
"""

from __future__ import annotations

import pandas as pd

from soraresist.engine import SimulationResult
from soraresist.model import PHENOTYPES, viability_index

__all__ = ["readout_time_courses"]

_COLUMNS = ["arm", "time", "readout", "value", "stderr"]


def _wide(probability: pd.DataFrame, stderr: pd.DataFrame, *,
          phenotypes: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Values and errors with one column per read-out (viability, phenotype:X, node:X)."""
    values = [probability.add_prefix("node:")]
    errors = [stderr.add_prefix("node:")]
    if phenotypes:
        pairs = [viability_index(probability.loc[key], stderr.loc[key])
                 for key in probability.index]
        values[:0] = [pd.DataFrame({"viability": [v for v, _ in pairs]}, index=probability.index),
                      probability[list(PHENOTYPES)].add_prefix("phenotype:")]
        errors[:0] = [pd.DataFrame({"viability": [e for _, e in pairs]}, index=stderr.index),
                      stderr[list(PHENOTYPES)].add_prefix("phenotype:")]
    return pd.concat(values, axis=1), pd.concat(errors, axis=1)


def readout_time_courses(result: SimulationResult, max_time: float) -> pd.DataFrame:
    """Long table of an engine result: each read-out per time window, then at ``max_time``.

    Rows with ``time < max_time`` hold the average over the window ``[time, time + tick)``; the
    row at ``time == max_time`` holds the probability at that instant (the value
    :func:`simulate_arms` reports). The viability index and ``phenotype:`` rows are present when
    the network holds every phenotype node.

    Parameters
    ----------
    result
        What :func:`soraresist.engine.simulate` returned.
    max_time
        The ``max_time`` of that simulation.

    Returns
    -------
    DataFrame with columns arm (the condition name), time, readout (``viability``,
    ``phenotype:NAME``, ``node:NAME``), value and stderr.

    Examples
    --------
    >>> from soraresist import ds
    >>> from soraresist.engine import simulate
    >>> result = simulate(ds.toy_network(), n_trajectories=50, max_time=2, seed=1)
    >>> readout_time_courses(result, 2.0).time.unique().tolist()
    [0.0, 1.0, 2.0]
    """
    phenotypes = set(PHENOTYPES) <= set(result.final.columns)
    windows = _wide(result.probabilities, result.stderr, phenotypes=phenotypes)
    final_index = pd.MultiIndex.from_product([result.final.index, [float(max_time)]],
                                             names=["condition", "time"])
    finals = _wide(result.final.set_axis(final_index), result.final_stderr.set_axis(final_index),
                   phenotypes=phenotypes)
    parts = []
    for value, error in (windows, finals):
        parts.append(pd.concat([value.stack().rename("value"), error.stack().rename("stderr")],
                               axis=1))
    table = pd.concat(parts).reset_index()
    table.columns = _COLUMNS
    table["time"] = table["time"].astype(float)
    order = {name: i for i, name in enumerate(result.final.index)}
    table = table.sort_values(["arm", "time"], key=lambda s: s.map(order) if s.name == "arm"
                              else s, kind="stable")
    return table.reset_index(drop=True)
