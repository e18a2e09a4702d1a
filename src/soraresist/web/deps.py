"""What the routes share: an atlas connection per request, the job manager, the answer to a
submitted job and tables made ready for JSON."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated, Any

import pandas as pd
from fastapi import Depends, Request, Response

from soraresist import atlas
from soraresist.web.jobs import Job, JobManager


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


def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Records of a table with every missing value (NaN, NA) as None, ready for JSON."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def queued(job: Job, response: Response, collection: str) -> dict[str, Any]:
    """A submit's answer: the job as polled, its `Location` the URL to poll under `collection`."""
    response.headers["Location"] = f"{collection}/{job.id}"
    return job.public()


AtlasDep = Annotated[sqlite3.Connection, Depends(atlas_connection)]
JobsDep = Annotated[JobManager, Depends(job_manager)]
