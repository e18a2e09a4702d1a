"""The sorafenib/HCC network: its evidence-linked specification, loaded into a BooleanNetwork.

The specification (``model/data/sorafenib_hcc.yaml``) holds one entry per node: module, the atlas
entities it stands for, its rule, and every regulator with a sign and its atlas evidence ids or a
canonical pathway-map id. Design choices are explained in ``docs/model.md``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd
import yaml

from soraresist._names import fold_name
from soraresist.errors import RecordFileError, UnknownNameError
from soraresist.model._expr import Var, parse_expression, regulators
from soraresist.model._network import BooleanNetwork

__all__ = [
    "DEATH_PHENOTYPES",
    "PHENOTYPES",
    "VIABILITY_NODES",
    "edges",
    "explain",
    "model_spec",
    "resolve_node",
    "sorafenib_model",
    "viability_index",
]

SPEC_FILE = "sorafenib_hcc.yaml"
PHENOTYPES = ("Proliferation", "Apoptosis", "Ferroptosis", "AutophagicDeath", "Angiogenesis",
              "Invasion", "Stemness", "ImmuneKilling")
DEATH_PHENOTYPES = ("Apoptosis", "Ferroptosis", "AutophagicDeath", "ImmuneKilling")
VIABILITY_NODES = ("Proliferation", *DEATH_PHENOTYPES)  # output nodes behind viability_index
_NODE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _spec_path() -> str:
    return str(files("soraresist.model") / "data" / SPEC_FILE)


def _evidence_ids(link: Mapping[str, Any]) -> list[str]:
    """Atlas record ids behind a link, without the ``canonical`` placeholder of map-only links."""
    return [str(e) for e in link.get("evidence") or [] if e != "canonical"]


def _check_node(node: Mapping[str, Any], modules: Mapping[str, str], path: str) -> None:
    """Raise RecordFileError for a node entry that breaks the specification format."""
    name = node.get("id")
    if not isinstance(name, str) or not _NODE_ID.match(name):
        raise RecordFileError(path, None, "id",
                              f"node id {name!r} must match [A-Za-z][A-Za-z0-9_]*")
    if node.get("module") not in modules:
        raise RecordFileError(path, None, "module", f"node {name}: module {node.get('module')!r}"
                              f" is not one of {', '.join(modules)}")
    tree = parse_expression(str(node.get("rule", "")), source=f"{path}: rule of {name}")
    is_input = tree == Var(name)  # as BooleanNetwork.inputs: the rule is the node itself
    if is_input and "initial" not in node:
        raise RecordFileError(path, None, "initial",
                              f"input {name} must state its initial value")
    used = set() if is_input else set(regulators(tree))
    declared = set(node.get("regulators") or {})
    if used != declared:
        raise RecordFileError(path, None, "regulators", f"node {name}: rule uses "
                              f"{sorted(used)} but regulators lists {sorted(declared)}")
    for regulator, link in (node.get("regulators") or {}).items():
        if link.get("sign") not in ("+", "-"):
            raise RecordFileError(path, None, "sign", f"{regulator} -> {name}: sign must be + or -")
        if not _evidence_ids(link) and not link.get("canonical"):
            raise RecordFileError(path, None, "evidence", f"{regulator} -> {name} has neither "
                                  "atlas evidence nor a canonical pathway id")


@cache
def _load_spec() -> dict[str, Any]:
    path = _spec_path()
    with open(path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    names = [node.get("id") for node in spec["nodes"]]
    if len(set(names)) != len(names):
        raise RecordFileError(path, None, "id", "duplicate node ids: "
                              + ", ".join(sorted({n for n in names if names.count(n) > 1})))
    for node in spec["nodes"]:
        _check_node(node, spec["modules"], path)
    return spec


def model_spec() -> dict[str, Any]:
    """The parsed specification (a fresh copy): name, modules, phenotypes and node entries.

    Examples
    --------
    >>> spec = model_spec()
    >>> spec["name"], "Proliferation" in spec["phenotypes"]
    ('sorafenib_hcc', True)
    """
    return yaml.safe_load(yaml.safe_dump(_load_spec()))


def _nodes() -> dict[str, dict[str, Any]]:
    return {node["id"]: node for node in _load_spec()["nodes"]}


@cache
def sorafenib_model() -> BooleanNetwork:
    """The sorafenib/HCC network with its rates and initial probabilities.

    Inputs (rule = own id) keep their documented initial values; other nodes start at the
    specification's ``initial_default`` unless they state their own.

    Examples
    --------
    >>> net = sorafenib_model()
    >>> net.initial["Sorafenib"], "SorafenibIn" in net.nodes
    (0.0, True)
    """
    spec = _load_spec()
    default = float(spec.get("initial_default", 0.5))
    nodes = spec["nodes"]
    rules = {n["id"]: parse_expression(str(n["rule"]), source=f"rule of {n['id']}") for n in nodes}
    initial = {n["id"]: float(n.get("initial", default)) for n in nodes}
    rate_up = {n["id"]: float(n["rate_up"]) for n in nodes if "rate_up" in n}
    rate_down = {n["id"]: float(n["rate_down"]) for n in nodes if "rate_down" in n}
    return BooleanNetwork(tuple(rules), rules, rate_up, rate_down, initial)


def edges() -> pd.DataFrame:
    """One row per regulator of every rule, with its sign and provenance.

    Returns
    -------
    DataFrame with columns source, target, sign (+1/-1), evidence_ids (atlas record ids),
    canonical (pathway-map id or ``None``) and module (of the target).

    Examples
    --------
    >>> table = edges()
    >>> table.loc[(table.source == "SorafenibIn") & (table.target == "RAF1"), "sign"].item()
    -1
    """
    rows = []
    for name, node in _nodes().items():
        for source, link in (node.get("regulators") or {}).items():
            rows.append({"source": source, "target": name,
                         "sign": 1 if link["sign"] == "+" else -1,
                         "evidence_ids": _evidence_ids(link),
                         "canonical": link.get("canonical"), "module": node["module"]})
    return pd.DataFrame(rows, columns=["source", "target", "sign", "evidence_ids", "canonical",
                                       "module"])


def resolve_node(name: str, network: BooleanNetwork | None = None) -> list[str]:
    """Nodes that stand for a user's name: a node id, an atlas entity a node of the sorafenib
    model holds, or any synonym of such an entity in the atlas (``HIF-2α`` -> EPAS1).

    Matching ignores case, spaces and punctuation and spells Greek letters out (``HIF-2a``).
    With `network`, an exact node id of that network comes first, and names resolved through
    the sorafenib model count only where the network has those nodes (bench models take their
    own node ids).

    Raises
    ------
    UnknownNameError
        When nothing matches, with the closest node ids.

    Examples
    --------
    >>> resolve_node("MAPK3"), resolve_node("hsa-miR-122"), resolve_node("HIF-2α")
    (['ERK'], ['miR122'], ['EPAS1'])
    """
    known = network.nodes if network is not None else tuple(_nodes())
    if network is not None and name in network.nodes:
        return [name]
    key = fold_name(name)
    found = [node_id for node_id in _nodes() if fold_name(node_id) == key]
    if not found:
        found = _nodes_holding({key})
    if not found:
        from soraresist.atlas import resolve_entity  # synonyms live in the atlas

        found = _nodes_holding({fold_name(entity) for entity in resolve_entity(name)})
    found = [node for node in found if node in known]
    if not found:
        raise UnknownNameError("model node", name, known)
    return found


def _nodes_holding(keys: set[str]) -> list[str]:
    """Nodes with a member whose folded name is in `keys`."""
    return [node_id for node_id, node in _nodes().items()
            if keys & {fold_name(str(m)) for m in node.get("members") or []}]


@cache
def _evidence_records() -> dict[str, dict[str, Any]]:
    from soraresist.atlas import load_atlas  # the atlas is only needed to explain

    return {record.values["id"]: record.values for record in load_atlas().evidence}


def explain(node: str) -> str:
    """A node's module, rule and each regulator's evidence with the review's reference numbers.

    Examples
    --------
    >>> print(explain("TGFA").splitlines()[1])
    rule: TGFA = EPAS1
    """
    if node not in _nodes():
        raise UnknownNameError("model node", node, list(_nodes()))
    entry = _nodes()[node]
    lines = [f"{node} (module {entry['module']}; stands for {', '.join(entry['members'])})",
             f"rule: {node} = {entry['rule']}"]
    if node in sorafenib_model().inputs:
        lines.append(f"input: keeps its initial value {entry['initial']}")
    records = _evidence_records() if entry.get("regulators") else {}
    for source, link in (entry.get("regulators") or {}).items():
        verb = "activates" if link["sign"] == "+" else "inhibits"
        lines.append(f"  {source} {verb} {node}")
        if link.get("canonical"):
            lines.append(f"    canonical: {link['canonical']}")
        for evidence_id in _evidence_ids(link):
            record = records[evidence_id]
            refs = ", ".join(str(r) for r in record.get("references") or []) or "none"
            text = " ".join(str(record.get("mechanism", "")).split())
            lines.append(f"    {evidence_id} [refs {refs}]: {text}")
    if entry.get("note"):
        lines.append("note: " + " ".join(str(entry["note"]).split()))
    return "\n".join(lines)


def viability_index(states: Mapping[str, float], n_trajectories: int) -> tuple[float, float]:
    """Tumour-growth index: the fraction of cells that divide and escape every death read-out.

    It is read from the joint distribution of ``VIABILITY_NODES`` (the engine's output-state
    distribution, whose labels join the nodes that are on with ``" -- "``): the probability of
    the state in which Proliferation alone is on. Death routes are strongly correlated in the
    model (a cell without AKT dies by apoptosis and by autophagy at once), so a product of
    marginals would count such cells more than once (docs/model.md).

    Parameters
    ----------
    states
        Probability of each output state (a mapping or a pandas Series indexed by state label).
    n_trajectories
        Trajectories behind the distribution; the standard error is the binomial one, exact at an
        instant and an upper bound for an average over a time window.

    Returns
    -------
    The index in [0, 1] and its standard error.

    Examples
    --------
    >>> states = {"Proliferation": 0.4, "Proliferation -- Apoptosis": 0.1, "<nil>": 0.5}
    >>> value, se = viability_index(states, 100)
    >>> value, round(se, 3)
    (0.4, 0.049)
    """
    value = float(states.get("Proliferation", 0.0))
    return value, math.sqrt(value * (1.0 - value) / n_trajectories)
