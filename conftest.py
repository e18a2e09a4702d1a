"""Keep every test run's atlas database out of the user's cache folder."""

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_atlas_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SORARESIST_CACHE", str(tmp_path_factory.mktemp("atlas-cache")))
    yield
    mp.undo()
