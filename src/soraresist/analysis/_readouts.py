"""Read-outs of an engine result: the viability index, phenotypes and nodes with their errors.

One table shape serves every analysis: `simulate_arms` keeps its last instant, time courses keep
every window.
"""

from __future__ import annotations

import pandas as pd

from soraresist.engine import SimulationResult
from soraresist.model import PHENOTYPES, VIABILITY_NODES, BooleanNetwork, viability_index

__all__ = ["EFFECT_THRESHOLD", "call_is_borderline", "called_direction", "readout_nodes",
           "readout_time_courses"]

EFFECT_THRESHOLD = 0.05  # docs/scenarios.md: smallest difference of a probability that is called

_COLUMNS = ["arm", "time", "readout", "value", "stderr"]


def readout_nodes(network: BooleanNetwork) -> tuple[str, ...]:
    """Output nodes to ask the engine for: those behind the viability index, when all present.

    Examples
    --------
    >>> from soraresist import ds
    >>> from soraresist.model import sorafenib_model
    >>> readout_nodes(ds.toy_network()), len(readout_nodes(sorafenib_model()))
    ((), 5)
    """
    return VIABILITY_NODES if set(VIABILITY_NODES) <= set(network.nodes) else ()


def _wide(probability: pd.DataFrame, stderr: pd.DataFrame, states: pd.DataFrame | None,
          n_trajectories: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Values and errors with one column per read-out (viability, phenotype:X, node:X)."""
    values = [probability.add_prefix("node:")]
    errors = [stderr.add_prefix("node:")]
    if states is not None and set(PHENOTYPES) <= set(probability.columns):
        pairs = [viability_index(states.loc[key], n_trajectories) for key in states.index]
        values[:0] = [pd.DataFrame({"viability": [v for v, _ in pairs]}, index=states.index),
                      probability[list(PHENOTYPES)].add_prefix("phenotype:")]
        errors[:0] = [pd.DataFrame({"viability": [e for _, e in pairs]}, index=states.index),
                      stderr[list(PHENOTYPES)].add_prefix("phenotype:")]
    return pd.concat(values, axis=1), pd.concat(errors, axis=1)


def readout_time_courses(result: SimulationResult, max_time: float) -> pd.DataFrame:
    """Long table of an engine result: each read-out per time window, then at ``max_time``.

    Rows with ``time < max_time`` hold the average over the window ``[time, time + tick)``; the
    row at ``time == max_time`` holds the probability at that instant (the value
    :func:`simulate_arms` reports). The ``phenotype:`` rows and the viability index are present
    when the network holds every phenotype node and the engine was asked for the output nodes
    :func:`readout_nodes` names.

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
    allowed = {*VIABILITY_NODES, "<nil>"}
    joint = result.states is not None and all(set(label.split(" -- ")) <= allowed
                                              for label in result.states.columns)
    final_index = pd.MultiIndex.from_product([result.final.index, [float(max_time)]],
                                             names=["condition", "time"])
    windows = _wide(result.probabilities, result.stderr,
                    result.states if joint else None, result.n_trajectories)
    finals = _wide(result.final.set_axis(final_index), result.final_stderr.set_axis(final_index),
                   result.final_states.set_axis(final_index) if joint else None,
                   result.n_trajectories)
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


def called_direction(effect: float, stderr: float,
                     threshold: float = EFFECT_THRESHOLD) -> int:
    """+1 or -1 when the effect exceeds both the threshold and three standard errors, else 0.

    Examples
    --------
    >>> called_direction(0.2, 0.01), called_direction(-0.04, 0.001), called_direction(0.2, 0.1)
    (1, 0, 0)
    """
    if abs(effect) > threshold and abs(effect) > 3 * stderr:
        return 1 if effect > 0 else -1
    return 0


def call_is_borderline(effect: float, stderr: float, threshold: float = EFFECT_THRESHOLD) -> bool:
    """Whether moving the effect by two standard errors either way would change its call.

    Such a call rests on where the effect falls against the threshold or the 3-SE rule, so
    another seed or sample size may call it otherwise (reports mark it).

    Examples
    --------
    >>> call_is_borderline(-0.047, 0.011), call_is_borderline(-0.40, 0.011)
    (True, False)
    """
    call = called_direction(effect, stderr, threshold)
    return any(called_direction(effect + shift, stderr, threshold) != call
               for shift in (-2 * stderr, 2 * stderr))
