"""Time courses of arms: read-outs per time window with standard errors, and their plot.

The command line and the web pages show how phenotypes and the viability index evolve, not only
their values at the read-out time; this module turns an engine result into that table and draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from soraresist.analysis._arms import READOUT_TIME, Arm, arm_conditions
from soraresist.analysis._readouts import readout_nodes, readout_time_courses
from soraresist.engine import simulate
from soraresist.model import PHENOTYPES, BooleanNetwork

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_time_courses", "simulate_time_courses"]

def simulate_time_courses(arms: Sequence[Arm], *, network: BooleanNetwork | None = None,
                          n_trajectories: int = 2000, max_time: float = READOUT_TIME,
                          tick: float = 1.0, seed: int = 0,
                          threads: int | None = None) -> pd.DataFrame:
    """Time courses of the viability index, phenotypes and nodes for each arm.

    The arms run as in :func:`simulate_arms` (one network, one engine call), so the values at
    ``max_time`` equal that function's for the same seed.

    Parameters
    ----------
    arms
        The conditions to compare; names must be distinct (they seed each arm's stream).
    network
        The model; ``sorafenib_model()`` when omitted.
    n_trajectories, max_time, tick, seed, threads
        Passed to :func:`soraresist.engine.simulate`.

    Returns
    -------
    DataFrame as :func:`readout_time_courses` returns it.

    Examples
    --------
    >>> table = simulate_time_courses([Arm("sorafenib", (("sorafenib", 1.0),))],
    ...                               n_trajectories=100, max_time=30, tick=10, seed=1)
    >>> erk = table[table.readout == "node:ERK"]
    >>> erk.time.tolist(), float(erk.value.iloc[-1])
    ([0.0, 10.0, 20.0, 30.0], 0.0)
    """
    network, conditions = arm_conditions(arms, network)
    result = simulate(network, conditions, n_trajectories=n_trajectories, max_time=max_time,
                      tick=tick, seed=seed, threads=threads, output_nodes=readout_nodes(network))
    return readout_time_courses(result, max_time)


def _label(readout: str) -> str:
    return readout.split(":", 1)[-1]


def plot_time_courses(table: pd.DataFrame, readouts: Sequence[str] | None = None, *,
                      z: float = 1.96, columns: int = 3) -> Figure:
    """One panel per read-out, one line per arm, with a band of ``z`` standard errors.

    Parameters
    ----------
    table
        A table as :func:`simulate_time_courses` returns it.
    readouts
        Read-outs to draw, as named in the table; default the viability index and the
        phenotypes (or every read-out if the table has no viability index).
    z
        Half-width of the band in standard errors (1.96: a pointwise 95% interval).
    columns
        Panels per row.

    Returns
    -------
    matplotlib Figure (not shown; save it with ``savefig``).

    Examples
    --------
    >>> table = pd.DataFrame({"arm": "a", "time": [0.0, 1.0], "readout": "node:A",
    ...                       "value": [0.2, 0.4], "stderr": [0.01, 0.02]})
    >>> [ax.get_title() for ax in plot_time_courses(table).axes]
    ['A']
    """
    from matplotlib.figure import Figure  # matplotlib loads only when plotting

    if readouts is None:
        present = list(dict.fromkeys(table["readout"]))
        wanted = ["viability", *(f"phenotype:{p}" for p in PHENOTYPES)]
        readouts = [r for r in wanted if r in present] if "viability" in present else present
    readouts = list(readouts)
    rows = -(-len(readouts) // columns)
    width = min(columns, len(readouts))
    figure = Figure(figsize=(3.6 * width, 2.6 * rows + 0.6), layout="constrained")
    axes = figure.subplots(rows, width, squeeze=False)
    arms = list(dict.fromkeys(table["arm"]))
    colours = [f"C{i % 10}" for i in range(len(arms))]
    for ax, readout in zip(axes.flat, readouts, strict=False):
        part = table[table["readout"] == readout]
        for arm, colour in zip(arms, colours, strict=True):
            line = part[part["arm"] == arm].sort_values("time")
            t, v = line["time"].to_numpy(), line["value"].to_numpy()
            se = np.nan_to_num(line["stderr"].to_numpy())
            ax.plot(t, v, color=colour, lw=1.5, label=arm)
            ax.fill_between(t, np.clip(v - z * se, 0, 1), np.clip(v + z * se, 0, 1),
                            color=colour, alpha=0.2, lw=0)
        ax.set_title(_label(readout))
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("time")
        ax.set_ylabel("index" if readout == "viability" else "probability")
    for ax in axes.flat[len(readouts):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=min(len(arms), 4),
                  title=f"band: ±{z:g} standard errors", frameon=False)
    return figure
