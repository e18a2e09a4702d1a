"""`simulate`: many conditions of one network through the compiled Gillespie kernel."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numba
import numpy as np
import pandas as pd

from soraresist.engine._compile import compile_network
from soraresist.engine._kernel import run_chunks
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import BooleanNetwork

__all__ = ["Condition", "SimulationResult", "simulate"]

_MAX_CHUNKS = 32
_MEMORY_BUDGET = 64 * 2**20  # bytes of accumulators per kernel call
_MAX_OUTPUT_NODES = 16


@dataclass(frozen=True)
class Condition:
    """One simulated condition: a name plus perturbations of the network.

    Attributes
    ----------
    name
        Key of this condition in the results; it also seeds the condition's random streams,
        so a condition gives the same numbers whatever other conditions run with it.
    off, on
        Nodes held off / on for the whole run (initial value forced, rates 0).
    rate_scale
        Factor in [0, 1] per node multiplying both its rates.
    initial
        Probability of being on at time 0 per node, replacing the network's.
    """

    name: str
    off: tuple[str, ...] = ()
    on: tuple[str, ...] = ()
    rate_scale: Mapping[str, float] = field(default_factory=dict)
    initial: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class SimulationResult:
    """Statistics of a simulation, keyed by condition.

    Attributes
    ----------
    probabilities, stderr
        Index (condition, time = window start), one column per node: the expected fraction of
        the window [time, time + tick) the node is on, and its standard error.
    final, final_stderr
        Index condition: probability of each node at the instant ``max_time``, and its SE.
    states, final_states
        Distribution of states over the output nodes (columns: the on nodes joined by
        ``" -- "``, ``"<nil>"`` when none; states never seen are left out), window-averaged
        over time and at ``max_time``; ``None`` without output nodes.
    n_trajectories
        Trajectories per condition.
    seconds
        Wall time of the kernel alone.
    """

    probabilities: pd.DataFrame
    stderr: pd.DataFrame
    final: pd.DataFrame
    final_stderr: pd.DataFrame
    states: pd.DataFrame | None
    final_states: pd.DataFrame | None
    n_trajectories: int
    seconds: float


def _fnv1a(text: str) -> np.uint64:
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return np.uint64(value)


def _known(network: BooleanNetwork, names: Iterable[str], what: str) -> None:
    for name in names:
        if name not in network.nodes:
            raise UnknownNameError(what, name, network.nodes)


def _condition_arrays(network: BooleanNetwork, conditions: Sequence[Condition]):
    """Rates and initial probabilities per (condition, node), perturbations applied."""
    index = {name: i for i, name in enumerate(network.nodes)}
    base = [np.array([getattr(network, key)[n] for n in network.nodes], dtype=np.float64)
            for key in ("rate_up", "rate_down", "initial")]
    up, down, init = (np.tile(a, (len(conditions), 1)) for a in base)
    for c, condition in enumerate(conditions):
        for names in (condition.off, condition.on, condition.rate_scale, condition.initial):
            _known(network, names, f"node (in condition '{condition.name}')")
        both = set(condition.off) & set(condition.on)
        if both:
            raise InvalidValueError(f"condition '{condition.name}' fixes {sorted(both)[0]} both "
                             "off and on")
        for name, factor in condition.rate_scale.items():
            if not 0.0 <= factor <= 1.0:
                raise InvalidValueError(f"condition '{condition.name}': rate scale of {name} is "
                                 f"{factor}; it must lie in [0, 1]")
            up[c, index[name]] *= factor
            down[c, index[name]] *= factor
        for name, p in condition.initial.items():
            if not 0.0 <= p <= 1.0:
                raise InvalidValueError(f"condition '{condition.name}': initial probability of "
                                 f"{name} is {p}; it must lie in [0, 1]")
            init[c, index[name]] = p
        for value, names in ((0.0, condition.off), (1.0, condition.on)):
            for name in names:
                up[c, index[name]] = down[c, index[name]] = 0.0
                init[c, index[name]] = value
    return up, down, init


def _state_labels(outputs: Sequence[str]) -> list[str]:
    labels = []
    for code in range(2 ** len(outputs)):
        on = [name for bit, name in enumerate(outputs) if code >> bit & 1]
        labels.append(" -- ".join(on) if on else "<nil>")
    return labels


def simulate(network: BooleanNetwork, conditions: Sequence[Condition] | None = None, *,
             n_trajectories: int = 1000, max_time: float = 10.0, tick: float = 1.0,
             seed: int = 0, threads: int | None = None,
             output_nodes: Sequence[str] | None = None) -> SimulationResult:
    """Simulate a network under one or many conditions (MaBoSS semantics, Gillespie).

    A node that is off switches on at its ``rate_up`` while its rule holds; a node that is on
    switches off at its ``rate_down`` while its rule fails. The rules are compiled once for
    all conditions; trajectories run in parallel and statistics are streamed.

    Parameters
    ----------
    network
        The network (rates and initial probabilities included).
    conditions
        Conditions to simulate, with distinct names; ``None`` runs the network as it is, under
        the name ``"default"``.
    n_trajectories
        Trajectories per condition.
    max_time, tick
        Simulated time span and window width.
    seed
        Seed; the same seed gives the same numbers whatever ``threads`` is.
    threads
        Worker threads (default and cap: numba's thread count, normally all cores).
    output_nodes
        Nodes over which to report the distribution of states (at most 16).

    Returns
    -------
    SimulationResult

    Raises
    ------
    UnknownNameError
        For a node name that the network lacks.
    ValueError
        For bad numbers (non-positive time, factor outside [0, 1], duplicate names...).

    Examples
    --------
    >>> from soraresist import ds
    >>> knockout = Condition("C off", off=("C",))
    >>> result = simulate(ds.toy_network(), [Condition("wild type"), knockout],
    ...                   n_trajectories=200, max_time=5, seed=1)
    >>> result.probabilities.loc["C off", "C"].tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0]
    """
    conditions = list(conditions) if conditions is not None else [Condition("default")]
    names = [c.name for c in conditions]
    if len(set(names)) != len(names):
        raise InvalidValueError("condition names must be distinct")
    if not conditions:
        raise InvalidValueError("no condition to simulate")
    if n_trajectories < 1 or not max_time > 0 or not tick > 0:
        raise InvalidValueError(f"need n_trajectories >= 1, max_time > 0 and tick > 0; got "
                         f"{n_trajectories}, {max_time}, {tick}")
    outputs = list(output_nodes or ())
    _known(network, outputs, "output node")
    if len(outputs) > _MAX_OUTPUT_NODES:
        raise InvalidValueError(f"{len(outputs)} output nodes; at most {_MAX_OUTPUT_NODES} allowed")
    compiled = compile_network(network)
    up, down, init = _condition_arrays(network, conditions)
    n = len(network.nodes)
    n_windows = max(1, math.ceil(max_time / tick - 1e-9))
    n_states = 2 ** len(outputs)
    out_bit = np.zeros(n, dtype=np.int64)
    for bit, name in enumerate(outputs):
        out_bit[network.nodes.index(name)] = 1 << bit
    task_bytes = 8 * (2 * n_windows * n + n + n_windows * n_states + n_states)
    n_chunks = max(1, min(_MAX_CHUNKS, n_trajectories, _MEMORY_BUDGET // task_bytes))
    batch = max(1, _MEMORY_BUDGET // (task_bytes * n_chunks))
    keys = np.array([_fnv1a(name) for name in names], dtype=np.uint64)
    seed64 = np.uint64(seed & 0xFFFFFFFFFFFFFFFF)
    sums = np.zeros((len(conditions), n_windows, n))
    sumsq = np.zeros_like(sums)
    final_on = np.zeros((len(conditions), n), dtype=np.int64)
    state_time = np.zeros((len(conditions), n_windows, n_states))
    state_final = np.zeros((len(conditions), n_states), dtype=np.int64)
    previous = numba.get_num_threads()
    most = numba.config.NUMBA_NUM_THREADS
    numba.set_num_threads(min(threads or most, most))
    started = time.perf_counter()
    try:
        for lo in range(0, len(conditions), batch):
            part = slice(lo, min(lo + batch, len(conditions)))
            tasks = (part.stop - part.start) * n_chunks
            acc = [np.zeros((tasks, n_windows, n)), np.zeros((tasks, n_windows, n)),
                   np.zeros((tasks, n), dtype=np.int64),
                   np.zeros((tasks, n_windows, n_states)),
                   np.zeros((tasks, n_states), dtype=np.int64)]
            run_chunks(compiled.code, compiled.code_start, compiled.dependents,
                       compiled.dep_start, compiled.stack_size, up[part], down[part],
                       init[part], keys[part], seed64, n_trajectories, n_chunks,
                       float(max_time), float(tick), out_bit, *acc)
            for total, chunked in zip((sums, sumsq, final_on, state_time, state_final), acc,
                                      strict=True):
                total[part] = chunked.reshape(-1, n_chunks, *chunked.shape[1:]).sum(axis=1)
    finally:
        numba.set_num_threads(previous)
    seconds = time.perf_counter() - started
    return _result(network, names, outputs, tick, n_trajectories, seconds, sums, sumsq,
                   final_on, state_time, state_final)


def _result(network, names, outputs, tick, n_traj, seconds, sums, sumsq, final_on,
            state_time, state_final) -> SimulationResult:
    n_windows, n = sums.shape[1:]
    mean = sums / n_traj
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = np.clip(sumsq - sums * mean, 0.0, None) / (n_traj - 1)
    stderr = np.sqrt(variance / n_traj)
    times = np.arange(n_windows) * tick
    rows = pd.MultiIndex.from_product([names, times], names=["condition", "time"])
    columns = pd.Index(network.nodes, name="node")
    conditions = pd.Index(names, name="condition")
    final = final_on / n_traj
    states = final_states = None
    if outputs:
        labels = _state_labels(outputs)
        seen = (state_time.reshape(-1, len(labels)) > 0).any(axis=0)
        seen |= (state_final > 0).any(axis=0)
        keep = [label for label, s in zip(labels, seen, strict=True) if s]
        states = pd.DataFrame(state_time.reshape(-1, len(labels))[:, seen] / n_traj,
                              index=rows, columns=pd.Index(keep, name="state"))
        final_states = pd.DataFrame(state_final[:, seen] / n_traj, index=conditions,
                                    columns=pd.Index(keep, name="state"))
    return SimulationResult(
        probabilities=pd.DataFrame(mean.reshape(-1, n), index=rows, columns=columns),
        stderr=pd.DataFrame(stderr.reshape(-1, n), index=rows, columns=columns),
        final=pd.DataFrame(final, index=conditions, columns=columns),
        final_stderr=pd.DataFrame(np.sqrt(final * (1 - final) / n_traj), index=conditions,
                                  columns=columns),
        states=states, final_states=final_states, n_trajectories=n_traj, seconds=seconds)
