"""The HTML pages: static files whose scripts call the JSON API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html")


@router.get("/")
def atlas_page() -> FileResponse:
    """Atlas browser: search box, filters, sortable table."""
    return _page("atlas.html")


@router.get("/records/{record_id}")
def record_page(record_id: str) -> FileResponse:
    """One record with its references as DOI links (the script reads the id from the path)."""
    return _page("record.html")


@router.get("/network")
def network_page() -> FileResponse:
    """The model drawn with Cytoscape.js."""
    return _page("network.html")


@router.get("/scenarios")
def scenarios_page() -> FileResponse:
    """Scenario runner: drugs and perturbations in, trajectories and phenotype bars out."""
    return _page("scenarios.html")


@router.get("/validation")
def validation_page() -> FileResponse:
    """Validation: the review's claims scored by the model, pass/fail by mechanism family."""
    return _page("validation.html")
