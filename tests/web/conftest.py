"""Fixtures of the web tests: a private atlas cache and an in-process client of the app."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from soraresist.web import create_app


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Build the atlas database in a folder of this test session, not the user's cache."""
    previous = os.environ.get("SORARESIST_CACHE")
    os.environ["SORARESIST_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("SORARESIST_CACHE")
    else:
        os.environ["SORARESIST_CACHE"] = previous


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A client of a fresh app (its own job manager) for the tests of one module."""
    with TestClient(create_app(), raise_server_exceptions=False) as test_client:
        yield test_client
