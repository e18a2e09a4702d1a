"""The job manager keeps taking jobs after a shutdown (a test client runs lifespans repeatedly)."""

import time

from soraresist.web.jobs import JobManager


def _wait(jobs: JobManager, job_id: str) -> str:
    deadline = time.monotonic() + 10
    while jobs.get(job_id, "test").status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.01)
    return jobs.get(job_id, "test").status


def test_a_job_after_shutdown_runs_on_a_new_pool():
    jobs = JobManager()
    first = jobs.submit("test", lambda report: 1)
    assert _wait(jobs, first.id) == "done"
    jobs.shutdown()
    second = jobs.submit("test", lambda report: 2)
    assert _wait(jobs, second.id) == "done"
    assert jobs.get(second.id, "test").result == 2
