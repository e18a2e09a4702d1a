"""`/api/validations`: score the review's claims (or a posted scenario list) as a job.

Posted scenarios are checked by `soraresist.analysis.load_scenarios`, the loader of the scenario
files, before the job is queued, so a malformed entry is a 400 that names its id and field. The
job runs every scenario in one `run_scenarios` call, as ``soraresist validate`` does, so the
same scenarios, samples and seed give the numbers of the command line. Its progress is the
fraction of arms simulated, reported after each batch of arms.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path as FilePath
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Body, Path, Response

from soraresist.analysis import (
    EFFECT_THRESHOLD,
    FAILURE_CAUSES,
    STATUSES,
    Scenario,
    failure_cause,
    family_summary,
    load_scenarios,
    review_scenarios,
    run_scenarios,
)
from soraresist.errors import RecordFileError
from soraresist.web.deps import JobsDep, queued, rows
from soraresist.web.schemas import ERROR_RESPONSES, QUEUE_FULL, ValidationJob, ValidationRequest

router = APIRouter(prefix="/api/validations", tags=["validations"], responses=ERROR_RESPONSES)

KIND = "validation"
POSTED = "posted scenarios"
"""How messages name a posted list (the loader reads it from a temporary file)."""


def posted_scenarios(entries: Sequence[dict[str, Any]]) -> list[Scenario]:
    """Scenarios from parsed entries, checked by the scenario-file loader.

    Raises
    ------
    RecordFileError
        Naming the entry (its id, or its position when it has none) and the field; the
        temporary file's path and its line numbers, meaningless to the client, are left out.
    """
    with tempfile.TemporaryDirectory(prefix="soraresist-") as folder:
        path = FilePath(folder) / "scenarios.json"
        path.write_text(json.dumps(list(entries)), encoding="utf-8")
        try:
            return load_scenarios(path)
        except RecordFileError as exc:
            where = exc.path + (f":{exc.line}" if exc.line is not None else "")
            what = f" field '{exc.field}':" if exc.field else ""
            message = str(exc).removeprefix(f"{where}:{what} ")
            raise RecordFileError(POSTED, None, exc.field, message) from None


def _summary(results: pd.DataFrame) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Counts per family and their total (the last row of `family_summary`)."""
    table = family_summary(results)
    found = [{"family": str(family), "counts": {s: int(row[s]) for s in STATUSES},
              "pass_rate": row["pass_rate"]}
             for family, row in zip(table.index, rows(table), strict=True)]
    return found[:-1], found[-1]


def _task(scenarios: list[Scenario], request: ValidationRequest, source: str
          ) -> Callable[[Callable[[float], None]], dict[str, Any]]:
    def run(report: Callable[[float], None]) -> dict[str, Any]:
        start = time.perf_counter()
        results = run_scenarios(scenarios, n_trajectories=request.samples, seed=request.seed,
                                progress=report)
        seconds = time.perf_counter() - start
        families, total = _summary(results)
        results["cause"] = [FAILURE_CAUSES[failure_cause(r)] if r["status"] == "fail" else None
                            for r in results.to_dict("records")]
        return {"source": source, "samples": request.samples, "seed": request.seed,
                "threshold": EFFECT_THRESHOLD, "seconds": seconds, "families": families,
                "total": total, "results": rows(results)}
    return run


@router.post("", response_model=ValidationJob, status_code=202, responses=QUEUE_FULL)
def submit(jobs: JobsDep, response: Response,
           request: Annotated[ValidationRequest | None, Body()] = None) -> dict[str, Any]:
    """Queue a validation; poll `GET /api/validations/{id}` (its `Location`) for the result.

    Without a body, or without `scenarios`, the review's claims are scored. A malformed posted
    scenario is a 400 naming its id and field; names the model does not hold make a scenario
    out of scope, not an error.
    """
    request = request or ValidationRequest()
    if request.scenarios is None:
        scenarios, source = review_scenarios(), "review"
    else:
        scenarios, source = posted_scenarios(request.scenarios), "posted"
    return queued(jobs.submit(KIND, _task(scenarios, request, source)), response, router.prefix)


@router.get("/{job_id}", response_model=ValidationJob)
def poll(job_id: Annotated[str, Path(max_length=64)], jobs: JobsDep) -> dict[str, Any]:
    """A validation's status; its results and per-family counts once done."""
    return jobs.get(job_id, KIND).public()
