"""Exports of the atlas: one JSON file, TSV tables, or a GraphML network of the interactions.

Files are written into a temporary folder beside the target and moved into place at the end,
so a failed export leaves the output folder as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

from soraresist.atlas import _query as Q
from soraresist.atlas import _schema as S
from soraresist.atlas._db import opened
from soraresist.errors import OutputPathError, UnknownNameError

FORMATS = ("json", "tsv", "graphml")


def _joined(values: list | dict) -> str:
    """A list or mapping as one TSV cell: ``a; b`` or ``db:id; db:id``."""
    if isinstance(values, dict):
        return "; ".join(f"{k}:{v}" for k, v in values.items())
    return "; ".join(str(v) for v in values)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if isinstance(text, str) else text


def _write_json(db: sqlite3.Connection, folder: Path) -> list[Path]:
    evidence = [json.loads(r[0]) for r in db.execute("SELECT data FROM evidence ORDER BY position")]
    document = {
        "schema_version": S.SCHEMA_VERSION,
        "evidence": evidence,
        "entities": _records(Q.entities(con=db).drop(columns="n_evidence")),
        "references": _records(Q.references(con=db).drop(columns="n_evidence")),
    }
    path = folder / "atlas.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [path]


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, missing values as None (JSON null, not NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _write_tsv(db: sqlite3.Connection, folder: Path) -> list[Path]:
    evidence = Q.search(con=db).rename(columns={"evidence_id": "id"})
    for column in ("pathway", "references"):
        evidence[column] = evidence[column].map(_joined)
    for column in ("mechanism", "model_system"):
        evidence[column] = evidence[column].map(_one_line)
    ents = Q.entities(con=db).drop(columns="n_evidence")
    for column in ("synonyms", "xrefs", "targets"):
        ents[column] = ents[column].map(_joined)
    refs = Q.references(con=db)[["number", "doi", "title", "year", "authors", "journal",
                                 "volume", "pages", "pmid", "citation"]]
    edges = Q.interactions(con=db)
    edges["references"] = edges["references"].map(_joined)
    tables = {"evidence.tsv": evidence, "entities.tsv": ents, "references.tsv": refs,
              "interactions.tsv": edges}
    for name, frame in tables.items():
        frame.to_csv(folder / name, sep="\t", index=False, lineterminator="\n")
    return [folder / name for name in tables]


def atlas_graph(db: sqlite3.Connection) -> nx.MultiDiGraph:
    """Entities as nodes; each (source, target, type) interaction one signed edge, keyed by
    type, carrying the ids of the records that state it.

    Examples
    --------
    >>> from soraresist.atlas import connect
    >>> graph = atlas_graph(connect())
    >>> graph.has_node("EPAS1") and graph.number_of_edges() > 100
    True
    """
    graph = nx.MultiDiGraph(schema_version=S.SCHEMA_VERSION)
    for row in Q.entities(con=db).itertuples(index=False):
        attributes = {"symbol": row.symbol, "type": row.type, "name": row.name,
                      "synonyms": _joined(row.synonyms), "drug_class": row.drug_class}
        graph.add_node(row.id, **{k: v for k, v in attributes.items() if isinstance(v, str)})
    edges = Q.interactions(con=db)
    for (source, target, kind), group in edges.groupby(["source", "target", "type"], sort=False):
        references = sorted({n for refs in group["references"] for n in refs})
        graph.add_edge(source, target, key=kind, type=kind, sign=int(group["sign"].iloc[0]),
                       evidence_ids=_joined(list(dict.fromkeys(group["evidence_id"]))),
                       references=_joined(references))
    return graph


def _write_graphml(db: sqlite3.Connection, folder: Path) -> list[Path]:
    path = folder / "atlas.graphml"
    nx.write_graphml(atlas_graph(db), path)
    return [path]


_WRITERS = {"json": _write_json, "tsv": _write_tsv, "graphml": _write_graphml}


def export(out_dir: str | os.PathLike, format: str, *,
           con: sqlite3.Connection | None = None) -> list[Path]:
    """Write the atlas into an existing folder and return the files written.

    Parameters
    ----------
    out_dir
        An existing folder; files of the same name in it are replaced.
    format
        ``json`` (``atlas.json`` with a ``schema_version``), ``tsv`` (``evidence.tsv``,
        ``entities.tsv``, ``references.tsv``, ``interactions.tsv``) or ``graphml``
        (``atlas.graphml``).
    con
        An open atlas connection; the default atlas is opened when omitted.

    Raises
    ------
    OutputPathError
        When `out_dir` does not exist (it is not created, to catch a mistyped path).
    UnknownNameError
        For a format other than json, tsv or graphml.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     sorted(p.name for p in export(out, "tsv"))
    ['entities.tsv', 'evidence.tsv', 'interactions.tsv', 'references.tsv']
    """
    if format not in _WRITERS:
        raise UnknownNameError("export format", format, list(FORMATS))
    out = Path(out_dir)
    if not out.is_dir():
        raise OutputPathError(f"output folder '{out}' does not exist or is not a folder; "
                                "create it first")
    staging = Path(tempfile.mkdtemp(prefix=".atlas-export-", dir=out))
    try:
        with opened(con) as db:
            written = _WRITERS[format](db, staging)
        final = [out / path.name for path in written]
        for path, target in zip(written, final, strict=True):
            os.replace(path, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final
