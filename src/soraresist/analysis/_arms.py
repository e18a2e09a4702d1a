"""Arms: named sets of drugs and perturbations, simulated together on one network.

Scenarios, screens and the command line all state what they compare as arms. One call builds one
network that holds every control node the arms need (drug nodes, partial inhibitors), compiles it
once, and runs each arm as an engine condition, so arms differ only in their conditions and each
arm's random stream depends on its name (`arm_name`: its content) and the seed alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from tqdm.auto import tqdm

from soraresist.analysis._readouts import readout_nodes, readout_time_courses
from soraresist.engine import Condition, simulate
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import (
    BooleanNetwork,
    DrugEffect,
    add_controls,
    apply_drugs,
    drug,
    drug_node,
    resolve_drug,
    resolve_node,
    sorafenib_model,
)

__all__ = ["PARTIAL_TYPES", "PERTURBATION_TYPES", "READOUT_TIME", "UNTREATED", "Arm",
           "Perturbation", "arm_conditions", "arm_name", "simulate_arms", "simulate_time_courses"]

PERTURBATION_TYPES = ("knockout", "knockdown", "overexpression", "inhibitor", "activator")
PARTIAL_TYPES = ("knockdown", "inhibitor", "activator")  # act in a fraction `efficacy` of cells
READOUT_TIME = 30.0  # docs/model.md: read-outs once the slow hypoxia node has settled
UNTREATED = "untreated"
_LABELS = {"knockout": "KO", "overexpression": "OE", "knockdown": "inh", "inhibitor": "inh",
           "activator": "act"}


@dataclass(frozen=True)
class Perturbation:
    """A change to the nodes a target name stands for.

    ``knockout`` holds them off and ``overexpression`` on; ``knockdown`` and ``inhibitor`` add
    ``& !inh_<node>`` to their rules, ``activator`` adds ``| act_<node>``, with the control on in
    a fraction ``efficacy`` of trajectories (a full knockdown differs from a knockout only in
    letting a node that starts on be switched off by its control).
    """

    target: str
    type: str
    efficacy: float = 1.0

    def __post_init__(self) -> None:
        if self.type not in PERTURBATION_TYPES:
            raise UnknownNameError("perturbation type", self.type, PERTURBATION_TYPES)
        if not 0.0 <= self.efficacy <= 1.0:
            raise InvalidValueError(f"efficacy of the {self.type} of {self.target} is "
                                    f"{self.efficacy}; it must lie in [0, 1]")

    def nodes(self, network: BooleanNetwork | None = None) -> list[str]:
        """Nodes of `network` (the sorafenib model by default) the target stands for."""
        return resolve_node(self.target, network)


@dataclass(frozen=True)
class Arm:
    """One simulated condition: drugs as (name, efficacy or None for the default), perturbations."""

    name: str
    drugs: tuple[tuple[str, float | None], ...] = ()
    perturbations: tuple[Perturbation, ...] = ()


def arm_name(drugs: Iterable[tuple[str, float | None]] = (),
             perturbations: Iterable[Perturbation] = ()) -> str:
    """An arm's name written from its content, so one condition has one name and one stream.

    Drugs sorted, each ``name`` at efficacy 1 and ``name@e`` otherwise (an efficacy of None is
    the library default), then perturbations sorted by target (``SHC3 OE``, ``ERK inh@0.5``;
    KO, OE, inh, act), joined by ``" + "``.

    Examples
    --------
    >>> arm_name([("sorafenib", 1.0), ("erlotinib", 0.5)])
    'erlotinib@0.5 + sorafenib'
    >>> arm_name([("sorafenib", 1.0)], [Perturbation("SHC3", "overexpression")]), arm_name()
    ('sorafenib + SHC3 OE', 'untreated')
    """
    parts = [name if e == 1 else f"{name}@{e:g}" for name, e in sorted(set(_efficacies(drugs)))]
    for p in sorted(perturbations, key=lambda p: p.target):
        dose = "" if p.efficacy == 1 else f"@{p.efficacy:g}"
        parts.append(f"{p.target} {_LABELS[p.type]}{dose}")
    return " + ".join(parts) or UNTREATED


def _control(node: str, kind: str) -> str:
    return f"{'act' if kind == 'activator' else 'inh'}_{node}"


def arm_conditions(arms: Sequence[Arm], network: BooleanNetwork | None = None
                   ) -> tuple[BooleanNetwork, list[Condition]]:
    """The network with every control the arms need, and one engine condition per arm.

    Examples
    --------
    >>> net, conditions = arm_conditions([Arm("sorafenib", drugs=(("sorafenib", 1.0),))])
    >>> conditions[0].initial
    {'drug_sorafenib': 1.0}
    """
    network = network if network is not None else sorafenib_model()
    drugs = sorted({resolve_drug(name) for arm in arms for name, _ in arm.drugs})
    network = apply_drugs(network, [(name, 0.0) for name in drugs])
    controls: dict[str, list[DrugEffect]] = {}
    for arm in arms:
        for p in arm.perturbations:
            if p.type in PARTIAL_TYPES:
                action = "activate" if p.type == "activator" else "inhibit"
                for node in p.nodes(network):
                    controls.setdefault(_control(node, p.type), [DrugEffect(node, action)])
    network = add_controls(network, controls, dict.fromkeys(controls, 0.0))
    conditions = []
    for arm in arms:
        initial = {drug_node(name): efficacy for name, efficacy in _efficacies(arm.drugs)}
        off: list[str] = []
        on: list[str] = []
        for p in arm.perturbations:
            for node in p.nodes(network):
                if p.type == "knockout":
                    off.append(node)
                elif p.type == "overexpression":
                    on.append(node)
                else:
                    initial[_control(node, p.type)] = p.efficacy
        conditions.append(Condition(arm.name, off=tuple(off), on=tuple(on), initial=initial))
    return network, conditions


def _efficacies(drugs: Iterable[tuple[str, float | None]]) -> list[tuple[str, float]]:
    """Drug names with their efficacy, the library default where none is given."""
    return [(name, drug(name).default_efficacy if e is None else float(e)) for name, e in drugs]


def simulate_time_courses(arms: Sequence[Arm], *, network: BooleanNetwork | None = None,
                          n_trajectories: int = 2000, max_time: float = READOUT_TIME,
                          tick: float = 1.0, seed: int = 0, threads: int | None = None,
                          batch_size: int = 64,
                          progress: bool | Callable[[float], None] = False) -> pd.DataFrame:
    """Time courses of the viability index, phenotypes and nodes for each arm.

    Parameters
    ----------
    arms
        The conditions to compare; names must be distinct (they seed each arm's stream).
    network
        The model; ``sorafenib_model()`` when omitted.
    n_trajectories, max_time, tick, seed, threads
        Passed to :func:`soraresist.engine.simulate`.
    batch_size
        Arms simulated per engine call (the numbers do not depend on it).
    progress
        ``True`` shows a progress bar on standard error; a callable is instead called with the
        fraction of arms done after each batch (a web job's progress, say).

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
    report = progress if callable(progress) else None
    batches = range(0, len(conditions), batch_size)
    parts = []
    for lo in tqdm(batches, desc="simulating", unit="batch",
                   disable=report is not None or not progress):
        result = simulate(network, conditions[lo:lo + batch_size], n_trajectories=n_trajectories,
                          max_time=max_time, tick=tick, seed=seed, threads=threads,
                          output_nodes=readout_nodes(network))
        parts.append(readout_time_courses(result, max_time))
        if report:
            report(min(lo + batch_size, len(conditions)) / len(conditions))
    return pd.concat(parts, ignore_index=True)


def simulate_arms(arms: Sequence[Arm], *, network: BooleanNetwork | None = None,
                  n_trajectories: int = 2000, max_time: float = READOUT_TIME, seed: int = 0,
                  threads: int | None = None, batch_size: int = 64,
                  progress: bool | Callable[[float], None] = False) -> pd.DataFrame:
    """Viability, phenotypes and every node at ``max_time`` for each arm, with standard errors.

    The last instant of :func:`simulate_time_courses` (one window, so no time column).

    Parameters
    ----------
    arms, network, n_trajectories, max_time, seed, threads, batch_size, progress
        As for :func:`simulate_time_courses`.

    Returns
    -------
    DataFrame with columns arm, readout (``viability``, ``phenotype:NAME``, ``node:NAME``),
    value and stderr.

    Examples
    --------
    >>> table = simulate_arms([Arm("untreated"), Arm("sorafenib", (("sorafenib", 1.0),))],
    ...                       n_trajectories=200, seed=1)
    >>> erk = table[table.readout == "node:ERK"].set_index("arm").value
    >>> bool(erk["sorafenib"] < erk["untreated"])
    True
    """
    table = simulate_time_courses(arms, network=network, n_trajectories=n_trajectories,
                                  max_time=max_time, tick=max_time, seed=seed, threads=threads,
                                  batch_size=batch_size, progress=progress)
    final = table[table.time == max_time].drop(columns="time")
    return final.reset_index(drop=True)
