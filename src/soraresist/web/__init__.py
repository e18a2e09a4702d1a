"""The web app and REST API: thin pages and routes over the Python API.

Start it with ``soraresist serve`` (127.0.0.1:8000 by default); the OpenAPI description is at
``/openapi.json`` and browsable at ``/docs``.

Examples
--------
>>> from fastapi.testclient import TestClient
>>> with TestClient(create_app()) as client:
...     client.get("/api/atlas/search", params={"q": "HIF-2α"}).json()["count"] > 0
True
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from soraresist import __version__
from soraresist.web.errors import install_error_handlers
from soraresist.web.jobs import JobManager
from soraresist.web.limits import BodySizeLimit
from soraresist.web.routes import atlas, meta, models, pages, simulations, validation
from soraresist.web.routes.pages import STATIC
from soraresist.web.schemas import MAX_BODY_BYTES

__all__ = ["create_app"]


def create_app(*, workers: int = 1, max_jobs: int = 4) -> FastAPI:
    """Build the application: API routers, pages, static files, limits and error handlers.

    Parameters
    ----------
    workers
        Threads running simulation jobs.
    max_jobs
        Most jobs queued or running at once; more are refused with 429.
    """
    jobs = JobManager(workers=workers, max_active=max_jobs)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()

    app = FastAPI(title="soraresist", version=__version__, lifespan=lifespan,
                  description="Evidence atlas, network model and simulations of sorafenib "
                              "resistance in hepatocellular carcinoma.")
    app.state.jobs = jobs
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    install_error_handlers(app)
    for module in (meta, atlas, models, simulations, validation, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
