"""Synergy of drug combinations from a screen: Bliss and HSA excess, calls, mechanisms.

Effects are inhibitions relative to the untreated arm of the same variant,
``I = 1 - V / V0``, where ``V`` is the readout (by default the viability index) under a drug or
combination and ``V0`` untreated. Normalising by ``V0`` makes a drug that halves the index count
as 50 % whatever the untreated level; the readout is read as a surviving fraction.

- **Bliss excess** of drugs 1..m at one dose point: ``I_comb - (1 - prod_i (1 - I_i))``
  = ``prod_i (V_i / V0) - V_comb / V0``. Zero when the drugs act independently; positive when
  the combination does more than independence predicts (synergy).
- **HSA excess**: ``I_comb - max_i I_i`` = ``(min_i V_i - V_comb) / V0``: the gain over the
  best single agent at the same doses.

Standard errors propagate the simulation errors to first order, treating the arms as
independent (each arm has its own random streams). A combination's score is the mean excess over
its dose grid; its error is propagated through the mean, counting each single-agent and untreated
arm once however many grid points share it. A combination is called ``synergistic``
(``antagonistic``) only when its mean Bliss excess is above ``threshold`` (below
``-threshold``) and more than three standard errors from zero; otherwise ``additive``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import pandas as pd

from soraresist.analysis._arms import UNTREATED, arm_name
from soraresist.analysis._readouts import called_direction
from soraresist.analysis._screen import ScreenResult
from soraresist.errors import InvalidValueError
from soraresist.model import drug
from soraresist.model import edges as model_edges

__all__ = ["SYNERGY_THRESHOLD", "backbone_gain", "mechanism", "synergy", "synergy_summary"]

SYNERGY_THRESHOLD = 0.05  # 5 points of inhibition (or of the index): below it, no call
_CONTROL_PREFIXES = ("drug_", "inh_", "act_")


def _grid_points(result: ScreenResult, readout: str) -> list[dict]:
    """Per combination arm: its value, the values of its single agents and untreated, with SEs.

    Each entry lists ``terms``: (arm, value, stderr) for the combination, the singles and
    untreated, which is what the gradients below are taken against.
    """
    values = result.readouts([readout]).set_index(["variant", "arm"])
    points = []
    design = result.design[result.design.order >= 2]
    for row in design.to_dict("records"):
        variant = row["variant"]
        drugs = [row[f"drug_{k}"] for k in range(1, row["order"] + 1)]
        doses = [float(row[f"dose_{k}"]) for k in range(1, row["order"] + 1)]
        names = [row["arm"], UNTREATED] + [arm_name([(d, x)]) for d, x in
                                           zip(drugs, doses, strict=True)]
        if any((variant, name) not in values.index for name in names):
            continue  # an unfinished screen: score what is complete
        v = [float(values.loc[(variant, name), "value"]) for name in names]
        se = [float(values.loc[(variant, name), "stderr"]) for name in names]
        if v[1] <= 0.0:
            raise InvalidValueError(f"untreated {readout} of variant '{variant}' is 0; "
                                    "inhibition relative to it is undefined")
        points.append({"variant": variant, "combination": row["combination"],
                       "order": row["order"], "arm": row["arm"], "drugs": drugs,
                       "doses": doses, "names": names, "v": v, "se": se})
    return points


def _bliss(v: list[float]) -> tuple[float, list[float]]:
    """Bliss excess and its gradient over (combination, untreated, singles...)."""
    comb, v0, singles = v[0], v[1], v[2:]
    ratio = math.prod(s / v0 for s in singles)
    m = len(singles)
    grad = [-1.0 / v0, -m * ratio / v0 + comb / v0 ** 2]
    grad += [math.prod(t / v0 for j, t in enumerate(singles) if j != i) / v0
             for i in range(m)]
    return ratio - comb / v0, grad


def _hsa(v: list[float]) -> tuple[float, list[float], int]:
    """HSA excess, its gradient, and the index of the best single agent (lowest readout)."""
    comb, v0, singles = v[0], v[1], v[2:]
    best = min(range(len(singles)), key=singles.__getitem__)
    excess = (singles[best] - comb) / v0
    grad = [-1.0 / v0, -excess / v0] + [1.0 / v0 if i == best else 0.0
                                        for i in range(len(singles))]
    return excess, grad, best


def _error(names: Sequence[str], grad: Sequence[float], se: Sequence[float]) -> float:
    """First-order standard error, summing the gradient of arms that appear twice."""
    total: dict[str, float] = defaultdict(float)
    errors = dict(zip(names, se, strict=True))
    for name, g in zip(names, grad, strict=True):
        total[name] += g
    return math.sqrt(sum((g * errors[name]) ** 2 for name, g in total.items()))


def synergy(result: ScreenResult, *, readout: str = "viability") -> pd.DataFrame:
    """Bliss and HSA excess of every combination at every dose point, with standard errors.

    Parameters
    ----------
    result
        A screen (:func:`screen` or :func:`load_screen`).
    readout
        A readout that drugs lower (``viability``, ``phenotype:Proliferation`` ...).

    Returns
    -------
    DataFrame: variant, combination, order, arm, drug_k/dose_k, value (the combination's
    readout) and value_se, inhibition and inhibition_se, bliss and bliss_se, hsa and hsa_se,
    best_single (the single agent with the lowest readout at its dose in this point).

    Examples
    --------
    >>> from soraresist.analysis import screen
    >>> result = screen(["copanlisib"], doses=[1.0], n_trajectories=200, progress=False)
    >>> round(float(synergy(result).bliss.iloc[0]), 1) > 0
    True
    """
    rows = []
    for p in _grid_points(result, readout):
        v, se, names = p["v"], p["se"], p["names"]
        bliss, g_bliss = _bliss(v)
        hsa, g_hsa, best = _hsa(v)
        g_inhibition = [-1.0 / v[1], v[0] / v[1] ** 2] + [0.0] * (len(v) - 2)
        row = {"variant": p["variant"], "combination": p["combination"], "order": p["order"],
               "arm": p["arm"]}
        for k, (name, dose) in enumerate(zip(p["drugs"], p["doses"], strict=True), start=1):
            row[f"drug_{k}"], row[f"dose_{k}"] = name, dose
        row.update({"value": v[0], "value_se": se[0], "inhibition": 1.0 - v[0] / v[1],
                    "inhibition_se": _error(names, g_inhibition, se),
                    "bliss": bliss, "bliss_se": _error(names, g_bliss, se),
                    "hsa": hsa, "hsa_se": _error(names, g_hsa, se),
                    "best_single": names[2 + best]})
        rows.append(row)
    return pd.DataFrame(rows)


def _call(score: float, error: float, threshold: float) -> str:
    return {1: "synergistic", -1: "antagonistic", 0: "additive"}[
        called_direction(score, error, threshold)]


def synergy_summary(result: ScreenResult, *, readout: str = "viability",
                    threshold: float = SYNERGY_THRESHOLD) -> pd.DataFrame:
    """One row per combination: mean Bliss and HSA excess over the dose grid, a call, a rank.

    Returns
    -------
    DataFrame sorted by mean Bliss excess (rank 1 first, per variant): variant, rank,
    combination, order, n_points, bliss (mean) and bliss_se, bliss_max, hsa (mean) and hsa_se,
    call, and at the top dose point value_top/value_top_se (the combination's readout) and
    best_single_top/best_single_top_value.

    Examples
    --------
    >>> from soraresist.analysis import screen
    >>> result = screen(["copanlisib"], doses=[1.0], n_trajectories=200, progress=False)
    >>> synergy_summary(result)[["combination", "call"]].values.tolist()
    [['sorafenib+copanlisib', 'synergistic']]
    """
    points = _grid_points(result, readout)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in points:
        groups[(p["variant"], p["combination"])].append(p)
    rows = []
    for (variant, combination), grid in groups.items():
        names, se, g_bliss, g_hsa = [], [], [], []
        bliss = hsa = 0.0
        best_bliss = -math.inf
        for p in grid:
            b, gb = _bliss(p["v"])
            h, gh, _ = _hsa(p["v"])
            bliss += b / len(grid)
            hsa += h / len(grid)
            best_bliss = max(best_bliss, b)
            names += p["names"]
            se += p["se"]
            g_bliss += [g / len(grid) for g in gb]
            g_hsa += [g / len(grid) for g in gh]
        top = max(grid, key=lambda p: p["doses"])
        _, _, best = _hsa(top["v"])
        bliss_se = _error(names, g_bliss, se)
        rows.append({"variant": variant, "combination": combination, "order": top["order"],
                     "n_points": len(grid), "bliss": bliss, "bliss_se": bliss_se,
                     "bliss_max": best_bliss, "hsa": hsa, "hsa_se": _error(names, g_hsa, se),
                     "call": _call(bliss, bliss_se, threshold),
                     "value_top": top["v"][0], "value_top_se": top["se"][0],
                     "best_single_top": top["names"][2 + best],
                     "best_single_top_value": top["v"][2 + best]})
    columns = ["variant", "rank", "combination", "order", "n_points", "bliss", "bliss_se",
               "bliss_max", "hsa", "hsa_se", "call", "value_top", "value_top_se",
               "best_single_top", "best_single_top_value"]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows).sort_values(["variant", "bliss"], ascending=[True, False],
                                           kind="stable")
    table["rank"] = table.groupby("variant", sort=False).cumcount() + 1
    return table[columns].reset_index(drop=True)


def backbone_gain(result: ScreenResult, *, backbone: str | None = None,
                  readout: str = "viability", threshold: float = SYNERGY_THRESHOLD
                  ) -> pd.DataFrame:
    """Does adding each partner to the backbone beat the backbone alone, beyond error?

    Compares, at the top dose of both drugs, the backbone alone with backbone + partner:
    ``gain = V(backbone) - V(backbone + partner)`` (positive = the pair lowers the readout
    more). The call is ``better`` / ``worse`` only beyond ``threshold`` and three standard
    errors, else ``no_change``.

    Returns
    -------
    DataFrame: variant, partner, backbone_value/_se, combination_value/_se, gain, gain_se, call.

    Examples
    --------
    >>> from soraresist.analysis import screen
    >>> result = screen(["copanlisib"], doses=[1.0], n_trajectories=200, progress=False)
    >>> backbone_gain(result).call.tolist()
    ['better']
    """
    backbone = backbone or result.settings.get("backbone")
    if backbone is None:
        raise InvalidValueError("this screen has no backbone; name one with backbone=")
    top = max(result.settings["doses"])
    values = result.readouts([readout]).set_index(["variant", "arm"])
    alone = arm_name([(backbone, top)])
    rows = []
    pairs = result.design[(result.design.order == 2) & (result.design.drug_1 == backbone)
                          & (result.design.dose_1 == top) & (result.design.dose_2 == top)]
    for row in pairs.to_dict("records"):
        key_alone, key_pair = (row["variant"], alone), (row["variant"], row["arm"])
        if key_alone not in values.index or key_pair not in values.index:
            continue
        a, b = values.loc[key_alone], values.loc[key_pair]
        gain = float(a.value - b.value)
        gain_se = math.hypot(float(a.stderr), float(b.stderr))
        call = {1: "better", -1: "worse", 0: "no_change"}[
            called_direction(gain, gain_se, threshold)]
        rows.append({"variant": row["variant"], "partner": row["drug_2"],
                     "backbone_value": float(a.value), "backbone_se": float(a.stderr),
                     "combination_value": float(b.value), "combination_se": float(b.stderr),
                     "gain": gain, "gain_se": gain_se, "call": call})
    return pd.DataFrame(rows)


def mechanism(result: ScreenResult, combinations: Sequence[str] | None = None, *,
              top: int = 10, n_nodes: int = 5, readout: str = "viability",
              min_difference: float = SYNERGY_THRESHOLD,
              edges: pd.DataFrame | None = None) -> pd.DataFrame:
    """Nodes whose activity differs most between a combination and its best single agent.

    For each combination (default: the ``top`` ranked by :func:`synergy_summary`), at its dose
    point of largest Bliss excess, compares every node's probability under the combination with
    that under the single agent giving the lowest readout at its dose there. Keeps the
    ``n_nodes`` largest differences that exceed ``min_difference`` and three standard errors,
    leaving out the drug and control nodes and the nodes the combination's drugs act on
    directly (they differ by construction), and lists the atlas evidence ids of the edges into
    each node (the regulation that moved it).

    Parameters
    ----------
    edges
        Signed edges with ``target`` and ``evidence_ids``; ``soraresist.model.edges()`` (the
        sorafenib model's) when omitted.

    Returns
    -------
    DataFrame: variant, combination, arm, best_single, node, combination_value,
    single_value, difference, stderr, evidence_ids (list of atlas ids).

    Examples
    --------
    >>> from soraresist.analysis import screen
    >>> result = screen(["copanlisib"], doses=[1.0], n_trajectories=300, progress=False)
    >>> "AKT" in set(mechanism(result).node)
    True
    """
    summary = synergy_summary(result, readout=readout)
    if combinations is None:
        summary = summary[summary["rank"] <= top]
    else:
        summary = summary[summary.combination.isin(list(combinations))]
    cells = synergy(result, readout=readout)
    chosen = []
    for row in summary.itertuples(index=False):
        grid = cells[(cells.variant == row.variant) & (cells.combination == row.combination)]
        chosen.append(grid.loc[grid.bliss.idxmax()])
    if not chosen:
        return pd.DataFrame(columns=["variant", "combination", "arm", "best_single", "node",
                                     "combination_value", "single_value", "difference",
                                     "stderr", "evidence_ids"])
    arms = sorted({c.arm for c in chosen} | {c.best_single for c in chosen})
    nodes = result.readouts(None, arms=arms)
    nodes = nodes[nodes.readout.str.startswith("node:")]
    nodes = nodes.set_index(["variant", "arm", "readout"]).sort_index()
    edges = edges if edges is not None else model_edges()
    evidence: dict[str, list[str]] = defaultdict(list)
    for target, ids in zip(edges.target, edges.evidence_ids, strict=True):
        evidence[target] += [i for i in (ids if isinstance(ids, list | tuple) else [])
                             if i not in evidence[target]]
    rows = []
    for cell in chosen:
        comb = nodes.loc[(cell.variant, cell.arm)]
        single = nodes.loc[(cell.variant, cell.best_single)]
        diff = (comb.value - single.value).rename("difference").to_frame()
        diff["stderr"] = (comb.stderr ** 2 + single.stderr ** 2) ** 0.5
        diff["node"] = [name.removeprefix("node:") for name in diff.index]
        targets = {e.node for name in cell.combination.split("+") for e in drug(name).effects}
        diff = diff[~diff.node.str.startswith(_CONTROL_PREFIXES) & ~diff.node.isin(targets)]
        diff = diff[[called_direction(d, se, min_difference) != 0
                     for d, se in zip(diff.difference, diff.stderr, strict=True)]]
        diff = diff.reindex(diff.difference.abs().sort_values(ascending=False).index)
        for name, d in diff.head(n_nodes).iterrows():
            rows.append({"variant": cell.variant, "combination": cell.combination,
                         "arm": cell.arm, "best_single": cell.best_single, "node": d.node,
                         "combination_value": float(comb.loc[name, "value"]),
                         "single_value": float(single.loc[name, "value"]),
                         "difference": float(d.difference), "stderr": float(d.stderr),
                         "evidence_ids": list(evidence.get(d.node, []))})
    return pd.DataFrame(rows)
