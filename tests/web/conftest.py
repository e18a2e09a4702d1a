"""Fixtures of the web tests: an in-process client of the app (the root conftest keeps the
atlas cache private)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from soraresist.web import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A client of a fresh app (its own job manager) for the tests of one module."""
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client
