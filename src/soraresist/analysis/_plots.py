"""Figures: time courses of arms, a screen's synergy matrix and its dose-response surfaces.

Figures are built on ``matplotlib.figure.Figure`` (no pyplot state, no display needed) and saved
by their ``savefig``; the file suffix picks the format (PNG, SVG, PDF). matplotlib loads only
when a figure is drawn, so importing the analysis layer stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from soraresist.analysis._arms import arm_name
from soraresist.analysis._screen import ScreenResult
from soraresist.analysis._synergy import synergy
from soraresist.errors import InvalidValueError
from soraresist.model import PHENOTYPES, resolve_drug

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_response_surface", "plot_synergy_heatmap", "plot_time_courses"]


def _pairs(cells: pd.DataFrame, variant: str | None) -> pd.DataFrame:
    pairs = cells[cells.order == 2]
    variant = variant if variant is not None else (pairs.variant.iloc[0] if len(pairs) else None)
    pairs = pairs[pairs.variant == variant]
    if pairs.empty:
        raise InvalidValueError("the screen holds no scored pair to plot")
    return pairs


def _image(fig: Figure, ax, matrix: np.ndarray, label: str, cmap: str, *,
           centred: bool) -> None:
    finite = matrix[np.isfinite(matrix)]
    if centred:
        top = max(float(np.abs(finite).max()) if finite.size else 0.0, 1e-9)
        image = ax.imshow(matrix, cmap=cmap, vmin=-top, vmax=top, aspect="auto")
    else:
        image = ax.imshow(matrix, cmap=cmap, vmin=0.0, aspect="auto")
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)


def plot_synergy_heatmap(cells: pd.DataFrame, *, score: str = "bliss",
                         variant: str | None = None) -> Figure:
    """Heatmap of pairwise synergy from :func:`synergy` cells.

    When every pair shares its first drug (a backbone screen) the rows are the partners, ranked
    by mean score, and the columns the dose points (backbone dose / partner dose); otherwise the
    matrix is drug by drug with the mean score over the dose grid. A dot marks a cell whose
    score is more than three standard errors from zero.

    Parameters
    ----------
    cells
        Output of :func:`synergy`.
    score
        ``bliss`` or ``hsa``.
    variant
        Model variant to plot (default: the first).

    Examples
    --------
    >>> from soraresist.analysis import screen, synergy
    >>> result = screen(["erlotinib"], doses=[0.5, 1.0], n_trajectories=100, progress=False)
    >>> plot_synergy_heatmap(synergy(result)).axes[0].get_ylabel()
    'partner of sorafenib'
    """
    if score not in ("bliss", "hsa"):
        raise InvalidValueError(f"score '{score}' must be bliss or hsa")
    pairs = _pairs(cells, variant)
    label = f"{'Bliss' if score == 'bliss' else 'HSA'} excess (inhibition)"
    backbone = pairs.drug_1.iloc[0] if pairs.drug_1.nunique() == 1 else None
    if backbone is not None:
        order = pairs.groupby("drug_2")[score].mean().sort_values(ascending=False).index
        values = pairs.pivot_table(index="drug_2", columns=["dose_1", "dose_2"], values=score)
        errors = pairs.pivot_table(index="drug_2", columns=["dose_1", "dose_2"],
                                   values=f"{score}_se")
        values, errors = values.loc[order], errors.loc[order]
        rows, columns = list(order), [f"{a:g}/{b:g}" for a, b in values.columns]
        xlabel, ylabel = f"dose of {backbone} / dose of partner", f"partner of {backbone}"
    else:
        means = pairs.groupby(["drug_1", "drug_2"])[[score, f"{score}_se"]].agg(
            {score: "mean", f"{score}_se": lambda s: float(np.sqrt((s ** 2).sum())) / len(s)})
        drugs = sorted(set(pairs.drug_1) | set(pairs.drug_2))
        values = pd.DataFrame(np.nan, index=drugs, columns=drugs)
        errors = values.copy()
        for (a, b), row in means.iterrows():
            values.loc[a, b] = values.loc[b, a] = row[score]
            errors.loc[a, b] = errors.loc[b, a] = row[f"{score}_se"]
        rows = columns = drugs
        xlabel = ylabel = "drug"
    matrix = values.to_numpy(dtype=float)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(max(5.0, 0.32 * len(columns) + 3), max(3.0, 0.22 * len(rows) + 1.5)))
    ax = fig.add_subplot()
    _image(fig, ax, matrix, label, "RdBu_r", centred=True)
    ax.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=7)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    significant = np.abs(matrix) > 3 * errors.to_numpy(dtype=float)
    y, x = np.nonzero(significant & np.isfinite(matrix))
    ax.scatter(x, y, s=9, c="black", marker="o", edgecolors="white", linewidths=0.4)
    ax.set_title("Synergy of drug pairs (dot: beyond 3 standard errors)", fontsize=9)
    fig.tight_layout()
    return fig


def plot_response_surface(result: ScreenResult, drug_a: str, drug_b: str, *,
                          variant: str | None = None, readout: str = "viability") -> Figure:
    """Dose-response surface of a pair: the readout over the dose grid, and its Bliss excess.

    The left panel includes dose 0 of each drug (single agents and untreated); the right panel
    shows the Bliss excess of each dose point of the pair.

    Examples
    --------
    >>> from soraresist.analysis import screen
    >>> result = screen(["erlotinib"], doses=[0.5, 1.0], n_trajectories=100, progress=False)
    >>> len(plot_response_surface(result, "sorafenib", "erlotinib").axes)
    4
    """
    drug_a, drug_b = resolve_drug(drug_a), resolve_drug(drug_b)
    variant = variant if variant is not None else result.design.variant.iloc[0]
    doses = [0.0, *result.settings["doses"]]
    values = result.readouts([readout])
    values = values[values.variant == variant].set_index("arm").value
    grid = np.full((len(doses), len(doses)), np.nan)
    for i, x in enumerate(doses):
        for j, y in enumerate(doses):
            chosen = [(d, v) for d, v in ((drug_a, x), (drug_b, y)) if v > 0]
            name = arm_name(chosen)
            grid[i, j] = values.get(name, np.nan)
    if np.isnan(grid[1:, 1:]).all():
        raise InvalidValueError(f"the screen holds no arm of {drug_a} with {drug_b}")
    cells = synergy(result, readout=readout)
    cells = cells[(cells.variant == variant) & (cells.order == 2)]
    excess = np.full((len(doses) - 1, len(doses) - 1), np.nan)
    for row in cells.itertuples(index=False):
        if {row.drug_1, row.drug_2} == {drug_a, drug_b}:
            x, y = (row.dose_1, row.dose_2) if row.drug_1 == drug_a else (row.dose_2, row.dose_1)
            excess[doses.index(x) - 1, doses.index(y) - 1] = row.bliss
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 4))
    panels = ((fig.add_subplot(1, 2, 1), grid, doses, readout, "viridis", False),
              (fig.add_subplot(1, 2, 2), excess, doses[1:], "Bliss excess", "RdBu_r", True))
    for ax, matrix, ticks, label, cmap, centred in panels:
        _image(fig, ax, matrix, label, cmap, centred=centred)
        for (i, j), value in np.ndenumerate(matrix):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7)
        ax.set_xticks(range(len(ticks)), [f"{t:g}" for t in ticks])
        ax.set_yticks(range(len(ticks)), [f"{t:g}" for t in ticks])
        ax.set_xlabel(f"dose of {drug_b}")
        ax.set_ylabel(f"dose of {drug_a}")
        ax.invert_yaxis()
        ax.set_title(label, fontsize=9)
    fig.suptitle(f"{drug_a} + {drug_b} ({variant})", fontsize=10)
    fig.tight_layout()
    return fig


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
    from matplotlib.figure import Figure

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
