"""`/api/atlas`: search, records, entities, references, interactions and statistics."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query

from soraresist import atlas
from soraresist.errors import UnknownNameError
from soraresist.web.deps import AtlasDep, rows
from soraresist.web.schemas import (
    ERROR_RESPONSES,
    MAX_NAME,
    Entity,
    EvidenceRecord,
    Interaction,
    Reference,
    SearchResponse,
    StatRow,
    Vocabulary,
)

router = APIRouter(prefix="/api/atlas", tags=["atlas"],
                   responses=ERROR_RESPONSES)

Filter = Annotated[str | None, Query(min_length=1, max_length=MAX_NAME)]


@router.get("/search", response_model=SearchResponse)
def search(con: AtlasDep,
           q: Annotated[str | None, Query(max_length=200, description="free text")] = None,
           entity: Filter = None, category: Filter = None, pathway: Filter = None,
           effect: Filter = None, source: Filter = None,
           reference: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> dict[str, Any]:
    """Evidence records matching the text and every filter given (an unknown filter value is a
    400 that lists the closest allowed values)."""
    try:
        found = atlas.search(q, entity=entity, category=category, pathway=pathway,
                             effect=effect, reference=reference, source=source, con=con)
    except UnknownNameError as exc:
        raise HTTPException(400, str(exc)) from None
    return {"count": len(found), "records": rows(found)}


@router.get("/records/{record_id}", response_model=EvidenceRecord)
def record(con: AtlasDep,
           record_id: Annotated[str, Path(max_length=MAX_NAME)]) -> dict[str, Any]:
    """One record with its references (DOI links) and entities."""
    return atlas.record(record_id, con=con)


@router.get("/entities", response_model=list[Entity])
def entities(con: AtlasDep,
             q: Annotated[str | None, Query(max_length=MAX_NAME,
                                            description="an id, symbol or synonym")] = None,
             ) -> list[dict[str, Any]]:
    """Every entity, or those that `q` spells (folding case, Greek letters and hyphens)."""
    table = atlas.entities(con=con)
    if q is not None:
        table = table[table["id"].isin(atlas.resolve_entity(q, con=con))]
    return rows(table)


@router.get("/entities/{name}", response_model=Entity)
def entity(con: AtlasDep, name: Annotated[str, Path(max_length=MAX_NAME)]) -> dict[str, Any]:
    """The entity that an id, symbol or synonym names."""
    ids = atlas.resolve_entity(name, con=con)
    table = atlas.entities(con=con)
    if not ids:
        raise UnknownNameError("entity", name, table["id"].tolist())
    return rows(table[table["id"] == ids[0]])[0]


@router.get("/references", response_model=list[Reference])
def references(con: AtlasDep) -> list[dict[str, Any]]:
    """The review's bibliography, with DOI links."""
    return rows(atlas.references(con=con))


@router.get("/interactions", response_model=list[Interaction])
def interactions(con: AtlasDep) -> list[dict[str, Any]]:
    """Every signed interaction with its record and references."""
    return rows(atlas.interactions(con=con))


@router.get("/stats", response_model=list[StatRow])
def stats(con: AtlasDep) -> list[dict[str, Any]]:
    """Counts by source, category, effect, references and entity type."""
    return rows(atlas.stats(con=con))


@router.get("/vocabulary", response_model=Vocabulary)
def vocabulary(con: AtlasDep) -> dict[str, list[str]]:
    """The values present for each filter of the search (sources in the review's order)."""
    found = atlas.search(con=con)
    return {
        "categories": sorted(found["category"].unique()),
        "pathways": sorted({p for paths in found["pathway"] for p in paths}),
        "effects": sorted(found["effect_on_sorafenib"].unique()),
        "sources": list(dict.fromkeys(found["source"])),
    }
