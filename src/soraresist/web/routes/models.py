"""`/api/models`: the served networks, their nodes, rules and the evidence behind them.

Drugs of a model's library are drawn as extra nodes (``drug_<id>``, as the simulated network
names them) with an edge to each target, inhibiting (-1) or activating (+1).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from soraresist import atlas
from soraresist.analysis import PERTURBATION_TYPES
from soraresist.errors import UnknownNameError
from soraresist.model import drug_node, format_expression, regulators
from soraresist.web import catalogue
from soraresist.web.catalogue import ServedModel
from soraresist.web.deps import AtlasDep, rows
from soraresist.web.schemas import (
    ERROR_RESPONSES,
    MAX_NAME,
    ModelGraph,
    ModelSummary,
    NodeDetail,
)

router = APIRouter(prefix="/api/models", tags=["models"], responses=ERROR_RESPONSES)

ModelName = Annotated[str, Path(max_length=MAX_NAME)]


def _edges(model: ServedModel) -> list[dict[str, Any]]:
    network = model.network
    if model.edges is None:  # a network without provenance: unsigned regulator edges
        return [{"source": r, "target": n} for n in network.nodes
                for r in regulators(network.rules[n]) if r != n]
    found = rows(model.edges[["source", "target", "sign", "evidence_ids"]])
    if model.drugs is not None:
        for d in rows(model.drugs.dropna(subset=["node"])):
            found.append({"source": drug_node(d["drug"]), "target": d["node"],
                          "sign": -1 if d["action"] == "inhibit" else 1,
                          "evidence_ids": d["evidence_ids"]})
    return found


def _drugs(model: ServedModel) -> list[dict[str, Any]]:
    if model.drugs is None:
        return []
    found = []
    for drug_id, group in model.drugs.groupby("drug", sort=False):
        first = group.iloc[0]
        found.append({"id": drug_id, "name": first["name"], "drug_class": first["drug_class"],
                      "default_efficacy": float(first["default_efficacy"]),
                      "targets": [n for n in group["node"] if isinstance(n, str)]})
    return found


def _nodes(model: ServedModel) -> list[dict[str, Any]]:
    network, edges = model.network, _edges(model)
    targets: dict[str, list[str]] = {}
    for edge in edges:
        targets.setdefault(edge["source"], []).append(edge["target"])
    inputs, phenotypes = set(network.inputs), set(model.phenotypes)
    nodes = [{"id": n, "rule": format_expression(network.rules[n]),
              "regulators": [r for r in regulators(network.rules[n]) if r != n],
              "targets": targets.get(n, []), "module": model.modules.get(n),
              "kind": "phenotype" if n in phenotypes else "input" if n in inputs else "node",
              "initial": network.initial[n], "rate_up": network.rate_up[n],
              "rate_down": network.rate_down[n]} for n in network.nodes]
    for d in _drugs(model):
        node = drug_node(d["id"])
        nodes.append({"id": node, "rule": node, "regulators": [], "targets": targets.get(node, []),
                      "module": "drug", "kind": "drug", "initial": 0.0, "rate_up": 0.0,
                      "rate_down": 0.0})
    return nodes


@router.get("", response_model=list[ModelSummary])
def models() -> list[dict[str, Any]]:
    """Every network the app serves."""
    summaries = []
    for name in catalogue.model_names():
        model = catalogue.served(name)
        summaries.append({"name": name, "description": model.description,
                          "n_nodes": len(model.network.nodes),
                          "n_inputs": len(model.network.inputs)})
    return summaries


@router.get("/{name}", response_model=ModelGraph)
def model(name: ModelName) -> dict[str, Any]:
    """A network's nodes (rule, regulators, module, kind), edges, read-outs and drugs."""
    served = catalogue.served(name)
    return {"name": name, "description": served.description, "nodes": _nodes(served),
            "edges": _edges(served), "phenotypes": list(served.phenotypes),
            "drugs": _drugs(served), "perturbation_types": list(PERTURBATION_TYPES)}


@router.get("/{name}/nodes/{node}", response_model=NodeDetail)
def node(con: AtlasDep, name: ModelName,
         node: Annotated[str, Path(max_length=MAX_NAME)]) -> dict[str, Any]:
    """One node: its rule, regulators, targets, incoming edges and their atlas records."""
    served = catalogue.served(name)
    nodes = {n["id"]: n for n in _nodes(served)}
    if node not in nodes:
        raise UnknownNameError(f"node of {name}", node, list(nodes))
    edges = _edges(served)
    incoming = [e for e in edges if e["target"] == node]
    # a drug's evidence sits on its edges to its targets
    linked = [e for e in edges if e["source"] == node] if nodes[node]["kind"] == "drug" else []
    wanted = {i for e in incoming + linked for i in e.get("evidence_ids") or []}
    found = atlas.search(con=con) if wanted else None
    evidence = rows(found[found["evidence_id"].isin(wanted)]) if found is not None else []
    return {**nodes[node], "inputs": incoming, "evidence": evidence}
