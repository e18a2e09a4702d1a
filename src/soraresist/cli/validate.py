"""`soraresist validate`: run scenario files (the review's set by default) and score the claims."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import click
import pandas as pd

from soraresist.analysis import (
    DEFAULT_SAMPLES,
    EFFECT_THRESHOLD,
    STATUSES,
    load_scenarios,
    review_scenario_file,
    run_scenarios,
    write_report,
)
from soraresist.cli.simulate import unit_number
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import BooleanNetwork, model_spec, resolve_node, sorafenib_model


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 6)


def _json(results: pd.DataFrame) -> str:
    rows = [{"id": r.id, "status": r.status, "expected": _text(r.expected) or None,
             "predicted": _text(r.predicted) or None,
             "effect": _number(r.effect), "stderr": _number(r.stderr),
             "borderline": bool(r.borderline), "message": r.message}
            for r in results.itertuples(index=False)]
    summary = {status: int((results.status == status).sum()) for status in STATUSES}
    return json.dumps({"results": rows, "summary": summary}, ensure_ascii=False, indent=1)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _tumour(items: tuple[str, ...]) -> BooleanNetwork:
    """The sorafenib model with the reference tumour's composition changed by NAME=FRACTION items.

    NAME is a free input of the model (or a gene or synonym standing for one); FRACTION, the
    share of cells in which it is on, lies in [0, 1].
    """
    network = sorafenib_model()
    fractions: dict[str, float] = {}
    for item in items:
        name, equals, text = (part.strip() for part in item.partition("="))
        if not equals:
            raise InvalidValueError(f"--input '{item}': expected NAME=FRACTION")
        try:
            nodes = resolve_node(name, network)
        except UnknownNameError:
            raise UnknownNameError("free input of the model", name, network.inputs) from None
        if len(nodes) != 1 or nodes[0] not in network.inputs:
            raise InvalidValueError(f"--input {name}: {', '.join(nodes)} follows its rule,"
                                    f" so only a free input can be set; free inputs: "
                                    f"{', '.join(network.inputs)}")
        fractions[nodes[0]] = unit_number(text, "fraction", f"--input {name}")
    return network.replace(initial=fractions)


def _table(results: pd.DataFrame) -> str:
    cells = [("id", "expected", "predicted", "effect ± error", "status")]
    for r in results.itertuples(index=False):
        effect = "" if math.isnan(r.effect) else f"{r.effect:+.3f} ± {r.stderr:.3f}"
        cells.append((r.id, _text(r.expected), _text(r.predicted), effect,
                      r.status + (" ~" if r.borderline else "")))
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in cells)


@click.command()
@click.option("--scenarios", "files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Scenario file (YAML, or JSON by its .json suffix); repeatable "
                   "[the review's set].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a report by mechanism family: FILE.md (charts as PNG files in a "
                   "folder beside it) or FILE.html (charts embedded).")
@click.option("--samples", type=click.IntRange(min=10), default=DEFAULT_SAMPLES,
              show_default=True, help="Trajectories per arm.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--threads", type=click.IntRange(min=1), help="Worker threads [all cores].")
@click.option("--input", "inputs", multiple=True, metavar="NAME=FRACTION",
              help="Fraction of cells in which a free input of the model is on (the reference "
                   "tumour's composition: EGF, OxygenDemand, ImmuneInfiltrate...); repeatable.")
def validate(files: tuple[Path, ...], *, as_json: bool, report: Path | None, samples: int,
             seed: int, threads: int | None, inputs: tuple[str, ...]) -> None:
    """Run every scenario through the model and say which claims it reproduces.

    A direction is called only when the effect exceeds both the threshold (0.05 on
    probabilities and on the viability index) and three standard errors; '~' marks a call that
    a shift of two standard errors would change. Failing claims are
    findings, not errors: the exit status is 0; a malformed scenario file gives 2.
    """
    if report is not None and report.suffix.lower() not in (".md", ".html", ".htm"):
        raise click.BadParameter(f"'{report}': the report must end in .md or .html",
                                 param_hint="--report")
    scenarios = load_scenarios(*(files or (review_scenario_file(),)))
    network = _tumour(inputs)
    start = time.perf_counter()
    results = run_scenarios(scenarios, n_trajectories=samples, seed=seed, threads=threads,
                            network=network)
    seconds = time.perf_counter() - start
    if report is not None:
        changed = {n: network.initial[n] for n in network.inputs
                   if network.initial[n] != sorafenib_model().initial[n]}
        write_report(results, report, {"model version": model_spec()["version"],
                                       **{f"{n} on in": f"{p:g} of cells" for n, p in
                                          changed.items()},
                                       "scenarios": len(scenarios), "samples": samples,
                                       "seed": seed})
    if as_json:
        click.echo(_json(results))
        return
    counts = {s: int((results.status == s).sum()) for s in STATUSES}
    click.echo(_table(results))
    click.echo(f"{counts['pass']} passed, {counts['fail']} failed")
    click.echo(f"{counts['out_of_scope']} out of scope, {counts['untestable']} untestable, "
               f"{counts['error']} errors")
    if results.borderline.any():
        click.echo(f"~ {int(results.borderline.sum())} calls would change if the effect moved by "
                   "two standard errors (near the threshold); another seed may call them "
                   "otherwise")
    click.echo(f"({len(scenarios)} scenarios, {samples} samples per arm, seed {seed}, threshold "
               f"{EFFECT_THRESHOLD}, {seconds:.1f} s)", err=True)
