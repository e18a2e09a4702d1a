"""Combination screens: single drugs, pairs and triples at a grid of doses, local or on Dask.

A screen is a fixed list of arms (conditions), cut into batches. Every batch runs on one network
that already holds the node of every drug of the screen (switched off), and each arm's random
stream depends only on its name and the seed, so an arm gives the same numbers in any batch, on
any worker, alone or resumed. That is what makes a screen resumable and distributable: batches
are written as Parquet part files (temporary name, then an atomic rename) next to a manifest,
and a resumed screen runs only the batches whose part file is missing.

What is screened
----------------
Without a backbone: every drug of the list alone at every dose, and every combination of
``2 .. max_order`` drugs of the list at every point of the dose grid (``len(doses) ** order``
points). With a backbone (default sorafenib): the backbone alone and every other drug alone at
every dose, and the backbone plus every ``order - 1`` other drugs at every point of the grid; so
"all pairs with sorafenib" means sorafenib + X for each X, at each of the 16 (sorafenib dose,
X dose) pairs of the default 4 doses. The untreated arm is always included (inhibition is
measured against it).
"""

from __future__ import annotations

import itertools
import json
import os
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from soraresist.analysis._arms import READOUT_TIME, UNTREATED, Arm, arm_name, simulate_arms
from soraresist.errors import InvalidValueError, OutputPathError
from soraresist.model import (
    PHENOTYPES,
    BooleanNetwork,
    apply_drugs,
    drug,
    drug_library,
    format_expression,
    resolve_drug,
    sorafenib_model,
)

__all__ = ["DEFAULT_DOSES", "SUMMARY_READOUTS", "ScreenResult", "load_screen",
           "screen", "screen_drugs"]

DEFAULT_DOSES = (0.25, 0.5, 0.75, 1.0)
SUMMARY_READOUTS = ("viability", *(f"phenotype:{name}" for name in PHENOTYPES))
MAX_ORDER = 3
_MANIFEST = "manifest.json"
_PARTS = "parts"
_FORMAT = {"format": "soraresist-screen", "version": 1}


def screen_drugs(drugs: Sequence[str] | None = None, *,
                 backbone: str | None = "sorafenib") -> tuple[str | None, list[str]]:
    """The backbone's id and the partner ids of a screen, every name checked first.

    Parameters
    ----------
    drugs
        Drug names as users write them; ``None`` takes every library drug with a modelled
        target.
    backbone
        A drug in every combination, or ``None``.

    Returns
    -------
    The backbone id (or ``None``) and the other drugs' ids, in the given order, without
    duplicates and without the backbone.

    Raises
    ------
    UnknownNameError
        For an unknown drug, with the closest names.
    InvalidValueError
        For a named drug that has no modelled target (it could only repeat the untreated arm).

    Examples
    --------
    >>> screen_drugs(["AMD3100", "erlotinib", "Sorafenib"])
    ('sorafenib', ['plerixafor', 'erlotinib'])
    """
    chosen = resolve_drug(backbone) if backbone is not None else None
    if drugs is None:
        library = drug_library().dropna(subset=["node"])
        ids = list(dict.fromkeys(library.drug))
    else:
        ids = list(dict.fromkeys(resolve_drug(name) for name in drugs))
        for name in ids:
            if not drug(name).effects:
                raise InvalidValueError(f"drug '{name}' has no modelled target; a screen can "
                                        "only use drugs that act on model nodes")
    if chosen is not None and not drug(chosen).effects:
        raise InvalidValueError(f"backbone '{chosen}' has no modelled target")
    return chosen, [d for d in ids if d != chosen]


def _checked_doses(doses: Sequence[float]) -> tuple[float, ...]:
    values = tuple(float(x) for x in doses)
    if not values:
        raise InvalidValueError("no dose given; doses are efficacies in (0, 1]")
    for x in values:
        if not 0.0 < x <= 1.0:
            raise InvalidValueError(f"dose {x:g} is outside (0, 1]; doses are efficacies, "
                                    "0 is the untreated arm")
    if len(set(values)) != len(values):
        raise InvalidValueError(f"doses {list(values)} repeat a value")
    return tuple(sorted(values))


def _combinations(backbone: str | None, partners: list[str], max_order: int
                  ) -> Iterator[tuple[str, ...]]:
    """Drug combinations of order 1 .. max_order, backbone first when there is one."""
    singles = ([backbone] if backbone else []) + partners
    yield from ((d,) for d in singles)
    for order in range(2, max_order + 1):
        if backbone:
            for rest in itertools.combinations(partners, order - 1):
                yield (backbone, *rest)
        else:
            yield from itertools.combinations(partners, order)


def _design(variants: Sequence[str], backbone: str | None, partners: list[str],
            max_order: int, doses: tuple[float, ...]) -> pd.DataFrame:
    """One row per (variant, arm): order, combination, drug_k and dose_k columns."""
    rows = []
    for variant in variants:
        rows.append({"variant": variant, "arm": UNTREATED, "order": 0, "combination": UNTREATED})
        for combo in _combinations(backbone, partners, max_order):
            for grid in itertools.product(doses, repeat=len(combo)):
                row: dict[str, Any] = {"variant": variant,
                                       "arm": arm_name(zip(combo, grid, strict=True)),
                                       "order": len(combo), "combination": "+".join(combo)}
                for k, (name, dose) in enumerate(zip(combo, grid, strict=True), start=1):
                    row[f"drug_{k}"], row[f"dose_{k}"] = name, dose
                rows.append(row)
    design = pd.DataFrame(rows)
    for k in range(1, MAX_ORDER + 1):
        if f"drug_{k}" not in design:
            design[f"drug_{k}"], design[f"dose_{k}"] = None, float("nan")
    columns = ["variant", "arm", "order", "combination"]
    columns += [c for k in range(1, MAX_ORDER + 1) for c in (f"drug_{k}", f"dose_{k}")]
    return design[columns]


def _arm(row: Mapping[str, Any]) -> Arm:
    drugs = tuple((row[f"drug_{k}"], float(row[f"dose_{k}"]))
                  for k in range(1, int(row["order"]) + 1))
    return Arm(row["arm"], drugs=drugs)


@dataclass(frozen=True)
class ScreenResult:
    """A finished screen: its design, settings and where its readouts are.

    Attributes
    ----------
    design
        One row per (variant, arm): ``order`` (0 for untreated), ``combination`` (drug ids
        joined by ``+``, backbone first), ``drug_k`` / ``dose_k`` for k = 1..3.
    settings
        The arguments that define the screen (the manifest's).
    out_dir
        Folder of the part files, or ``None`` for a screen kept in memory.
    seconds
        Wall time of the run that returned this result (0 for a loaded screen).
    """

    design: pd.DataFrame
    settings: dict[str, Any]
    out_dir: Path | None = None
    seconds: float = 0.0
    memory: pd.DataFrame | None = field(default=None, repr=False)

    def readouts(self, readouts: Sequence[str] | None = SUMMARY_READOUTS, *,
                 arms: Sequence[str] | None = None) -> pd.DataFrame:
        """Long table variant, arm, readout, value, stderr, in design order.

        Parameters
        ----------
        readouts
            Readout names to keep (``viability``, ``phenotype:NAME``, ``node:NAME``); ``None``
            keeps all. Only these rows are read from the part files, so memory follows the
            selection, not the screen.
        arms
            Arm names to keep; ``None`` keeps all.
        """
        if self.out_dir is None:
            table = self.memory if self.memory is not None else pd.DataFrame()
            if readouts is not None:
                table = table[table.readout.isin(list(readouts))]
            if arms is not None:
                table = table[table.arm.isin(list(arms))]
        else:
            import pyarrow.dataset as ds

            if not any((self.out_dir / _PARTS).glob("part-*.parquet")):
                return pd.DataFrame(columns=["variant", "arm", "readout", "value", "stderr"])
            dataset = ds.dataset(self.out_dir / _PARTS, format="parquet")
            where = None
            if readouts is not None:
                where = ds.field("readout").isin(list(readouts))
            if arms is not None:
                chosen = ds.field("arm").isin(list(arms))
                where = chosen if where is None else where & chosen
            table = dataset.to_table(filter=where).to_pandas()
        return self._ordered(table, readouts)

    def _ordered(self, table: pd.DataFrame, readouts: Sequence[str] | None) -> pd.DataFrame:
        position = {key: i for i, key in enumerate(zip(self.design.variant, self.design.arm,
                                                       strict=True))}
        keys = [position[key] for key in zip(table.variant, table.arm, strict=True)]
        order = list(readouts) if readouts is not None else list(dict.fromkeys(table.readout))
        rank = {name: i for i, name in enumerate(order)}
        table = table.assign(_arm=keys, _readout=[rank[r] for r in table.readout])
        table = table.sort_values(["_arm", "_readout"], kind="stable")
        return table.drop(columns=["_arm", "_readout"]).reset_index(drop=True)

    def table(self, readouts: Sequence[str] | None = SUMMARY_READOUTS) -> pd.DataFrame:
        """Tidy table: the design columns of each arm joined to its readouts."""
        values = self.readouts(readouts)
        return self.design.merge(values, on=["variant", "arm"], how="inner", sort=False)


def _settings(backbone: str | None, partners: list[str], max_order: int, doses: tuple[float, ...],
              variants: Mapping[str, BooleanNetwork], n_trajectories: int, max_time: float,
              seed: int, batch_size: int) -> dict[str, Any]:
    return {"backbone": backbone, "drugs": partners, "max_order": max_order,
            "doses": list(doses), "variants": list(variants),
            "networks": [_fingerprint(net) for net in variants.values()],
            "n_trajectories": n_trajectories,
            "max_time": max_time, "seed": seed, "batch_size": batch_size}


def _fingerprint(network: BooleanNetwork) -> str:
    """Digest of rules, rates and initial values: a resumed screen must run the same model."""
    import hashlib

    text = json.dumps([[n, format_expression(network.rules[n]), network.rate_up[n],
                        network.rate_down[n], network.initial[n]] for n in network.nodes])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _batches(design: pd.DataFrame, batch_size: int) -> list[tuple[str, str, list[Arm]]]:
    """(part name, variant, arms) per batch; the part name fixes the batch's place."""
    batches = []
    for v, (variant, rows) in enumerate(design.groupby("variant", sort=False)):
        arms = [_arm(row) for row in rows.to_dict("records")]
        for b, lo in enumerate(range(0, len(arms), batch_size)):
            batches.append((f"part-{v:03d}-{b:05d}.parquet", variant, arms[lo:lo + batch_size]))
    return batches


def _prepare_out_dir(out_dir: Path, settings: dict[str, Any], *, resume: bool) -> set[str]:
    """Create or check the folder; the names of the part files already written."""
    manifest = out_dir / _MANIFEST
    try:
        (out_dir / _PARTS).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"cannot create the screen folder {out_dir}: {exc}") from exc
    if manifest.exists():
        stored = json.loads(manifest.read_text(encoding="utf-8"))
        if not resume:
            raise InvalidValueError(f"{out_dir} already holds a screen; resume it (resume=True, "
                                    "--resume) or choose another folder")
        for key, value in settings.items():
            if stored.get("settings", {}).get(key) != value:
                raise InvalidValueError(f"cannot resume {out_dir}: its screen has {key} = "
                                        f"{stored.get('settings', {}).get(key)!r}, this one "
                                        f"{value!r}")
    else:
        temporary = manifest.with_suffix(".tmp")
        temporary.write_text(json.dumps({**_FORMAT, "settings": settings}, indent=1),
                             encoding="utf-8")
        os.replace(temporary, manifest)
    for leftover in (out_dir / _PARTS).glob(".*.tmp"):
        leftover.unlink()
    return {p.name for p in (out_dir / _PARTS).glob("part-*.parquet")}


def _write_part(path: Path, table: pd.DataFrame) -> None:
    """Write a part file atomically: a reader sees the whole batch or nothing."""
    temporary = path.with_name(f".{path.name}.tmp")  # a leading dot hides it from readers
    table.to_parquet(temporary, index=False)
    os.replace(temporary, path)


def _run_batch(arms: list[Arm], variant: str, network: BooleanNetwork, n_trajectories: int,
               max_time: float, seed: int, threads: int | None) -> pd.DataFrame:
    """One batch of arms on one network (the task a Dask worker runs)."""
    table = simulate_arms(arms, network=network, n_trajectories=n_trajectories,
                          max_time=max_time, seed=seed, threads=threads,
                          batch_size=max(1, len(arms)))
    table.insert(0, "variant", variant)
    return table


def screen(drugs: Sequence[str] | None = None, *, backbone: str | None = "sorafenib",
           max_order: int = 2, doses: Sequence[float] = DEFAULT_DOSES,
           network: BooleanNetwork | None = None,
           variants: Mapping[str, BooleanNetwork] | None = None, n_trajectories: int = 2000,
           max_time: float = READOUT_TIME, seed: int = 0, out_dir: str | Path | None = None,
           resume: bool = False, client: Any = None, threads: int | None = None,
           batch_size: int = 64, progress: bool = True) -> ScreenResult:
    """Simulate single drugs and their combinations at a grid of doses (efficacies).

    Parameters
    ----------
    drugs
        Drug names; ``None`` takes every library drug with a modelled target.
    backbone
        Drug in every combination (default sorafenib); ``None`` screens all combinations of
        ``drugs``. See the module docstring for the exact list of arms.
    max_order
        Largest number of drugs in a combination: 1, 2 or 3.
    doses
        Efficacies in (0, 1] at which each drug is given.
    network
        The model; ``sorafenib_model()`` when omitted and no ``variants`` are given.
    variants
        Model variants (name -> network), each screened with the same arms; results carry
        the name in ``variant``. Without it the one variant is ``"base"``.
    n_trajectories, max_time, seed
        Passed to :func:`simulate_arms`.
    out_dir
        Folder for the part files and the manifest; ``None`` keeps results in memory.
    resume
        Continue the screen already in ``out_dir``, running only the missing batches.
    client
        A ``dask.distributed.Client``: batches become tasks on its cluster (each task runs
        single-threaded unless ``threads`` says otherwise). Without it, batches run here on
        ``threads`` engine threads (default: all cores).
    batch_size
        Arms per batch (per part file and per task).
    progress
        Show a progress bar over conditions.

    Returns
    -------
    ScreenResult

    Raises
    ------
    UnknownNameError
        For an unknown drug, before any simulation.
    InvalidValueError
        For bad doses, orders, counts, or an ``out_dir`` holding another screen.

    Examples
    --------
    >>> result = screen(["erlotinib"], doses=[1.0], n_trajectories=100, progress=False)
    >>> result.design.arm.tolist()
    ['untreated', 'sorafenib', 'erlotinib', 'erlotinib + sorafenib']
    """
    backbone, partners = screen_drugs(drugs, backbone=backbone)
    doses = _checked_doses(doses)
    if max_order not in range(1, MAX_ORDER + 1):
        raise InvalidValueError(f"max_order is {max_order}; it must be 1, 2 or 3")
    if n_trajectories < 2 or batch_size < 1:
        raise InvalidValueError(f"n_trajectories is {n_trajectories} and batch_size "
                                f"{batch_size}; they must be at least 2 and 1")
    if variants is not None and network is not None:
        raise InvalidValueError("give either network or variants, not both")
    if variants is not None and not variants:
        raise InvalidValueError("variants is empty; give at least one network")
    models = dict(variants) if variants is not None else {"base": network or sorafenib_model()}
    every = sorted(([backbone] if backbone else []) + partners)
    prepared = {name: apply_drugs(net, [(d, 0.0) for d in every]) for name, net in models.items()}
    design = _design(list(models), backbone, partners, max_order, doses)
    settings = _settings(backbone, partners, max_order, doses, models, n_trajectories,
                         float(max_time), seed, batch_size)
    out = Path(out_dir) if out_dir is not None else None
    done = _prepare_out_dir(out, settings, resume=resume) if out is not None else set()
    todo = [b for b in _batches(design, batch_size) if b[0] not in done]
    parts: list[pd.DataFrame] = []

    def store(part: str, table: pd.DataFrame) -> None:
        if out is None:
            parts.append(table)
        else:
            _write_part(out / _PARTS / part, table)

    started = time.perf_counter()
    total = sum(len(arms) for _, _, arms in todo)
    with tqdm(total=total, desc="screen", unit="condition", disable=not progress) as bar:
        if client is None:
            for part, variant, arms in todo:
                store(part, _run_batch(arms, variant, prepared[variant], n_trajectories,
                                       max_time, seed, threads))
                bar.update(len(arms))
        else:
            for part, n_arms, table in _on_cluster(client, todo, prepared, n_trajectories,
                                                   max_time, seed, threads or 1):
                store(part, table)
                bar.update(n_arms)
    memory = pd.concat(parts, ignore_index=True) if out is None and parts else None
    return ScreenResult(design, settings, out, time.perf_counter() - started, memory)


def _on_cluster(client: Any, todo: list[tuple[str, str, list[Arm]]],
                prepared: Mapping[str, BooleanNetwork], n_trajectories: int, max_time: float,
                seed: int, threads: int) -> Iterator[tuple[str, int, pd.DataFrame]]:
    """Map batches on a Dask cluster, a bounded number in flight, yielding them as they end."""
    from distributed import as_completed

    networks = {name: client.scatter(net, broadcast=True) for name, net in prepared.items()}
    window = max(2, 2 * sum(client.nthreads().values()))
    token = uuid.uuid4().hex[:8]
    jobs = iter(todo)
    running = as_completed()
    submitted = {}

    def submit() -> None:
        job = next(jobs, None)
        if job is not None:
            part, variant, arms = job
            future = client.submit(_run_batch, arms, variant, networks[variant],
                                   n_trajectories, max_time, seed, threads,
                                   key=f"soraresist-screen-{token}-{part}")
            submitted[future.key] = (part, len(arms))
            running.add(future)

    for _ in range(window):
        submit()
    for future in running:
        part, n_arms = submitted.pop(future.key)
        table = future.result()
        future.release()
        submit()
        yield part, n_arms, table


def load_screen(out_dir: str | Path) -> ScreenResult:
    """Open a screen written to ``out_dir`` (finished or not) without running anything.

    Raises
    ------
    OutputPathError
        When the folder holds no screen manifest.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     _ = screen(["erlotinib"], doses=[1.0], n_trajectories=50, out_dir=out, progress=False)
    ...     len(load_screen(out).design)
    4
    """
    out = Path(out_dir)
    manifest = out / _MANIFEST
    if not manifest.exists():
        raise OutputPathError(f"{out} holds no screen ({_MANIFEST} is missing)")
    settings = json.loads(manifest.read_text(encoding="utf-8"))["settings"]
    design = _design(settings["variants"], settings["backbone"], settings["drugs"],
                     settings["max_order"], tuple(settings["doses"]))
    return ScreenResult(design, settings, out)
