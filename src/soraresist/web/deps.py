"""Dependencies shared by the routes: an atlas connection per request, the job manager."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from soraresist import atlas
from soraresist.web.jobs import JobManager


def atlas_connection() -> Iterator[sqlite3.Connection]:
    """A read-only atlas connection for one request (opening one costs well under 1 ms)."""
    con = atlas.connect()
    try:
        yield con
    finally:
        con.close()


def job_manager(request: Request) -> JobManager:
    """The application's job manager, made by `create_app`."""
    return request.app.state.jobs


AtlasDep = Annotated[sqlite3.Connection, Depends(atlas_connection)]
JobsDep = Annotated[JobManager, Depends(job_manager)]
