"""A small in-process job manager: long computations run on a bounded thread pool.

The event loop only submits and reads jobs, so the server keeps answering while a simulation
runs (the engine's compiled kernel does not need the interpreter while it works). The number of
queued plus running jobs is capped, and only the most recent finished jobs are kept.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from soraresist.errors import SoraresistError, UnknownNameError

__all__ = ["Job", "JobManager", "JobQueueFullError"]

log = logging.getLogger(__name__)

Status = Literal["queued", "running", "done", "failed"]
Task = Callable[[Callable[[float], None]], Any]
"""A job's work: called with a `report(fraction)` callback, returns the job's result."""


class JobQueueFullError(SoraresistError):
    """Too many jobs are queued or running; the client should retry later."""


@dataclass
class Job:
    """State of one job as the pages poll it."""

    id: str
    kind: str
    status: Status = "queued"
    progress: float = 0.0
    result: Any = None
    error: str | None = None

    def public(self) -> dict[str, Any]:
        """What a poll shows: status and progress; the result once done, the error once failed."""
        return {"id": self.id, "kind": self.kind, "status": self.status,
                "progress": self.progress, "error": self.error,
                "result": self.result if self.status == "done" else None}


class JobManager:
    """Run jobs on `workers` threads, with at most `max_active` queued or running at once.

    Parameters
    ----------
    workers
        Threads that run jobs (each simulation already uses every core through the engine).
    max_active
        Cap on jobs queued or running; `submit` refuses more.
    keep
        Finished jobs kept for polling; older ones are forgotten first.
    """

    def __init__(self, *, workers: int = 1, max_active: int = 4, keep: int = 64):
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self.max_active, self.keep = max_active, keep

    def submit(self, kind: str, task: Task) -> Job:
        """Queue `task`; raise `JobQueueFullError` when `max_active` jobs are already active."""
        with self._lock:
            active = sum(job.status in ("queued", "running") for job in self._jobs.values())
            if active >= self.max_active:
                raise JobQueueFullError(f"{active} jobs are queued or running (at most "
                                        f"{self.max_active}); retry when one has finished")
            job = Job(id=uuid.uuid4().hex, kind=kind)
            self._jobs[job.id] = job
            self._forget_old()
            if self._pool is None:  # opened on first use, again after a shutdown
                self._pool = ThreadPoolExecutor(max_workers=self._workers,
                                                thread_name_prefix="soraresist-job")
            self._pool.submit(self._run, job, task)
        return job

    def get(self, job_id: str, kind: str) -> Job:
        """The job of this kind with this id; `UnknownNameError` when it never existed, was
        forgotten or is of another kind (a simulation id polled as a validation)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.kind != kind:
            raise UnknownNameError(f"{kind} job", job_id)
        return job

    def shutdown(self) -> None:
        """Drop the queued jobs; running ones finish in the background. A later `submit`
        opens a new pool (a test client may run the app's lifespan many times)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _forget_old(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.status in ("done", "failed")]
        for key in finished[:max(0, len(finished) - self.keep)]:
            del self._jobs[key]

    def _run(self, job: Job, task: Task) -> None:
        def report(fraction: float) -> None:
            job.progress = min(1.0, max(0.0, float(fraction)))

        job.status = "running"
        try:
            job.result = task(report)
        except SoraresistError as exc:
            job.error, job.status = str(exc), "failed"
        except Exception:  # a bug: logged here, never shown to the client
            log.exception("job %s failed", job.id)
            job.error, job.status = "internal error while running the job", "failed"
        else:
            job.progress, job.status = 1.0, "done"
