"""The drug library and the rule rewriting that turns drugs into network perturbations.

An inhibitor of node X with efficacy ``e`` rewrites X's rule to ``rule & !drug_<id>``; an
activator to ``rule | drug_<id>``. ``drug_<id>`` is a frozen input that is on in a fraction ``e``
of the trajectories (its initial probability; inputs have rates 0). Scaling rates alone could not
switch off a target that is already on while its rule holds, which is why the rule changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import pandas as pd
import yaml

from soraresist._names import fold_name
from soraresist.errors import InvalidValueError, RecordFileError, UnknownNameError
from soraresist.model._expr import And, Not, Or, Var
from soraresist.model._network import BooleanNetwork

__all__ = ["Drug", "DrugEffect", "add_controls", "apply_drugs", "drug", "drug_library",
           "drug_node", "resolve_drug"]

_ACTIONS = ("inhibit", "activate")


@dataclass(frozen=True)
class DrugEffect:
    """One target node and whether the drug inhibits or activates it."""

    node: str
    action: str


@dataclass(frozen=True)
class Drug:
    """A library entry: identity, class, effects on model nodes, default efficacy, evidence."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    drug_class: str
    effects: tuple[DrugEffect, ...]
    default_efficacy: float
    basis: str
    evidence: tuple[str, ...]
    note: str = ""


def _entry(values: dict[str, Any], path: str) -> Drug:
    effects = []
    for effect in values.get("effects") or []:
        if effect.get("action") not in _ACTIONS:
            raise RecordFileError(path, None, "action", f"drug {values.get('id')}: action "
                                  f"{effect.get('action')!r} must be one of {', '.join(_ACTIONS)}")
        effects.append(DrugEffect(str(effect["node"]), effect["action"]))
    return Drug(id=str(values["id"]), name=str(values.get("name", values["id"])),
                synonyms=tuple(str(s) for s in values.get("synonyms") or ()),
                drug_class=str(values.get("drug_class", "")), effects=tuple(effects),
                default_efficacy=_checked_efficacy(float(values.get("default_efficacy", 1.0)),
                                                   str(values["id"])),
                basis=str(values.get("basis", "")),
                evidence=tuple(str(e) for e in values.get("evidence") or ()),
                note=" ".join(str(values.get("note", "")).split()))


@cache
def _library() -> dict[str, Drug]:
    path = str(files("soraresist.model") / "data" / "drugs.yaml")
    with open(path, encoding="utf-8") as handle:
        drugs = [_entry(values, path) for values in yaml.safe_load(handle)]
    return {d.id: d for d in drugs}


@cache
def _names() -> dict[str, str]:
    """Folded name -> drug id, over ids, names and synonyms; a clash is a library error."""
    names: dict[str, str] = {}
    for d in _library().values():
        for name in (d.id, d.name, *d.synonyms):
            key = fold_name(name)
            if names.get(key, d.id) != d.id:
                raise ValueError(f"drug name {name!r} is used by both {names[key]} and {d.id}")
            names[key] = d.id
    return names


def _checked_efficacy(efficacy: float, name: str) -> float:
    if not 0.0 <= efficacy <= 1.0:
        raise InvalidValueError(f"efficacy of {name} is {efficacy}; it must lie in [0, 1]")
    return efficacy


def resolve_drug(name: str) -> str:
    """The library id of a drug name, synonym or id, folded like atlas names (IFN-α = ifna).

    Raises
    ------
    UnknownNameError
        Listing the closest known names.

    Examples
    --------
    >>> resolve_drug("AMD3100"), resolve_drug("5-fu"), resolve_drug("Pt 2385")
    ('plerixafor', 'fluorouracil', 'pt-2385')
    """
    found = _names().get(fold_name(name))
    if found is None:
        known = sorted({n for d in _library().values() for n in (d.name, *d.synonyms)})
        raise UnknownNameError("drug", name, known)
    return found


def drug(name: str) -> Drug:
    """The library entry of a drug, by any of its names.

    Examples
    --------
    >>> [effect.node for effect in drug("palbociclib").effects]
    ['CDK46']
    """
    return _library()[resolve_drug(name)]


def drug_library() -> pd.DataFrame:
    """The library as a table: one row per drug and target node.

    Examples
    --------
    >>> table = drug_library()
    >>> table.loc[table.drug == "erlotinib", ["node", "action"]].values.tolist()
    [['EGFR', 'inhibit']]
    """
    rows = []
    for d in _library().values():
        for effect in d.effects or (DrugEffect("", ""),):
            rows.append({"drug": d.id, "name": d.name, "synonyms": list(d.synonyms),
                         "drug_class": d.drug_class, "node": effect.node or None,
                         "action": effect.action or None, "default_efficacy": d.default_efficacy,
                         "basis": d.basis, "evidence_ids": list(d.evidence)})
    return pd.DataFrame(rows)


def drug_node(name: str) -> str:
    """Name of the frozen input node that carries a drug in a perturbed network.

    Examples
    --------
    >>> drug_node("Sorafenib")
    'drug_sorafenib'
    """
    return "drug_" + re.sub(r"[^A-Za-z0-9_]", "_", resolve_drug(name))


def apply_drugs(network: BooleanNetwork,
                doses: Iterable[tuple[str, float | None] | str]) -> BooleanNetwork:
    """The network with drug nodes added and each target's rule rewritten.

    Parameters
    ----------
    network
        A network holding the drugs' target nodes (such as ``sorafenib_model()``).
    doses
        Drug names, or (name, efficacy) pairs; efficacy ``None`` takes the library default.
        Efficacy 0 adds the drug node switched off, so that one network can serve many
        conditions (set the drug node's initial probability per condition).

    Returns
    -------
    BooleanNetwork whose drug node ``drug_<id>`` is on with probability ``efficacy``. A target
    that was a free input gets rates 1, so that the drug can move it.

    Raises
    ------
    UnknownNameError
        For an unknown drug, or a target the network lacks.
    InvalidValueError
        For an efficacy outside [0, 1].

    Examples
    --------
    >>> net = BooleanNetwork.from_rules({"EGFR": "EGF", "ERK": "EGFR"})
    >>> treated = apply_drugs(net, [("erlotinib", 0.8)])
    >>> treated.initial["drug_erlotinib"], "drug_erlotinib" in treated.inputs
    (0.8, True)
    """
    controls: dict[str, tuple[DrugEffect, ...]] = {}
    initial: dict[str, float] = {}
    for item in doses:
        name, efficacy = (item, None) if isinstance(item, str) else item
        entry = drug(name)
        efficacy = entry.default_efficacy if efficacy is None else float(efficacy)
        node = drug_node(entry.id)
        initial[node] = _checked_efficacy(efficacy, name)
        controls[node] = entry.effects
    return add_controls(network, controls, initial)


def add_controls(network: BooleanNetwork, controls: Mapping[str, Iterable[DrugEffect]],
                 initial: Mapping[str, float]) -> BooleanNetwork:
    """The network with frozen control nodes that inhibit or activate their targets' rules.

    Each control node ``C`` rewrites an inhibited target's rule to ``rule & !C`` and an
    activated target's to ``rule | C``; ``C`` is on with probability ``initial[C]``. A control
    already in the network only gets its new probability. Drugs (`apply_drugs`) and partial
    perturbations of single nodes both use it.

    Examples
    --------
    >>> net = BooleanNetwork.from_rules({"A": "A", "B": "A"})
    >>> treated = add_controls(net, {"inh_B": [DrugEffect("B", "inhibit")]}, {"inh_B": 1.0})
    >>> from soraresist.model import format_expression
    >>> format_expression(treated.rules["B"])
    'A & !inh_B'
    """
    rules = dict(network.rules)
    nodes = list(network.nodes)
    rates: dict[str, float] = {}
    for control, effects in controls.items():
        if control in nodes:
            continue
        nodes.append(control)
        rules[control] = Var(control)
        for effect in effects:
            if effect.node not in network.nodes:
                raise UnknownNameError(f"node (target of {control})", effect.node,
                                       network.nodes)
            if effect.node in network.inputs:
                rates[effect.node] = 1.0
            rule = rules[effect.node]
            rules[effect.node] = (And((rule, Not(Var(control)))) if effect.action == "inhibit"
                                  else Or((rule, Var(control))))
    return BooleanNetwork(tuple(nodes), rules, {**network.rate_up, **rates},
                          {**network.rate_down, **rates}, {**network.initial, **initial},
                          network.internal)
