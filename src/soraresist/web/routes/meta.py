"""`/api/health`: a cheap answer saying the server is up and what it offers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from soraresist import __version__
from soraresist.web.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["meta"],
                   responses=ERROR_RESPONSES)


@router.get("/health")
def health() -> dict[str, Any]:
    """Version of the server (answers even while jobs run)."""
    return {"status": "ok", "version": __version__}
