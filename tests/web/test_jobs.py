"""The job manager: one-line errors, forgetting old jobs, a cap on active jobs, and taking jobs
after a shutdown (a test client runs lifespans repeatedly)."""

import time

import pytest

from soraresist.errors import InvalidValueError
from soraresist.web.jobs import JobManager, JobQueueFullError


def _finished(manager: JobManager, job_id: str) -> object:
    """The job once it is done or failed (the test fails after 10 s)."""
    deadline = time.monotonic() + 10
    while manager.get(job_id, "test").status in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return manager.get(job_id, "test")


def test_a_job_after_shutdown_runs_on_a_new_pool():
    jobs = JobManager()
    first = jobs.submit("test", lambda report: 1)
    assert _finished(jobs, first.id).status == "done"
    jobs.shutdown()
    second = jobs.submit("test", lambda report: 2)
    assert _finished(jobs, second.id).status == "done"
    assert jobs.get(second.id, "test").result == 2

def test_job_manager_reports_errors_in_one_line_and_forgets_old_jobs():
    manager = JobManager(workers=1, max_active=2, keep=2)
    try:
        def fails(report):
            raise InvalidValueError("tick must be > 0")

        def crashes(report):
            raise ZeroDivisionError("secret")

        def works(report):
            report(0.5)
            return 42

        first = manager.submit("test", fails)
        assert _finished(manager, first.id).error == "tick must be > 0"
        crash = manager.submit("test", crashes)
        assert _finished(manager, crash.id).error == "internal error while running the job"
        done = _finished(manager, manager.submit("test", works).id)
        assert (done.status, done.result, done.progress) == ("done", 42, 1.0)
        manager.submit("test", works)
        with pytest.raises(KeyError, match="unknown test job"):
            manager.get(first.id, "test")  # only the two most recent finished jobs are kept
    finally:
        manager.shutdown()


def test_job_manager_caps_active_jobs():
    manager = JobManager(workers=1, max_active=1)
    release = __import__("threading").Event()
    try:
        manager.submit("test", lambda report: release.wait(10))
        with pytest.raises(JobQueueFullError, match="at most 1"):
            manager.submit("test", lambda report: None)
    finally:
        release.set()
        manager.shutdown()
