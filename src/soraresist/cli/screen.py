"""`soraresist screen`: drug combination screen with synergy scores, here or on a Dask cluster."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pandas as pd

from soraresist.analysis import (
    DEFAULT_DOSES,
    SUMMARY_READOUTS,
    mechanism,
    plot_response_surface,
    plot_synergy_heatmap,
    screen,
    synergy,
    synergy_summary,
)
from soraresist.errors import OutputPathError

_CONNECT_TIMEOUT = "10s"  # how long to wait for a Dask scheduler before giving up
_PRINTED = 20  # ranked lines printed; the whole ranking is in ranking.tsv


def _doses(_ctx: click.Context, _param: click.Parameter, text: str) -> tuple[float, ...]:
    try:
        values = tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a comma-separated list of numbers; doses "
                                 "are efficacies in (0, 1], e.g. 0.25,0.5,0.75,1") from None
    bad = [x for x in values if not 0.0 < x <= 1.0]
    if bad or not values:
        shown = f"{bad[0]:g}" if bad else "nothing"
        raise click.BadParameter(f"dose {shown} is outside the allowed range (0, 1]")
    return values


def _client(address: str):
    from distributed import Client

    try:
        return Client(address, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise click.ClickException(f"cannot reach the Dask scheduler at {address} within "
                                   f"{_CONNECT_TIMEOUT}: {reason}") from None


def _cell(value: object) -> object:
    return ",".join(map(str, value)) if isinstance(value, list) else value


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)


@click.command("screen")
@click.option("--drugs", help="Comma-separated drug names (with the backbone, each is paired "
              "with it). Default: every library drug with a modelled target.")
@click.option("--all", "all_pairs", is_flag=True,
              help="All combinations of the whole library, without a backbone.")
@click.option("--backbone", default="sorafenib", show_default=True,
              help="Drug in every combination; 'none' for all combinations of --drugs.")
@click.option("--max-order", type=click.IntRange(1, 3), default=2, show_default=True,
              help="Largest number of drugs per combination.")
@click.option("--doses", default=",".join(f"{d:g}" for d in DEFAULT_DOSES), show_default=True,
              callback=_doses, help="Efficacies in (0, 1] at which each drug is given.")
@click.option("--samples", type=click.IntRange(min=2), default=2000, show_default=True,
              help="Trajectories per condition.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--threads", type=click.IntRange(min=1),
              help="Engine threads here [all cores]; per task on a cluster [1].")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Conditions per batch (part file, cluster task).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler (e.g. tcp://host:8786) to run the batches on.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("screen"), show_default=True, help="Folder for all outputs.")
@click.option("--resume", is_flag=True, help="Continue the screen already in --out.")
@click.option("--surfaces", type=click.IntRange(min=0), default=3, show_default=True,
              help="Dose-response surfaces drawn for the top pairs.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def screen_command(drugs: str | None, *, all_pairs: bool, backbone: str, max_order: int,
                   doses: tuple[float, ...], samples: int, seed: int, threads: int | None,
                   batch_size: int, scheduler: str | None, out_dir: Path, resume: bool,
                   surfaces: int, quiet: bool) -> None:
    """Screen drug combinations on the model and rank them by Bliss synergy.

    Default: every library drug paired with sorafenib, each at every (sorafenib dose, drug
    dose) of the grid, plus each drug alone. Writes results.parquet and results.tsv (viability
    and phenotypes per condition), synergy.tsv (every dose point), ranking.tsv, mechanism.tsv,
    synergy_heatmap.png and surface_<pair>.png for the top pairs into --out.
    """
    if drugs and all_pairs:
        raise click.UsageError("give --drugs or --all, not both")
    names = [d.strip() for d in drugs.split(",") if d.strip()] if drugs else None
    chosen = None if all_pairs or backbone.casefold() == "none" else backbone
    client = _client(scheduler) if scheduler else None
    try:
        result = screen(names, backbone=chosen, max_order=max_order, doses=doses,
                        n_trajectories=samples, seed=seed, out_dir=out_dir, resume=resume,
                        client=client, threads=threads, batch_size=batch_size,
                        progress=not quiet)
    finally:
        if client is not None:
            client.close()
    _write_outputs(result, out_dir, surfaces)


def _write_outputs(result, out_dir: Path, surfaces: int) -> None:
    try:
        table = result.table(SUMMARY_READOUTS)
        table.to_parquet(out_dir / "results.parquet", index=False)
        table.to_csv(out_dir / "results.tsv", sep="\t", index=False)
        cells = synergy(result)
        cells.to_csv(out_dir / "synergy.tsv", sep="\t", index=False)
        ranking = synergy_summary(result)
        ranking.to_csv(out_dir / "ranking.tsv", sep="\t", index=False)
        why = mechanism(result)
        why.assign(evidence_ids=why.evidence_ids.map(_cell)).to_csv(
            out_dir / "mechanism.tsv", sep="\t", index=False)
        pairs = ranking[ranking.order == 2]
        if not pairs.empty:
            plot_synergy_heatmap(cells).savefig(out_dir / "synergy_heatmap.png", dpi=150)
            for combination in pairs.combination.head(surfaces):
                a, b = combination.split("+")
                plot_response_surface(result, a, b).savefig(
                    out_dir / f"surface_{_safe(combination)}.png", dpi=120)
    except OSError as exc:
        raise OutputPathError(f"cannot write the screen outputs into {out_dir}: {exc}") from exc
    _print_ranking(ranking, why, out_dir, result.seconds, len(result.design))


def _print_ranking(ranking: pd.DataFrame, why: pd.DataFrame, out_dir: Path, seconds: float,
                   n_conditions: int) -> None:
    click.echo(f"{n_conditions} conditions in {seconds:.1f} s; outputs in {out_dir}")
    click.echo("rank\tcombination\tbliss\tse\thsa\tse\tcall\tmechanism")
    nodes = why.groupby("combination").node.agg(",".join) if len(why) else pd.Series(dtype=str)
    for row in ranking.head(_PRINTED).itertuples(index=False):
        click.echo(f"{row.rank}\t{row.combination}\t{row.bliss:+.3f}\t{row.bliss_se:.3f}\t"
                   f"{row.hsa:+.3f}\t{row.hsa_se:.3f}\t{row.call}\t"
                   f"{nodes.get(row.combination, '')}")
    if len(ranking) > _PRINTED:
        click.echo(f"... {len(ranking) - _PRINTED} more in {out_dir / 'ranking.tsv'}")
