"""The evidence atlas: curated records of the review, their validation, database and queries.

The YAML files under ``atlas/data`` are the source of truth; the SQLite database is built from
them on first use and cached (``$SORARESIST_CACHE``, else ``$XDG_CACHE_HOME/soraresist``).

Examples
--------
>>> from soraresist import atlas
>>> sorted(atlas.search("EPAS1")["evidence_id"]) == sorted(atlas.search("hif2a")["evidence_id"])
True
"""

from soraresist._names import fold_name
from soraresist.atlas._db import connect, database_path
from soraresist.atlas._export import FORMATS, atlas_graph, export
from soraresist.atlas._query import (
    entities,
    interactions,
    record,
    references,
    resolve_entity,
    search,
    stats,
)
from soraresist.atlas._records import check_atlas, load_atlas
from soraresist.atlas._schema import SCHEMA_VERSION

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "atlas_graph",
    "check_atlas",
    "connect",
    "database_path",
    "entities",
    "export",
    "fold_name",
    "interactions",
    "load_atlas",
    "record",
    "references",
    "resolve_entity",
    "search",
    "stats",
]
