"""Translation at the edge: soraresist errors and bad requests become one-line JSON answers.

No answer ever carries a traceback or echoes a request body back.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from soraresist.errors import SoraresistError, UnknownNameError
from soraresist.web.jobs import JobQueueFullError

log = logging.getLogger(__name__)

RETRY_AFTER_S = 5
"""Seconds a client refused for a full job queue is told to wait."""


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "request"


async def unknown_name(request: Request, exc: UnknownNameError) -> JSONResponse:
    """A record, entity, model, node, drug or job that does not exist: 404."""
    return JSONResponse({"detail": str(exc)}, status_code=404)


async def queue_full(request: Request, exc: JobQueueFullError) -> JSONResponse:
    """Too many jobs queued or running: 429, with a `Retry-After` of a few seconds."""
    return JSONResponse({"detail": str(exc)}, status_code=429,
                        headers={"Retry-After": str(RETRY_AFTER_S)})


async def bad_value(request: Request, exc: SoraresistError) -> JSONResponse:
    """Any other soraresist error is the caller's input: 400 with the error's message."""
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """A request outside the schema's bounds: 422 naming each field and its bound."""
    errors = [{"field": _field(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
              for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return JSONResponse({"detail": detail, "errors": errors}, status_code=422)


async def internal(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged on the server, answered with one line and no traceback."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers above on `app`."""
    app.add_exception_handler(UnknownNameError, unknown_name)
    app.add_exception_handler(JobQueueFullError, queue_full)
    app.add_exception_handler(SoraresistError, bad_value)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(Exception, internal)
