"""Fixtures of the atlas tests: a small curated atlas under tests/atlas/data and a private cache."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from soraresist.atlas import connect

FIXTURE_DATA = Path(__file__).parent / "data"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_a456214616a530e3.txt"


@pytest.fixture(scope="session")
def seed() -> Path:
    """The review's text, which sits beside the repository in shared/seed/ (skip without it)."""
    if not SEED.exists():
        pytest.skip(f"the review's text is not at {SEED} (it sits beside the repository, "
                    "in shared/seed/)")
    return SEED


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private database cache for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SORARESIST_CACHE", str(folder))
    return folder


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture atlas, for tests that break it."""
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path / "data"))


@pytest.fixture
def con(cache: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the database of the fixture atlas."""
    db = connect(FIXTURE_DATA)
    yield db
    db.close()
