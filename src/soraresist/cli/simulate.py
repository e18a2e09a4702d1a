"""`soraresist simulate`: one arm of drugs and perturbations against the untreated model."""

from __future__ import annotations

import math
from pathlib import Path

import click
import pandas as pd

from soraresist.analysis import (
    PARTIAL_TYPES,
    READOUT_TIME,
    SUMMARY_READOUTS,
    UNTREATED,
    Arm,
    Perturbation,
    arm_name,
    plot_time_courses,
    simulate_time_courses,
)
from soraresist.errors import InvalidValueError, OutputPathError
from soraresist.model import resolve_drug

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
_OPTIONS = (("knockout", "knockout"), ("knockdown", "knockdown"),
            ("overexpress", "overexpression"), ("inhibit", "inhibitor"), ("activate", "activator"))


def unit_number(text: str, quantity: str, where: str) -> float:
    """A user's number in [0, 1] (an efficacy, a fraction of cells), refused otherwise.

    The message reads ``{quantity} '{text}' of {where} is not allowed``.
    """
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise InvalidValueError(f"{quantity} '{text}' of {where} is not allowed; give a number "
                                "in [0, 1]")
    return value


def split_efficacy(item: str, option: str) -> tuple[str, float | None]:
    """NAME or NAME=EFFICACY, as the options of `simulate` and `model export` take them."""
    name, equals, value = item.partition("=")
    name = name.strip()
    if not name:
        raise InvalidValueError(f"--{option} '{item}': expected NAME or NAME=EFFICACY")
    return name, unit_number(value, "efficacy", f"--{option} {name}") if equals else None


def _positive(name: str, value: float, allowed: str) -> None:
    if not (math.isfinite(value) and value > 0):
        raise InvalidValueError(f"{name} is {value:g}; {allowed}")


def check_output_path(path: Path | None, option: str, suffixes: tuple[str, ...] = ()) -> None:
    """Refuse an output file before any work is done: its name must end in one of `suffixes`
    (when given) and its folder must exist."""
    if path is None:
        return
    if suffixes and path.suffix.lower() not in suffixes:
        raise InvalidValueError(f"{option} '{path}': use a file ending in {', '.join(suffixes)}")
    if not path.resolve().parent.is_dir():
        raise OutputPathError(f"{option} '{path}': folder '{path.parent}' does not exist")


def build_arm(drugs: tuple[str, ...], perturbations: dict[str, tuple[str, ...]]) -> Arm:
    """The treated arm, named after what it applies (the name seeds its random stream)."""
    doses = [(resolve_drug(name), efficacy)  # an unknown drug fails here, with the closest names
             for name, efficacy in (split_efficacy(item, "drug") for item in drugs)]
    changes = []
    for option, kind in _OPTIONS:
        for item in perturbations[option]:
            target, efficacy = split_efficacy(item, option)
            if efficacy is not None and kind not in PARTIAL_TYPES:
                raise InvalidValueError(f"--{option} {target} takes no efficacy (only "
                                        "--knockdown, --inhibit and --activate do)")
            change = Perturbation(target, kind, 1.0 if efficacy is None else efficacy)
            change.nodes()  # an unknown node fails here, with the closest names
            changes.append(change)
    return Arm(arm_name(doses, changes), tuple(doses), tuple(changes))


def _cell(value: float, error: float) -> str:
    return f"{value:.3f} ± {error:.3f}"


def _report(table: pd.DataFrame, arm: Arm, max_time: float) -> list[str]:
    """Lines comparing the arm with the untreated reference at ``max_time``."""
    final = table[table["time"] == max_time].set_index(["readout", "arm"])
    width = max(len(r.split(":")[-1]) for r in SUMMARY_READOUTS) + 2
    treated = arm.name != UNTREATED
    header = f"{'readout':<{width}}{'untreated':<17}"
    if treated:
        header += f"{'treated':<17}difference"
    lines = [header.rstrip()]
    for readout in SUMMARY_READOUTS:
        base = final.loc[(readout, UNTREATED)]
        line = f"{readout.split(':')[-1]:<{width}}{_cell(base.value, base.stderr):<17}"
        if treated:
            row = final.loc[(readout, arm.name)]
            spread = math.hypot(row.stderr, base.stderr)
            mark = " *" if abs(row.value - base.value) > 3 * spread else ""
            line += f"{_cell(row.value, row.stderr):<17}{row.value - base.value:+.3f} ± " \
                    f"{spread:.3f}{mark}"
        lines.append(line.rstrip())
    return lines


@click.command("simulate")
@click.option("--drug", "drugs", multiple=True, metavar="NAME[=EFFICACY]",
              help="Drug of the library (name or synonym), efficacy in [0, 1] [library "
                   "default]; repeatable.")
@click.option("--knockout", multiple=True, metavar="NODE", help="Hold NODE off; repeatable.")
@click.option("--knockdown", multiple=True, metavar="NODE[=EFFICACY]",
              help="Switch NODE off in a fraction EFFICACY of cells [1]; repeatable.")
@click.option("--overexpress", multiple=True, metavar="NODE", help="Hold NODE on; repeatable.")
@click.option("--inhibit", multiple=True, metavar="NODE[=EFFICACY]",
              help="Inhibit NODE's activity (its rule AND NOT a control on in a fraction "
                   "EFFICACY of cells) [1]; repeatable.")
@click.option("--activate", multiple=True, metavar="NODE[=EFFICACY]",
              help="Activate NODE (its rule OR a control) [1]; repeatable.")
@click.option("--samples", type=int, default=2000, show_default=True,
              help="Trajectories per arm (>= 1).")
@click.option("--time", "max_time", type=float, default=READOUT_TIME, show_default=True,
              help="Read-out time (> 0).")
@click.option("--tick", type=float, default=1.0, show_default=True,
              help="Width of the time windows of --out and --plot (> 0).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the time courses of every read-out and node as TSV.")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw the phenotype and viability time courses (.png, .svg or .pdf).")
def simulate(drugs: tuple[str, ...], knockout: tuple[str, ...], knockdown: tuple[str, ...],
             overexpress: tuple[str, ...], inhibit: tuple[str, ...], activate: tuple[str, ...],
             samples: int, max_time: float, tick: float, seed: int, out: Path | None,
             plot: Path | None) -> None:
    """Simulate the sorafenib/HCC model with drugs and perturbations, next to the untreated model.

    Prints the phenotype probabilities and the viability index at the read-out time with their
    standard errors; '*' marks a difference beyond three standard errors. NODE may be a model
    node, a gene or miRNA it stands for, or a synonym (MAPK3, HIF-2α).
    """
    if samples < 1:
        raise InvalidValueError(f"--samples is {samples}; give a whole number >= 1")
    _positive("--time", max_time, "give a number > 0")
    _positive("--tick", tick, "give a number > 0")
    check_output_path(out, "--out")
    check_output_path(plot, "--plot", PLOT_SUFFIXES)
    arm = build_arm(drugs, {"knockout": knockout, "knockdown": knockdown,
                            "overexpress": overexpress, "inhibit": inhibit,
                            "activate": activate})
    arms = [Arm(UNTREATED)] + ([arm] if arm.name != UNTREATED else [])
    table = simulate_time_courses(arms, n_trajectories=samples, max_time=max_time, tick=tick,
                                  seed=seed)
    click.echo(f"{samples} trajectories per arm, read-out at t = {max_time:g}, seed {seed}")
    if arm.name != UNTREATED:
        click.echo(f"treated: {arm.name}")
        for p in arm.perturbations:
            click.echo(f"  {p.target} -> {', '.join(p.nodes())}")
    for line in _report(table, arm, max_time):
        click.echo(line)
    if arm.name != UNTREATED:
        click.echo("* difference beyond 3 standard errors")
    if out is not None:
        table.to_csv(out, sep="\t", index=False, float_format="%.6g")
        click.echo(f"time courses written to {out}")
    if plot is not None:
        plot_time_courses(table).savefig(plot, dpi=150)
        click.echo(f"plot written to {plot}")
