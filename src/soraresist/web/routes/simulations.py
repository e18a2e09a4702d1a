"""`/api/simulations`: simulation jobs that pages submit and then poll for progress.

A job simulates, one after the other, the model untreated (when a baseline is asked), with the
drugs alone (when perturbations come on top of drugs), and with everything applied, so its
progress is the share of conditions done. Drugs act through the model's drug library
(`soraresist.model` rule rewriting); knockouts and overexpressions hold nodes off or on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Response

from soraresist.engine import Condition, simulate
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import BooleanNetwork, apply_drugs, drug_node, viability_index
from soraresist.web import catalogue
from soraresist.web.catalogue import ServedModel
from soraresist.web.deps import JobsDep
from soraresist.web.jobs import Job, JobQueueFullError
from soraresist.web.schemas import ERROR_RESPONSES, JobStatus, Problem, SimulationRequest

router = APIRouter(prefix="/api/simulations", tags=["simulations"], responses=ERROR_RESPONSES)

_FIXED = {"knockout": "off", "overexpression": "on"}
PERTURBATION_TYPES = list(_FIXED)
"""Perturbation types the runner applies (the others wait for the scenario layer)."""
MAX_DEFAULT_READOUTS = 40
"""Without phenotypes or asked-for nodes, the first this many nodes are reported."""
VIABILITY = "viability"


def _plan(model: ServedModel, request: SimulationRequest
          ) -> tuple[BooleanNetwork, list[Condition], dict[str, list[str]]]:
    """The network with the drugs added, the conditions, and what each condition applies."""
    if request.drugs and model.drugs is None:
        raise InvalidValueError(f"model '{model.name}' has no drug library; drugs apply only "
                                f"to {catalogue.SORAFENIB}")
    network = model.network
    doses = {drug_node(d.name): d.efficacy for d in request.drugs}
    if request.drugs:
        network = apply_drugs(network, [(d.name, d.efficacy) for d in request.drugs])
    fixed: dict[str, list[str]] = {"off": [], "on": []}
    for perturbation in request.perturbations:
        if perturbation.type not in _FIXED:
            raise InvalidValueError(f"perturbation type '{perturbation.type}' is not available "
                                    f"in the runner; allowed: {', '.join(PERTURBATION_TYPES)}")
        fixed[_FIXED[perturbation.type]].extend(model.nodes_named(perturbation.target))
    drugs = [f"{d.name} ({d.efficacy:g})" for d in request.drugs]
    perturbations = [f"{p.type} {p.target}" for p in request.perturbations]
    untreated = dict.fromkeys(doses, 0.0)
    plan = {"scenario": (Condition("scenario", off=tuple(fixed["off"]), on=tuple(fixed["on"])),
                         drugs + perturbations)}
    if request.baseline and doses and perturbations:
        plan = {"drugs only": (Condition("drugs only"), drugs), **plan}
    if request.baseline:
        plan = {"untreated": (Condition("untreated", initial=untreated), []), **plan}
    return network, [c for c, _ in plan.values()], {k: a for k, (_, a) in plan.items()}


def _readouts(model: ServedModel, request: SimulationRequest) -> list[str]:
    asked = [node for name in request.nodes for node in model.nodes_named(name)]
    if asked or model.phenotypes:
        return list(dict.fromkeys([*model.phenotypes, *asked]))
    return list(model.network.nodes[:MAX_DEFAULT_READOUTS])


def _finite(values) -> list[float | None]:
    return [None if math.isnan(v) else float(v) for v in values]


def _viability(probability, stderr) -> dict[str, list[float | None]]:
    pairs = [viability_index(probability.loc[t], stderr.loc[t].fillna(0.0))
             for t in probability.index]
    return {"probability": [v for v, _ in pairs], "stderr": [e for _, e in pairs]}


def _task(model: ServedModel, request: SimulationRequest
          ) -> Callable[[Callable[[float], None]], dict[str, Any]]:
    network, conditions, applied = _plan(model, request)
    readouts = _readouts(model, request)

    def run(report: Callable[[float], None]) -> dict[str, Any]:
        results, seconds, times = [], 0.0, []
        for done, condition in enumerate(conditions):
            result = simulate(network, [condition], n_trajectories=request.samples,
                              max_time=request.max_time, tick=request.tick, seed=request.seed)
            probability = result.probabilities.loc[condition.name]
            stderr = result.stderr.loc[condition.name]
            final = result.final.loc[condition.name]
            final_stderr = result.final_stderr.loc[condition.name]
            times = [float(t) for t in probability.index]
            series = {n: {"probability": _finite(probability[n]), "stderr": _finite(stderr[n])}
                      for n in readouts}
            finals = {n: float(final[n]) for n in readouts}
            final_errors = {n: float(final_stderr[n]) for n in readouts}
            if model.phenotypes:
                series[VIABILITY] = _viability(probability, stderr)
                finals[VIABILITY], final_errors[VIABILITY] = viability_index(final, final_stderr)
            results.append({"name": condition.name, "applied": applied[condition.name],
                            "series": series, "final": finals, "final_stderr": final_errors})
            seconds += result.seconds
            report((done + 1) / len(conditions))
        shown = [*readouts, VIABILITY] if model.phenotypes else readouts
        return {"model": request.model, "times": times, "readouts": shown,
                "samples": request.samples, "seed": request.seed, "conditions": results,
                "seconds": seconds}
    return run


def _status(job: Job) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "status": job.status, "progress": job.progress,
            "error": job.error, "result": job.result if job.status == "done" else None}


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
    return _status(job)


@router.get("/{job_id}", response_model=JobStatus)
def poll(job_id: Annotated[str, Path(max_length=64)], jobs: JobsDep) -> dict[str, Any]:
    """A job's status and progress; its result once done, its error once failed."""
    return _status(jobs.get(job_id))
