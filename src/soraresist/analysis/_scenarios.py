"""Scenarios: the review's claims (or a user's) as pairs of simulated arms, called and scored.

A scenario names a perturbation, drugs, a readout and the direction a claim predicts
(docs/scenarios.md). Loading checks the format and reports the file, line, entry and field of
each fault. Running builds the two arms every scenario compares, simulates all arms of all
scenarios in one batched call (identical arms once, under stable names so that each arm's random
stream is the same whatever else runs), and calls each effect.

**Call.** The effect is readout(arm A) − readout(arm B) with standard error
``sqrt(se_A² + se_B²)``. A direction is called only when ``|effect|`` exceeds both
``EFFECT_THRESHOLD`` (0.05, absolute, on probabilities and on the viability index, both in
[0, 1]: a change of one cell in twenty, below which a Boolean model's differences are not
meaningful) and three standard errors; otherwise the call is ``no_change``.

**Loss of function acts on cells that express the target.** A knockdown, knockout or inhibitor
experiment is done in cells that express the factor (in the review, mostly sorafenib-resistant
cells in which it is up), while the model's reference tumour leaves such resistance factors, free
inputs, off. So when a scenario silences a free input that the reference tumour does not hold on,
its reference arm holds that input on: the comparison is "factor expressed" against "factor
silenced", as in the experiment. The rule is the same for every scenario and changes no model rule.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import yaml

from soraresist.analysis._arms import (
    PERTURBATION_TYPES,
    READOUT_TIME,
    Arm,
    Perturbation,
    _efficacies,
    arm_name,
    simulate_arms,
)
from soraresist.analysis._readouts import EFFECT_THRESHOLD, call_is_borderline, called_direction
from soraresist.errors import InvalidValueError, RecordFileError, UnknownNameError
from soraresist.model import (
    DEATH_PHENOTYPES,
    PHENOTYPES,
    VIABILITY_NODES,
    BooleanNetwork,
    drug,
    edges,
    resolve_drug,
    resolve_node,
    sorafenib_model,
)

__all__ = ["COMPARES", "DEFAULT_SAMPLES", "EXPECTS", "RESULT_COLUMNS",
           "STATUSES", "Scenario", "load_scenarios", "review_scenario_file",
           "review_scenarios", "run_scenarios", "scenario_arms"]

EXPECTS = ("sensitizes", "desensitizes", "no_change", "increases", "decreases")
COMPARES = ("perturbations", "drugs")
STATUSES = ("pass", "fail", "out_of_scope", "error", "untestable")
DEFAULT_SAMPLES = 4000
REVIEW_FILE = "review_scenarios.yaml"
RESULT_COLUMNS = ("id", "family", "status", "expected", "predicted", "effect", "stderr",
                  "borderline", "message", "evidence", "references", "claim", "readout", "arm_a",
                  "arm_b", "value_a", "value_b", "nodes", "trace", "components")

_REQUIRED = ("id", "claim")
_TESTABLE_REQUIRED = ("readout", "expect")
_KEYS = frozenset({"id", "claim", "evidence", "references", "family", "perturbations",
                   "background", "drugs", "readout", "compare", "expect", "partner_drug",
                   "testable", "reason", "reported_expect", "note"})
_READOUT = re.compile(r"^(viability|phenotype:(?P<phenotype>\S.*)|node:(?P<node>\S.*))$")
_UP = frozenset({"overexpression", "activator"})


@dataclass(frozen=True)
class Scenario:
    """One claim in executable form (fields as in docs/scenarios.md).

    ``drugs`` holds (name, efficacy or ``None`` for the library default); ``source`` is
    ``file:line`` of the entry, for messages.
    """

    id: str
    claim: str
    readout: str | None = None
    expect: str | None = None
    perturbations: tuple[Perturbation, ...] = ()
    background: tuple[Perturbation, ...] = ()
    drugs: tuple[tuple[str, float | None], ...] = ()
    compare: str | None = None
    family: str = "unspecified"
    evidence: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    testable: bool = True
    reason: str | None = None
    partner_drug: tuple[str, ...] = ()
    reported_expect: str | None = None
    note: str | None = None
    source: str = ""

    @property
    def compared(self) -> str:
        """What the two arms differ by: ``compare`` or the default that follows ``expect``."""
        if self.compare:
            return self.compare
        return "drugs" if self.expect in ("increases", "decreases") else "perturbations"


# --------------------------------------------------------------------------- loading


def _node_lines(node: yaml.Node, prefix: str = "") -> dict[str, int]:
    """1-based line of every value in a composed YAML tree, keyed by its field path."""
    lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines.update(_node_lines(value, name))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_node_lines(item, f"{prefix}[{i}]"))
    return lines


def _parse(text: str, path: str) -> tuple[Any, list[dict[str, int]]]:
    """The file's data and, per entry, the line of each field (empty where unknown)."""
    is_json = path.lower().endswith(".json")
    try:
        data = json.loads(text) if is_json else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise RecordFileError(path, exc.lineno, None, f"not valid JSON: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RecordFileError(path, line, None, f"not valid YAML: {exc}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # valid JSON that the YAML parser rejects: no line numbers
        root = None
    marks: list[dict[str, int]] = []
    if isinstance(root, yaml.SequenceNode):
        marks = [{k[len(f"[{i}]"):].lstrip("."): v for k, v in
                  _node_lines(item, f"[{i}]").items()} for i, item in enumerate(root.value)]
    return data, marks


class _Entry:
    """One raw entry with its lines, raising RecordFileError that names file, line, entry, field."""

    def __init__(self, values: Mapping[str, Any], lines: Mapping[str, int], path: str,
                 index: int):
        self.values, self.lines, self.path = values, lines, path
        name = values.get("id")
        self.name = f"scenario '{name}'" if isinstance(name, str) and name else f"entry {index + 1}"

    def line(self, field: str) -> int | None:
        while field not in self.lines and field:
            field = re.sub(r"(\.[^.\[]*|\[\d+\]|^[^.\[]*)$", "", field)
        return self.lines.get(field)

    def fail(self, field: str | None, message: str) -> RecordFileError:
        return RecordFileError(self.path, self.line(field or ""), field, f"{self.name}: {message}")

    def text(self, field: str, *, required: bool = False) -> str | None:
        value = self.values.get(field)
        if value is None:
            if required:
                raise self.fail(field, f"'{field}' is required")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, f"'{field}' must be a non-empty string, not {value!r}")
        return value

    def choice(self, field: str, allowed: Sequence[str], *, required: bool = False) -> str | None:
        value = self.text(field, required=required)
        if value is not None and value not in allowed:
            raise self.fail(field, f"{field} {value!r} is not one of {', '.join(allowed)}")
        return value

    def names(self, field: str) -> tuple[str, ...]:
        value = self.values.get(field)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str | int) and
                                                  not isinstance(v, bool) for v in value):
            raise self.fail(field, f"'{field}' must be a list of names or numbers, not {value!r}")
        return tuple(str(v) for v in value)

    def efficacy(self, field: str, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(field, f"efficacy {value!r} must be a number in [0, 1]")
        return float(value)

    def perturbations(self, field: str) -> tuple[Perturbation, ...]:
        value = self.values.get(field)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(field, f"'{field}' must be a list of {{target, type, efficacy?}}")
        out = []
        for i, item in enumerate(value):
            where = f"{field}[{i}]"
            if not isinstance(item, dict):
                raise self.fail(where, f"{where} must be a mapping {{target, type, efficacy?}}")
            extra = set(item) - {"target", "type", "efficacy"}
            if extra:
                raise self.fail(f"{where}.{sorted(extra)[0]}", f"unknown key(s) {sorted(extra)}"
                                " in a perturbation; allowed: target, type, efficacy")
            target = item.get("target")
            if not isinstance(target, str) or not target.strip():
                raise self.fail(f"{where}.target", f"{where}.target must be a name, "
                                f"not {target!r}")
            kind = item.get("type")
            if kind not in PERTURBATION_TYPES:
                raise self.fail(f"{where}.type", f"perturbation type {kind!r} is not one of "
                                + ", ".join(PERTURBATION_TYPES))
            efficacy = self.efficacy(f"{where}.efficacy", item.get("efficacy"))
            out.append(Perturbation(target.strip(), kind, 1.0 if efficacy is None else efficacy))
        return tuple(out)

    def drugs(self) -> tuple[tuple[str, float | None], ...]:
        value = self.values.get("drugs")
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail("drugs", "'drugs' must be a list of names or {name, efficacy}")
        out: list[tuple[str, float | None]] = []
        for i, item in enumerate(value):
            where = f"drugs[{i}]"
            if isinstance(item, str) and item.strip():
                out.append((item.strip(), None))
                continue
            if not isinstance(item, dict) or set(item) - {"name", "efficacy"}:
                raise self.fail(where, f"{where} must be a drug name or {{name, efficacy}}, "
                                f"not {item!r}")
            name = item.get("name")
            if not isinstance(name, str) or not name.strip():
                raise self.fail(f"{where}.name", f"{where}.name must be a drug name")
            out.append((name.strip(), self.efficacy(f"{where}.efficacy", item.get("efficacy"))))
        return tuple(out)


def _scenario(entry: _Entry, source: str) -> Scenario:
    values = entry.values
    unknown = sorted(set(values) - _KEYS)
    if unknown:
        raise entry.fail(unknown[0], f"unknown key '{unknown[0]}'; allowed: "
                         + ", ".join(sorted(_KEYS)))
    for field in _REQUIRED:
        entry.text(field, required=True)
    testable = values.get("testable", True)
    if not isinstance(testable, bool):
        raise entry.fail("testable", f"'testable' must be true or false, not {testable!r}")
    fields: dict[str, Any] = {
        "id": values["id"].strip(), "claim": values["claim"], "testable": testable,
        "family": entry.text("family") or "unspecified", "evidence": entry.names("evidence"),
        "references": entry.names("references"), "partner_drug": entry.names("partner_drug"),
        "note": entry.text("note"), "reason": entry.text("reason", required=not testable),
        "reported_expect": entry.choice("reported_expect", EXPECTS),
        "perturbations": entry.perturbations("perturbations"),
        "background": entry.perturbations("background"), "drugs": entry.drugs(),
        "readout": entry.text("readout", required=testable),
        "expect": entry.choice("expect", EXPECTS, required=testable),
        "compare": entry.choice("compare", COMPARES), "source": source}
    scenario = Scenario(**fields)
    if testable:
        _check_testable(scenario, entry)
    return scenario


def _check_testable(scenario: Scenario, entry: _Entry) -> None:
    """Raise for readouts, comparisons and expectations that docs/scenarios.md rules out."""
    match = _READOUT.match(scenario.readout or "")
    if not match:
        raise entry.fail("readout", f"readout {scenario.readout!r} must be viability, "
                         "phenotype:NAME or node:NAME")
    compared = scenario.compared
    if compared == "perturbations" and not scenario.perturbations:
        raise entry.fail("perturbations", "a comparison of perturbations needs 'perturbations'")
    if compared == "drugs" and not scenario.drugs:
        raise entry.fail("drugs", "a comparison of drugs needs 'drugs'")
    if scenario.expect in ("sensitizes", "desensitizes"):
        if compared != "perturbations":
            raise entry.fail("compare", f"expect {scenario.expect} compares perturbations; "
                             "use increases/decreases for a drug's own effect")
        if match.group("node"):
            raise entry.fail("expect", f"expect {scenario.expect} needs viability or a "
                             "phenotype; a node has no sensitive direction (use "
                             "increases/decreases)")


def load_scenarios(*paths: str | Path) -> list[Scenario]:
    """Scenarios from one or more YAML or JSON files (JSON by the ``.json`` suffix).

    Raises
    ------
    RecordFileError
        For a file that does not parse or an entry that breaks the format; the message names
        the file, line, entry id and field. Ids must be unique across the files.

    Examples
    --------
    >>> scenarios = load_scenarios(review_scenario_file())
    >>> scenarios[0].id, scenarios[0].compared
    ('T1-01-SNHG1-up', 'perturbations')
    """
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    for path in map(str, paths):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RecordFileError(path, None, None, f"cannot read: {exc.strerror}") from None
        data, marks = _parse(text, path)
        if not isinstance(data, list):
            raise RecordFileError(path, 1, None, "a scenario file is a list of scenarios, not "
                                  f"{type(data).__name__}")
        for i, values in enumerate(data):
            lines = marks[i] if i < len(marks) else {}
            if not isinstance(values, dict):
                raise RecordFileError(path, lines.get(""), None,
                                      f"entry {i + 1} must be a mapping, not {values!r}")
            entry = _Entry(values, lines, path, i)
            source = f"{path}:{entry.line('')}" if entry.line("") else path
            scenario = _scenario(entry, source)
            if scenario.id in seen:
                raise entry.fail("id", f"duplicate id (first at {seen[scenario.id]})")
            seen[scenario.id] = source
            scenarios.append(scenario)
    return scenarios


def review_scenario_file() -> str:
    """Path of the review's scenario set shipped with the package.

    Examples
    --------
    >>> review_scenario_file().endswith("review_scenarios.yaml")
    True
    """
    return str(files("soraresist.analysis") / "data" / REVIEW_FILE)


def review_scenarios() -> list[Scenario]:
    """The review's claims (Tables 1–5, running text, strategies) as scenarios.

    Examples
    --------
    >>> sum(not s.testable for s in review_scenarios()) > 0
    True
    """
    return load_scenarios(review_scenario_file())


# --------------------------------------------------------------------------- arms


class _ScenarioError(Exception):
    """A scenario that is well-formed but cannot be run as written (status ``error``)."""


def _resolved(perturbations: Iterable[Perturbation]) -> dict[str, Perturbation]:
    """One perturbation per model node; knockdown and inhibitor share one control."""
    out: dict[str, Perturbation] = {}
    for p in perturbations:
        kind = "inhibitor" if p.type == "knockdown" else p.type
        for node in resolve_node(p.target):
            new = Perturbation(node, kind, p.efficacy)
            old = out.get(node)
            if old is not None and old != new:
                if (old.type in _UP) != (new.type in _UP):
                    raise _ScenarioError(f"{node} is both raised and lowered in one arm")
                raise _ScenarioError(f"{node} is perturbed twice in one arm ({old.type} "
                                     f"{old.efficacy:g}, {new.type} {new.efficacy:g})")
            out[node] = new
    return out


def _arm(drugs: Iterable[tuple[str, float]], perturbations: Mapping[str, Perturbation]) -> Arm:
    """An arm named by its content, so identical arms share a name (and a random stream)."""
    drugs = sorted(set(drugs))
    ordered = tuple(p for _, p in sorted(perturbations.items()))
    return Arm(arm_name(drugs, ordered), tuple(drugs), ordered)


def _drug_doses(scenario: Scenario) -> list[tuple[str, float]]:
    return [(resolve_drug(name), efficacy) for name, efficacy in _efficacies(scenario.drugs)]


def _expressed(perturbations: Mapping[str, Perturbation],
               network: BooleanNetwork) -> dict[str, Perturbation]:
    """Free inputs a loss-of-function perturbation silences that the reference tumour does not
    hold on: the experiment's cells express them (see the module notes)."""
    return {node: Perturbation(node, "overexpression") for node, p in perturbations.items()
            if p.type in ("knockout", "inhibitor") and node in network.inputs
            and network.initial[node] < 1.0}


def scenario_arms(scenario: Scenario, network: BooleanNetwork | None = None) -> tuple[Arm, Arm]:
    """Arm A and arm B of a testable scenario, as docs/scenarios.md defines them.

    ``network`` (the sorafenib model by default) says which free inputs the reference tumour
    holds on, for the rule on loss-of-function claims.

    Raises
    ------
    UnknownNameError
        For a target or drug the model does not hold (the scenario is out of scope).

    Examples
    --------
    >>> s = Scenario("x", "SHC3 high", "viability", "desensitizes", drugs=(("sorafenib", None),),
    ...              perturbations=(Perturbation("Shc3", "overexpression"),))
    >>> [arm.name for arm in scenario_arms(s)]
    ['sorafenib + SHC3 OE', 'sorafenib']
    """
    doses = _drug_doses(scenario)
    background = _resolved(scenario.background)
    with_perturbations = _resolved([*scenario.background, *scenario.perturbations])
    if scenario.compared == "drugs":
        return _arm(doses, with_perturbations), _arm((), with_perturbations)
    silenced = _expressed(_resolved(scenario.perturbations), network or sorafenib_model())
    return _arm(doses, with_perturbations), _arm(doses, {**background, **silenced})


# --------------------------------------------------------------------------- calls


def _readout_key(readout: str) -> str:
    """The simulation table's key for a readout (UnknownNameError when not in the model)."""
    match = _READOUT.match(readout)
    if match is None:
        raise _ScenarioError(f"readout {readout!r} must be viability, phenotype:NAME or node:NAME")
    if match.group("phenotype"):
        name = match.group("phenotype")
        found = [p for p in PHENOTYPES if p.lower() == name.replace(" ", "").lower()]
        if not found:
            raise UnknownNameError("phenotype", name, PHENOTYPES)
        return f"phenotype:{found[0]}"
    if match.group("node"):
        nodes = resolve_node(match.group("node"))
        if len(nodes) > 1:
            raise _ScenarioError(f"readout {readout} stands for several model nodes "
                                 f"({', '.join(nodes)}); name one")
        return f"node:{nodes[0]}"
    return "viability"


def _harm(key: str) -> int:
    """+1 when a higher readout means more tumour (viability, growth), -1 for death."""
    return -1 if key.split(":", 1)[-1] in DEATH_PHENOTYPES else 1


def _prediction(scenario: Scenario, key: str, direction: int) -> str:
    """The call in the vocabulary of the scenario's expectation."""
    sensitivity = scenario.expect in ("sensitizes", "desensitizes") or (
        scenario.expect == "no_change" and scenario.compared == "perturbations"
        and not key.startswith("node:"))
    if direction == 0:
        return "no_change"
    if sensitivity:
        return "desensitizes" if direction * _harm(key) > 0 else "sensitizes"
    return "increases" if direction > 0 else "decreases"


# --------------------------------------------------------------------------- traces


@cache
def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for row in edges().itertuples(index=False):
        graph.add_edge(row.source, row.target, sign=row.sign)
    return graph


def _sources(scenario: Scenario) -> list[str]:
    """Nodes where the compared difference enters the network."""
    if scenario.compared == "drugs":
        return sorted({e.node for name, _ in scenario.drugs for e in drug(name).effects})
    return sorted(_resolved(scenario.perturbations))


def _trace(scenario: Scenario, key: str, values: pd.DataFrame, arm_a: str, arm_b: str,
           threshold: float) -> str:
    """Shortest signed path from the perturbed nodes to the readout, with each node's value in
    arm A and arm B, and where the difference stops travelling."""
    graph = _graph()
    if key == "viability":
        targets = list(VIABILITY_NODES)
        moved = {t: abs(_value(values, arm_a, f"node:{t}") - _value(values, arm_b, f"node:{t}"))
                 for t in targets}
        targets.sort(key=lambda t: -moved[t])
    else:
        targets = [key.split(":", 1)[1]]
    paths = [nx.shortest_path(graph, s, t) for t in targets for s in _sources(scenario)
             if s in graph and t in graph and nx.has_path(graph, s, t)]
    if not paths:
        return (f"no path in the model from {', '.join(_sources(scenario))} to "
                f"{' / '.join(targets)}")
    path = min(paths, key=lambda p: (targets.index(p[-1]) if key == "viability" else 0, len(p)))
    shown, stop = [], None
    for i, node in enumerate(path):
        a, b = _value(values, arm_a, f"node:{node}"), _value(values, arm_b, f"node:{node}")
        arrow = "" if i == 0 else (" -> " if graph.edges[path[i - 1], node]["sign"] > 0
                                   else " -| ")
        shown.append(f"{arrow}{node} ({a:.2f}/{b:.2f})")
        if stop is None and abs(a - b) <= threshold:
            stop = node
    text = "".join(shown)
    return text + (f"; the difference stops at {stop}" if stop else "")


def _value(values: pd.DataFrame, arm: str, key: str) -> float:
    return float(values.at[(arm, key), "value"])


def _components(key: str, values: pd.DataFrame, arm_a: str, arm_b: str
                ) -> dict[str, tuple[float, float]] | None:
    """The read-outs behind the viability index in arm A and arm B (None for other read-outs)."""
    if key != "viability":
        return None
    return {name: (_value(values, arm_a, f"phenotype:{name}"),
                   _value(values, arm_b, f"phenotype:{name}")) for name in VIABILITY_NODES}


# --------------------------------------------------------------------------- running


def _row(scenario: Scenario, status: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"id": scenario.id, "family": scenario.family, "status": status,
            "expected": scenario.expect, "predicted": None, "effect": math.nan,
            "stderr": math.nan, "borderline": False, "message": message,
            "evidence": list(scenario.evidence),
            "references": list(scenario.references), "claim": " ".join(scenario.claim.split()),
            "readout": scenario.readout, "arm_a": None, "arm_b": None, "value_a": math.nan,
            "value_b": math.nan, "nodes": [], "trace": None, "components": None, **extra}


def _planned(scenario: Scenario,
             network: BooleanNetwork) -> tuple[str, str, Arm, Arm] | dict[str, Any]:
    """Readout key and arms, or the finished result row of a scenario that is not simulated."""
    if not scenario.testable:
        return _row(scenario, "untestable", scenario.reason or "")
    try:
        key = _readout_key(scenario.readout or "")
        arm_a, arm_b = scenario_arms(scenario, network)
    except UnknownNameError as exc:
        return _row(scenario, "out_of_scope", f"'{exc.name}' is not in the model ({exc})")
    except _ScenarioError as exc:
        return _row(scenario, "error", str(exc))
    return scenario.id, key, arm_a, arm_b


def run_scenarios(scenarios: Sequence[Scenario], *, n_trajectories: int = DEFAULT_SAMPLES,
                  seed: int = 0, threads: int | None = None,
                  progress: bool | Callable[[float], None] = False,
                  threshold: float = EFFECT_THRESHOLD, network: BooleanNetwork | None = None,
                  max_time: float = READOUT_TIME) -> pd.DataFrame:
    """Simulate every scenario's arms in one batch and score each claim.

    Parameters
    ----------
    scenarios
        From :func:`load_scenarios` or :func:`review_scenarios`.
    n_trajectories, seed, threads, progress
        Passed to :func:`simulate_arms` (``progress``: a bar, or a callable given the fraction
        of arms simulated). Each arm's stream depends on the seed and the arm's name (its
        content); a scenario run in another set meets other drug and control nodes in the
        network and so draws other, statistically equivalent, numbers.
    threshold
        Smallest absolute effect that is called (besides three standard errors).
    network
        A variant of the sorafenib model with the same nodes (other initial probabilities or
        rates: another tumour composition, say); ``sorafenib_model()`` when omitted.
    max_time
        Read-out time.

    Returns
    -------
    DataFrame, one row per scenario in input order: id, family, status (pass, fail,
    out_of_scope, error, untestable), expected, predicted, effect (A − B), stderr, borderline
    (a shift of two standard errors would change the call: :func:`call_is_borderline`), message,
    evidence, references, claim, readout, arm_a, arm_b, value_a, value_b, nodes (the perturbed
    model nodes), trace (the signed path from them to the readout, with values A/B) and, for
    the viability read-out, components (each read-out behind the index: its values A and B).

    Examples
    --------
    >>> s = Scenario("x", "BCRP high", "viability", "desensitizes", drugs=(("sorafenib", None),),
    ...              perturbations=(Perturbation("BCRP", "overexpression"),))
    >>> run_scenarios([s], n_trajectories=300, seed=1).status.tolist()
    ['pass']
    """
    network = network if network is not None else sorafenib_model()
    if network.nodes != sorafenib_model().nodes:
        raise InvalidValueError("scenarios run on the sorafenib model or a variant with the same "
                                "nodes; this network's nodes differ")
    plans = [_planned(s, network) for s in scenarios]
    arms = {arm.name: arm for plan in plans if isinstance(plan, tuple) for arm in plan[2:]}
    values = pd.DataFrame(columns=["value", "stderr"])
    if arms:
        table = simulate_arms([arms[name] for name in sorted(arms)], n_trajectories=n_trajectories,
                              seed=seed, threads=threads, progress=progress, network=network,
                              max_time=max_time)
        values = table.set_index(["arm", "readout"])[["value", "stderr"]]
    rows = []
    for scenario, plan in zip(scenarios, plans, strict=True):
        if isinstance(plan, dict):
            rows.append(plan)
            continue
        _, key, arm_a, arm_b = plan
        a, se_a = values.loc[(arm_a.name, key)]
        b, se_b = values.loc[(arm_b.name, key)]
        effect, stderr = float(a - b), math.hypot(se_a, se_b)
        predicted = _prediction(scenario, key, called_direction(effect, stderr, threshold))
        status = "pass" if predicted == scenario.expect else "fail"
        message = (f"{key} {b:.3f} -> {a:.3f} ({arm_b.name} -> {arm_a.name})")
        rows.append(_row(scenario, status, message, predicted=predicted, effect=effect,
                         stderr=stderr, borderline=call_is_borderline(effect, stderr, threshold),
                         arm_a=arm_a.name, arm_b=arm_b.name, value_a=float(a), value_b=float(b),
                         nodes=_sources(scenario),
                         trace=_trace(scenario, key, values, arm_a.name, arm_b.name, threshold),
                         components=_components(key, values, arm_a.name, arm_b.name)))
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
