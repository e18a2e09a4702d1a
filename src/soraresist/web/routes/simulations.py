"""`/api/simulations`: simulation jobs that pages submit and then poll for progress.

A job runs, one after the other, the arms it compares: the model untreated (when a baseline is
asked), with the drugs alone (when perturbations come on top of drugs), and with everything
applied; its progress is the share of arms done. The time courses come from
`soraresist.analysis.simulate_time_courses`, so drugs and the five perturbation types mean here
what they mean in scenarios, screens and the command line.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, HTTPException, Path, Response

from soraresist import analysis
from soraresist.analysis import Arm, simulate_time_courses
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import drug
from soraresist.web import catalogue
from soraresist.web.catalogue import ServedModel
from soraresist.web.deps import JobsDep, queued
from soraresist.web.schemas import ERROR_RESPONSES, QUEUE_FULL, SimulationJob, SimulationRequest

router = APIRouter(prefix="/api/simulations", tags=["simulations"], responses=ERROR_RESPONSES)

MAX_DEFAULT_READOUTS = 40
"""Without phenotypes or asked-for nodes, the first this many nodes are reported."""
VIABILITY = "viability"
KIND = "simulation"


def _arms(model: ServedModel, request: SimulationRequest) -> dict[str, tuple[Arm, list[str]]]:
    """The arms of the job by name, each with the labels of what it applies."""
    if request.drugs and model.drugs is None:
        raise InvalidValueError(f"model '{model.name}' has no drug library; drugs apply only "
                                f"to {catalogue.SORAFENIB}")
    drugs = tuple((d.name, d.efficacy) for d in request.drugs)
    changes = tuple(analysis.Perturbation(p.target, p.type, 1.0 if p.efficacy is None
                                          else p.efficacy)
                    for p in request.perturbations)
    for change in changes:  # unknown names are refused before the job is queued
        change.nodes(model.network)
    library = [drug(d.name) for d in request.drugs]
    efficacies = [entry.default_efficacy if d.efficacy is None else d.efficacy
                  for d, entry in zip(request.drugs, library, strict=True)]
    drug_labels = [f"{d.name} ({e:g})" for d, e in zip(request.drugs, efficacies, strict=True)]
    change_labels = [f"{p.type} {p.target}" + ("" if p.efficacy is None else f" ({p.efficacy:g})")
                     for p in request.perturbations]
    arms = {}
    if request.baseline:
        arms["untreated"] = (Arm("untreated"), [])
        if drugs and changes:
            arms["drugs only"] = (Arm("drugs only", drugs), drug_labels)
    arms["scenario"] = (Arm("scenario", drugs, changes), drug_labels + change_labels)
    return arms


def _readouts(model: ServedModel, request: SimulationRequest) -> list[str]:
    asked = [node for name in request.nodes for node in model.nodes_named(name)]
    if asked or model.phenotypes:
        return list(dict.fromkeys([*model.phenotypes, *asked]))
    return list(model.network.nodes[:MAX_DEFAULT_READOUTS])


def _finite(values) -> list[float | None]:
    return [None if math.isnan(v) else float(v) for v in values]


def _condition(table: pd.DataFrame, shown: dict[str, str], max_time: float) -> dict[str, Any]:
    """Series over the windows and values at ``max_time`` of the read-outs shown, for one arm."""
    part = table[table["readout"].isin(list(shown.values()))]
    windows = part[part["time"] < max_time]
    value = windows.pivot(index="time", columns="readout", values="value")
    stderr = windows.pivot(index="time", columns="readout", values="stderr")
    final = part[part["time"] == max_time].set_index("readout")
    return {"series": {name: {"probability": _finite(value[key]), "stderr": _finite(stderr[key])}
                       for name, key in shown.items()},
            "final": {name: float(final.loc[key, "value"]) for name, key in shown.items()},
            "final_stderr": {name: float(final.loc[key, "stderr"]) for name, key in shown.items()}}


def _task(model: ServedModel, request: SimulationRequest
          ) -> Callable[[Callable[[float], None]], dict[str, Any]]:
    arms = _arms(model, request)
    shown = {node: f"node:{node}" for node in _readouts(model, request)}
    if model.phenotypes:
        shown[VIABILITY] = VIABILITY

    def run(report: Callable[[float], None]) -> dict[str, Any]:
        start = time.perf_counter()
        table = simulate_time_courses(  # one arm per engine call: progress moves per arm
            [arm for arm, _ in arms.values()], network=model.network,
            n_trajectories=request.samples, max_time=request.max_time, tick=request.tick,
            seed=request.seed, batch_size=1, progress=report)
        seconds = time.perf_counter() - start
        results = [{"name": name, "applied": applied,
                    **_condition(table[table["arm"] == name], shown, request.max_time)}
                   for name, (_, applied) in arms.items()]
        times = sorted(table.loc[table["time"] < request.max_time, "time"].unique())
        return {"model": request.model, "times": [float(t) for t in times],
                "readouts": list(shown), "samples": request.samples, "seed": request.seed,
                "conditions": results, "seconds": seconds}
    return run


@router.post("", response_model=SimulationJob, status_code=202, responses=QUEUE_FULL)
def submit(request: SimulationRequest, jobs: JobsDep, response: Response) -> dict[str, Any]:
    """Queue a simulation; poll `GET /api/simulations/{id}` (its `Location`) for progress.

    Names are checked before the job is queued: an unknown node or drug is a 400.
    """
    model = catalogue.served(request.model)
    try:
        task = _task(model, request)
    except UnknownNameError as exc:
        raise HTTPException(400, str(exc)) from None
    return queued(jobs.submit(KIND, task), response, router.prefix)


@router.get("/{job_id}", response_model=SimulationJob)
def poll(job_id: Annotated[str, Path(max_length=64)], jobs: JobsDep) -> dict[str, Any]:
    """A job's status and progress; its result once done, its error once failed."""
    return jobs.get(job_id, KIND).public()
