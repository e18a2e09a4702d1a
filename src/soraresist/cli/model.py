"""`soraresist model ...`: explain, list, export and draw the sorafenib/HCC network."""

from __future__ import annotations

from pathlib import Path

import click

from soraresist.analysis import READOUT_TIME
from soraresist.cli.simulate import PLOT_SUFFIXES, check_output_path, split_efficacy
from soraresist.errors import UnknownNameError
from soraresist.model import (
    BooleanNetwork,
    apply_drugs,
    draw_network,
    explain,
    model_spec,
    resolve_node,
    sorafenib_model,
)
from soraresist.model.io import MaBoSSSettings, write_bnet, write_maboss, write_sbml_qual

FORMATS = ("bnet", "maboss", "sbml")
MABOSS_SETTINGS = MaBoSSSettings(sample_count=2000, max_time=READOUT_TIME, time_tick=1.0)
"""Run settings written into an exported cfg: those of `soraresist simulate`."""


@click.group()
def model() -> None:
    """The sorafenib/HCC network: its rules with their evidence, exports and a picture."""


@model.command("explain")
@click.argument("node")
def explain_command(node: str) -> None:
    """Print NODE's rule and, for each regulator, its evidence and the review's references.

    NODE is a node id or any name it stands for (a gene, miRNA or synonym: MAPK3, HIF-2α).
    """
    click.echo("\n\n".join(explain(name) for name in resolve_node(node)))


@model.command("nodes")
@click.option("--module", help="Only the nodes of this module.")
def nodes_command(module: str | None) -> None:
    """One line per node, tab-separated: id, module, kind, initial value, members."""
    spec = model_spec()
    if module is not None and module not in spec["modules"]:
        raise UnknownNameError("module", module, list(spec["modules"]))
    network = sorafenib_model()
    phenotypes = set(spec["phenotypes"])
    click.echo("id\tmodule\tkind\tinitial\tmembers")
    for entry in spec["nodes"]:
        if module is not None and entry["module"] != module:
            continue
        name = entry["id"]
        kind = ("phenotype" if name in phenotypes else "input" if name in network.inputs
                else "node")
        members = ",".join(str(m) for m in entry.get("members") or [])
        click.echo(f"{name}\t{entry['module']}\t{kind}\t{network.initial[name]:g}\t{members}")


def _treated(drugs: tuple[str, ...]) -> BooleanNetwork:
    return apply_drugs(sorafenib_model(), [split_efficacy(item, "drug") for item in drugs])


@model.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="bnet (BoolNet), maboss (.bnd + .cfg) or sbml (SBML-qual).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write (for maboss, see the description above).")
@click.option("--drug", "drugs", multiple=True, metavar="NAME[=EFFICACY]",
              help="Add a drug node (on in a fraction EFFICACY of trajectories) and rewrite "
                   "its targets' rules; repeatable.")
def export_command(fmt: str, out: Path, drugs: tuple[str, ...]) -> None:
    """Write the network (rules, rates, initial probabilities) in an exchange format.

    maboss writes two files: OUT ending in .bnd gets its .cfg beside it (model.bnd,
    model.cfg); any other OUT gets both suffixes appended (OUT.bnd, OUT.cfg). The cfg carries
    the settings of `soraresist simulate` (2000 samples, max_time 30, time_tick 1). The .bnet
    format holds rules only (rates and initial values are lost there).
    """
    check_output_path(out, "--out")
    network = _treated(drugs)
    if fmt == "bnet":
        write_bnet(network, out)
        written = [out]
    elif fmt == "sbml":
        write_sbml_qual(network, out)
        written = [out]
    else:
        bnd = out if out.suffix == ".bnd" else out.with_name(out.name + ".bnd")
        cfg = bnd.with_suffix(".cfg")
        write_maboss(network, bnd, cfg, MABOSS_SETTINGS)
        written = [bnd, cfg]
    click.echo(f"{len(network.nodes)} nodes written to {', '.join(map(str, written))}")


@model.command("draw")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Picture file (.png, .svg or .pdf).")
@click.option("--no-drugs", is_flag=True, help="Leave out the drugs of the library.")
@click.option("--dpi", type=click.IntRange(min=20, max=600), default=100, show_default=True,
              help="Resolution of a .png.")
def draw_command(out: Path, *, no_drugs: bool, dpi: int) -> None:
    """Draw the network: nodes coloured by module, phenotypes as stars, drugs as diamonds."""
    check_output_path(out, "--out", PLOT_SUFFIXES)
    draw_network(drugs=not no_drugs).savefig(out, dpi=dpi)
    click.echo(f"network drawn to {out}")
