"""`/api/simulations`: simulation jobs that pages submit and then poll for progress.

A job runs, one after the other, the arms it compares: the model untreated (when a baseline is
asked), with the drugs alone (when perturbations come on top of drugs), and with everything
applied; its progress is the share of arms done. The network and each arm's engine condition
come from `soraresist.analysis.arm_conditions`, and the read-outs over time from
`soraresist.analysis.readout_time_courses`, so drugs and the five perturbation types mean here
what they mean in scenarios, screens and the command line.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, HTTPException, Path, Response

from soraresist import analysis
from soraresist.analysis import Arm, arm_conditions, readout_nodes, readout_time_courses
from soraresist.engine import simulate
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import drug
from soraresist.web import catalogue
from soraresist.web.catalogue import ServedModel
from soraresist.web.deps import JobsDep
from soraresist.web.jobs import JobQueueFullError
from soraresist.web.schemas import ERROR_RESPONSES, JobStatus, Problem, SimulationRequest

router = APIRouter(prefix="/api/simulations", tags=["simulations"], responses=ERROR_RESPONSES)

PERTURBATION_TYPES = list(analysis.PERTURBATION_TYPES)
"""Perturbation types a request may use (those of `soraresist.analysis`)."""
MAX_DEFAULT_READOUTS = 40
"""Without phenotypes or asked-for nodes, the first this many nodes are reported."""
VIABILITY = "viability"


def _arms(model: ServedModel, request: SimulationRequest) -> dict[str, tuple[Arm, list[str]]]:
    """The arms of the job by name, each with the labels of what it applies."""
    if request.drugs and model.drugs is None:
        raise InvalidValueError(f"model '{model.name}' has no drug library; drugs apply only "
                                f"to {catalogue.SORAFENIB}")
    drugs = tuple((d.name, d.efficacy) for d in request.drugs)
    changes = tuple(analysis.Perturbation(p.target, p.type, 1.0 if p.efficacy is None
                                          else p.efficacy)
                    for p in request.perturbations)
    for change in changes:
        change.nodes(model.network)  # unknown names are refused before the job is queued
    efficacies = [drug(d.name).default_efficacy if d.efficacy is None else d.efficacy
                  for d in request.drugs]
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
    """Series over the windows and values at ``max_time`` of the read-outs shown."""
    part = table[table["readout"].isin(list(shown.values()))]
    windows = part[part["time"] < max_time]
    value = windows.pivot(index="time", columns="readout", values="value")
    stderr = windows.pivot(index="time", columns="readout", values="stderr")
    final = part[part["time"] == max_time].set_index("readout")
    return {"times": [float(t) for t in value.index],
            "series": {name: {"probability": _finite(value[key]), "stderr": _finite(stderr[key])}
                       for name, key in shown.items()},
            "final": {name: float(final.loc[key, "value"]) for name, key in shown.items()},
            "final_stderr": {name: float(final.loc[key, "stderr"]) for name, key in shown.items()}}


def _task(model: ServedModel, request: SimulationRequest
          ) -> Callable[[Callable[[float], None]], dict[str, Any]]:
    arms = _arms(model, request)
    network, conditions = arm_conditions([arm for arm, _ in arms.values()], model.network)
    shown = {node: f"node:{node}" for node in _readouts(model, request)}
    if model.phenotypes:
        shown[VIABILITY] = VIABILITY

    def run(report: Callable[[float], None]) -> dict[str, Any]:
        results, seconds, times = [], 0.0, []
        for done, condition in enumerate(conditions):
            result = simulate(network, [condition], n_trajectories=request.samples,
                              max_time=request.max_time, tick=request.tick, seed=request.seed,
                              output_nodes=readout_nodes(network))
            values = _condition(readout_time_courses(result, request.max_time), shown,
                                request.max_time)
            times = values.pop("times")
            results.append({"name": condition.name, "applied": arms[condition.name][1],
                            **values})
            seconds += result.seconds
            report((done + 1) / len(conditions))
        return {"model": request.model, "times": times, "readouts": list(shown),
                "samples": request.samples, "seed": request.seed, "conditions": results,
                "seconds": seconds}
    return run


@router.post("", response_model=JobStatus, status_code=202,
             responses={429: {"model": Problem,
                              "description": "too many jobs queued or running; retry later"}})
def submit(request: SimulationRequest, jobs: JobsDep, response: Response) -> dict[str, Any]:
    """Queue a simulation; poll `GET /api/simulations/{id}` (its `Location`) for progress.

    Names are checked before the job is queued: an unknown node or drug is a 400.
    """
    model = catalogue.served(request.model)
    try:
        task = _task(model, request)
    except UnknownNameError as exc:
        raise HTTPException(400, str(exc)) from None
    try:
        job = jobs.submit("simulation", task)
    except JobQueueFullError as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": "5"}) from None
    response.headers["Location"] = f"/api/simulations/{job.id}"
    return job.public()


@router.get("/{job_id}", response_model=JobStatus)
def poll(job_id: Annotated[str, Path(max_length=64)], jobs: JobsDep) -> dict[str, Any]:
    """A job's status and progress; its result once done, its error once failed."""
    return jobs.get(job_id).public()
