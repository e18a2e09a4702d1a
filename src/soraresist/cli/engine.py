"""`soraresist engine ...`: simulate any Boolean model (.bnet or MaBoSS .bnd/.cfg)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click

from soraresist.engine import Condition, simulate
from soraresist.model import BooleanNetwork
from soraresist.model.io import MaBoSSSettings, read_bnet, read_maboss

_INITIAL = {"random": 0.5, "zeros": 0.0, "ones": 1.0}


@click.group()
def engine() -> None:
    """Run the generic stochastic Boolean engine on any model file."""


def _load(model: Path, cfg: Path | None) -> tuple[BooleanNetwork, MaBoSSSettings]:
    if model.suffix == ".bnet":
        if cfg is not None:
            raise click.BadParameter("--cfg goes with a MaBoSS .bnd model, not .bnet",
                                     param_hint="--cfg")
        return read_bnet(model), MaBoSSSettings()
    if model.suffix == ".bnd":
        sibling = model.with_suffix(".cfg")
        return read_maboss(model, cfg or (sibling if sibling.exists() else None))
    raise click.BadParameter(f"'{model.name}' is neither .bnet nor .bnd", param_hint="MODEL")


def _fixed(settings: tuple[str, ...]) -> Condition:
    off, on = [], []
    for item in settings:
        node, _, value = item.partition("=")
        if value not in ("0", "1") or not node:
            raise click.BadParameter(f"'{item}': expected NODE=0 or NODE=1", param_hint="--set")
        (on if value == "1" else off).append(node)
    return Condition("default", off=tuple(off), on=tuple(on))


def _finite(values) -> list[float | None]:
    return [None if math.isnan(v) else float(v) for v in values]


@engine.command("run")
@click.argument("model", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cfg", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="MaBoSS cfg (default: MODEL.cfg next to a .bnd, if present).")
@click.option("--samples", type=click.IntRange(min=1),
              help="Trajectories [cfg sample_count, else 1000].")
@click.option("--time", "max_time", type=click.FloatRange(min=0, min_open=True),
              help="Simulated time [cfg max_time, else 10].")
@click.option("--tick", type=click.FloatRange(min=0, min_open=True),
              help="Window width [cfg time_tick, else 1].")
@click.option("--seed", type=int, help="Random seed [cfg seed_pseudorandom, else 0].")
@click.option("--threads", type=click.IntRange(min=1),
              help="Worker threads [cfg thread_count, else all cores].")
@click.option("--initial", type=click.Choice(list(_INITIAL)),
              help="Start every node on with probability 1/2, 0 or 1 [.bnet: random; "
                   ".bnd: the cfg's istate].")
@click.option("--set", "fixed", multiple=True, metavar="NODE=VALUE",
              help="Hold NODE off (0) or on (1) for the whole run; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def run(model: Path, cfg: Path | None, samples: int | None, max_time: float | None,
        tick: float | None, seed: int | None, threads: int | None, initial: str | None,
        fixed: tuple[str, ...], as_json: bool) -> None:  # noqa: FBT001
    """Simulate MODEL (.bnet, or MaBoSS .bnd with its .cfg) and report node probabilities."""
    network, settings = _load(model, cfg)
    if initial is not None:
        network = network.replace(initial=dict.fromkeys(network.nodes, _INITIAL[initial]))
    result = simulate(network, [_fixed(fixed)],
                      n_trajectories=samples or settings.sample_count or 1000,
                      max_time=max_time or settings.max_time or 10.0,
                      tick=tick or settings.time_tick or 1.0,
                      seed=seed if seed is not None else settings.seed or 0,
                      threads=threads or settings.thread_count)
    probabilities = result.probabilities.loc["default"]
    stderr = result.stderr.loc["default"]
    final = result.final.loc["default"]
    if as_json:
        click.echo(json.dumps({
            "nodes": list(network.nodes),
            "times": [float(t) for t in probabilities.index],
            "probabilities": {n: _finite(probabilities[n]) for n in network.nodes},
            "stderr": {n: _finite(stderr[n]) for n in network.nodes},
            "final": {n: float(final[n]) for n in network.nodes},
            "trajectories": result.n_trajectories,
            "seconds": result.seconds,
        }))
        return
    table = final.to_frame("p(max_time)")
    table["stderr"] = result.final_stderr.loc["default"]
    table[f"window {probabilities.index[-1]:g}"] = probabilities.iloc[-1]
    click.echo(table.to_string(float_format=lambda v: f"{v:.4f}"))
    click.echo(f"{result.n_trajectories} trajectories in {result.seconds:.3f} s")
