"""`draw_network`: a picture of the sorafenib/HCC network, one coloured box per module.

Modules sit in columns that follow the flow of the model (exposure and environment, targets and
regulators, signalling, hypoxia and the microenvironment, cell fates, read-outs); inside a box the
nodes are ordered by depth in the module's own subgraph, so a module reads left to right. Drugs
of the library are diamonds in a row under the modules, each next to the mean position of its
targets.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

from soraresist.model._drugs import drug_library, drug_node
from soraresist.model._sorafenib import PHENOTYPES, edges, model_spec, sorafenib_model

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure

__all__ = ["draw_network"]

# columns of (module, nodes per row of its box), left to right
LAYOUT = (
    (("environment", 2), ("exposure", 2)),
    (("targets", 3), ("epigenetic", 3)),
    (("signalling", 3), ("viral", 3)),
    (("hypoxia", 2), ("immune", 2)),
    (("cell_death", 3), ("emt_stemness", 3)),
    (("phenotype", 1),),
)
_DX, _DY = 1.5, 0.62  # spacing of nodes inside a box
_PAD, _GAP = 0.45, 0.9  # box margin, and space between boxes
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939")
_ACTIVATES, _INHIBITS = "#3b3b3b", "#c0392b"


def _depths(graph: nx.DiGraph, nodes: list[str]) -> dict[str, int]:
    """Longest-path depth of each node in the module's subgraph, cycles collapsed."""
    import networkx as nx

    sub = graph.subgraph(nodes)
    dag = nx.condensation(sub)
    level: dict[int, int] = {}
    for component in nx.topological_sort(dag):
        level[component] = max((level[p] + 1 for p in dag.predecessors(component)), default=0)
    return {node: level[dag.graph["mapping"][node]] for node in nodes}


def _columns(modules: list[str]) -> list[tuple[tuple[str, int], ...]]:
    """The layout, with any module it does not name in a last column."""
    placed = {module for column in LAYOUT for module, _ in column}
    extra = tuple((m, 2) for m in modules if m not in placed)
    return [tuple((m, k) for m, k in column if m in modules) for column in LAYOUT] + (
        [extra] if extra else [])


def _positions(members: Mapping[str, list[str]], graph: nx.DiGraph
               ) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, ...]]]:
    """Node coordinates and each module's box (x, y, width, height); y grows upwards."""
    positions: dict[str, tuple[float, float]] = {}
    boxes: dict[str, tuple[float, ...]] = {}
    x0 = 0.0
    for column in _columns(list(members)):
        width = max(k for _, k in column) * _DX
        y_top = 0.0
        for module, per_row in column:
            nodes = members[module]
            depth = _depths(graph, nodes)
            ordered = sorted(nodes, key=lambda n: (depth[n], nodes.index(n)))
            rows = math.ceil(len(ordered) / per_row)
            # fill column by column so that depth runs left to right
            for i, node in enumerate(ordered):
                col, row = divmod(i, rows)
                offset = (width - per_row * _DX) / 2
                positions[node] = (x0 + offset + (col + 0.5) * _DX, y_top - (row + 0.5) * _DY)
            height = rows * _DY
            boxes[module] = (x0 - _PAD / 2, y_top - height - _PAD / 2, width + _PAD,
                             height + _PAD)
            y_top -= height + _GAP
        x0 += width + _GAP
    return positions, boxes


def _drug_positions(targets: Mapping[str, list[str]], positions: Mapping[str, tuple[float, float]],
                    bottom: float, right: float) -> dict[str, tuple[float, float]]:
    """Drugs on three staggered rows under the modules, ordered by where their targets are."""
    order = sorted(targets, key=lambda d: sum(positions[t][0] for t in targets[d])
                   / len(targets[d]))
    step = right / max(1, len(order))
    return {d: ((i + 0.5) * step, bottom - 0.8 - 0.75 * (i % 3)) for i, d in enumerate(order)}


def draw_network(*, drugs: bool = True) -> Figure:
    """The model as a figure: nodes coloured by module, phenotypes as stars, drugs as diamonds.

    Arrows are activations (dark grey) and inhibitions (red, bar head); inputs are squares.
    Every node label carries the gid ``node:<id>`` (drugs ``drug:<node>``) and every edge
    ``edge:<source>-><target>``, so that tests and SVG viewers can find them.

    Parameters
    ----------
    drugs
        Draw the drugs of the library that act on model nodes, linked to their targets.

    Returns
    -------
    matplotlib Figure (not shown; save it with ``savefig``).

    Examples
    --------
    >>> figure = draw_network(drugs=False)
    >>> sum(1 for t in figure.axes[0].texts if (t.get_gid() or "").startswith("node:"))
    167
    """
    import matplotlib.colors as mcolors  # plotting libraries load only when drawing
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, Patch

    spec = model_spec()
    modules = list(spec["modules"])
    members = {m: [n["id"] for n in spec["nodes"] if n["module"] == m] for m in modules}
    members = {m: nodes for m, nodes in members.items() if nodes}
    colour = {m: _PALETTE[i % len(_PALETTE)] for i, m in enumerate(members)}
    module_of = {n["id"]: n["module"] for n in spec["nodes"]}
    inputs = set(sorafenib_model().inputs)
    table = edges()
    graph = nx.DiGraph()
    graph.add_nodes_from(module_of)
    graph.add_edges_from(zip(table.source, table.target, strict=True))
    positions, boxes = _positions(members, graph)

    drug_targets: dict[str, list[str]] = {}
    drug_names: dict[str, str] = {}
    drug_signs: dict[tuple[str, str], int] = {}
    if drugs:
        library = drug_library().dropna(subset=["node"])
        for row in library.itertuples(index=False):
            node = drug_node(row.drug)
            drug_targets.setdefault(node, []).append(row.node)
            drug_names[node] = row.name
            drug_signs[(node, row.node)] = -1 if row.action == "inhibit" else 1
        right = max(x + w for x, _, w, _ in boxes.values())
        bottom = min(y for _, y, _, _ in boxes.values())
        positions.update(_drug_positions(drug_targets, positions, bottom, right))
        graph.add_nodes_from(drug_targets)

    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = max(xs) - min(xs) + 3, max(ys) - min(ys) + 3
    width, legend_width = span_x * 0.95, 3.6
    figure = Figure(figsize=(width + legend_width, span_y * 0.95 + 1.2))
    ax = figure.add_axes((0.01, 0.01, width / (width + legend_width) - 0.01, 0.96))
    ax.set_axis_off()
    ax.set_xlim(min(xs) - 1.2, max(xs) + 1.2)
    ax.set_ylim(min(ys) - 1.1, max(ys) + 1.0)

    for module, (x, y, w, h) in boxes.items():
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.05,rounding_size=0.2",
                                    facecolor=mcolors.to_rgba(colour[module], 0.07),
                                    edgecolor=colour[module], lw=1.2, zorder=0))
        ax.text(x + 0.1, y + h + 0.08, f"{module} ({len(members[module])})", fontsize=10,
                fontweight="bold", color=colour[module], va="bottom", ha="left")

    signed = list(zip(table.source, table.target, table.sign, strict=True))
    signed += [(d, t, s) for (d, t), s in drug_signs.items()]
    for sign, colour_edge, style in ((1, _ACTIVATES, "-|>"), (-1, _INHIBITS, "-[")):
        chosen = [(s, t) for s, t, g in signed if g == sign]
        arrows = nx.draw_networkx_edges(
            graph, positions, edgelist=chosen, ax=ax, edge_color=colour_edge, alpha=0.35,
            width=0.7, arrows=True, arrowstyle=style, arrowsize=7, node_size=140,
            connectionstyle="arc3,rad=0.08")
        for arrow, (s, t) in zip(arrows, chosen, strict=True):
            arrow.set_gid(f"edge:{s}->{t}")

    kind = {n: "phenotype" if n in PHENOTYPES else "input" if n in inputs else "node"
            for n in module_of}
    for shape, marker in {"node": "o", "input": "s", "phenotype": "*"}.items():
        chosen = [n for n in module_of if kind[n] == shape]
        nx.draw_networkx_nodes(graph, positions, nodelist=chosen, ax=ax, node_shape=marker,
                               node_size=320 if shape == "phenotype" else 110,
                               node_color=[colour[module_of[n]] for n in chosen],
                               edgecolors="black", linewidths=0.5)
    for node in module_of:
        x, y = positions[node]
        ax.text(x, y - 0.13, node, fontsize=7, ha="center", va="top", gid=f"node:{node}",
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.75,
                      "lw": 0})
    if drug_targets:
        nx.draw_networkx_nodes(graph, positions, nodelist=list(drug_targets), ax=ax,
                               node_shape="D", node_size=90, node_color="#f5f5f5",
                               edgecolors="black", linewidths=0.8)
        for node in drug_targets:
            x, y = positions[node]
            ax.text(x, y - 0.15, textwrap.fill(drug_names[node], 15, break_on_hyphens=False,
                                                 break_long_words=False), fontsize=6.5,
                    ha="center", va="top", linespacing=0.9, gid=f"drug:{node}")

    handles = [Patch(facecolor=colour[m], edgecolor="black", label=m) for m in members]
    handles += [
        Line2D([], [], marker="s", ls="", color="grey", label="input (fixed unless perturbed)"),
        Line2D([], [], marker="o", ls="", color="grey", label="node with a rule"),
        Line2D([], [], marker="*", ls="", color="grey", markersize=12, label="phenotype"),
        Line2D([], [], marker="D", ls="", color="#f5f5f5", markeredgecolor="black",
               label="drug (library)"),
        Line2D([], [], color=_ACTIVATES, label="activates"),
        Line2D([], [], color=_INHIBITS, label="inhibits"),
    ]
    figure.legend(handles=handles, loc="upper right", fontsize=10, title="module / mark",
                  title_fontsize=11, frameon=False)
    ax.set_title(f"{spec['name']}: {len(module_of)} nodes, {len(table)} signed edges"
                 + (f", {len(drug_targets)} drugs" if drug_targets else ""), fontsize=14,
                 loc="left")
    return figure
