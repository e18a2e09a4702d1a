"""Fixtures of the web tests: an in-process client of the app (the root conftest keeps the
atlas cache private)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from soraresist.web import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A client of a fresh app (its own job manager) for the tests of one module."""
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def finished() -> Callable[..., dict]:
    """Poll ``/api/{kind}/{job_id}`` through a client until the job is done or failed."""
    def poll(client: TestClient, kind: str, job_id: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            job = client.get(f"/api/{kind}/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return job
            assert time.monotonic() < deadline, f"{kind} job {job_id} still {job['status']}"
            time.sleep(0.05)
    return poll
