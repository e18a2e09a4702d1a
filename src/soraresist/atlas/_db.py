"""The embedded SQLite database, built from the records on first use and cached by checksum.

The curated files stay the source of truth: the database is a disposable index keyed by a
checksum of those files and of the schema version, rebuilt whenever either changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from soraresist._names import fold_name
from soraresist.atlas import _schema as S
from soraresist.atlas._records import Atlas, data_files, default_data_dir, load_atlas

CACHE_ENV = "SORARESIST_CACHE"

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE evidence (
    id TEXT PRIMARY KEY, position INTEGER UNIQUE, kind TEXT, file TEXT, line INTEGER,
    source TEXT, table_section TEXT, table_row INTEGER, subject TEXT, subject_as_written TEXT,
    subject_type TEXT, change_in_resistance TEXT, effect_on_sorafenib TEXT, mechanism TEXT,
    pathway TEXT, pathway_as_written TEXT, category TEXT, model_system TEXT, data TEXT);
CREATE TABLE evidence_pathways (evidence_id TEXT, pathway TEXT);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, symbol TEXT, type TEXT, name TEXT, synonyms TEXT, xrefs TEXT,
    drug_class TEXT, targets TEXT);
CREATE TABLE synonyms (entity_id TEXT, synonym TEXT, folded TEXT);
CREATE TABLE "references" (
    number INTEGER PRIMARY KEY, authors TEXT, title TEXT, journal TEXT, year TEXT, volume TEXT,
    pages TEXT, doi TEXT, pmid TEXT, citation TEXT);
CREATE TABLE evidence_references (evidence_id TEXT, number INTEGER, position INTEGER);
CREATE TABLE interactions (
    evidence_id TEXT, position INTEGER, source TEXT, target TEXT, type TEXT, sign INTEGER,
    canonical INTEGER, xref TEXT);
CREATE VIRTUAL TABLE evidence_fts USING fts5(
    id, subject, synonyms, mechanism, pathway, tokenize = 'unicode61 remove_diacritics 2');
CREATE INDEX synonyms_folded ON synonyms (folded);
CREATE INDEX evidence_pathways_pathway ON evidence_pathways (pathway);
CREATE INDEX evidence_references_number ON evidence_references (number);
CREATE INDEX interactions_ends ON interactions (source, target);
"""


def cache_dir() -> Path:
    """Where built databases live: ``$SORARESIST_CACHE``, else ``$XDG_CACHE_HOME/soraresist``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "soraresist"


def data_checksum(data_dir: Path) -> str:
    """Checksum of the schema version and of every data file's name and bytes."""
    digest = hashlib.sha256(f"schema {S.SCHEMA_VERSION}\n".encode())
    for path in data_files(data_dir):
        digest.update(f"{path.relative_to(data_dir).as_posix()}\n".encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()[:16]


def database_path(data_dir: Path | None = None) -> Path:
    """The cache file that holds (or will hold) the database of these records.

    Examples
    --------
    >>> database_path().suffix
    '.sqlite'
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    return cache_dir() / f"atlas-{data_checksum(data_dir)}.sqlite"


def connect(data_dir: Path | None = None) -> sqlite3.Connection:
    """Open the atlas database read-only, building it first when the records changed.

    Raises
    ------
    RecordFileError
        When a record file is malformed (the database is then not built).

    Examples
    --------
    >>> con = connect()
    >>> con.execute("SELECT COUNT(*) FROM evidence").fetchone()[0]
    243
    >>> con.close()
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    path = database_path(data_dir)
    if not path.exists():
        build_database(load_atlas(data_dir), data_dir, path)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                          check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con


@contextmanager
def opened(con: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
    """Use the caller's connection, or open the default atlas for the duration of one query."""
    if con is not None:
        yield con
        return
    own = connect()
    try:
        yield own
    finally:
        own.close()


def build_database(atlas: Atlas, data_dir: Path, path: Path) -> Path:
    """Write the database of `atlas` to `path` atomically (a temp file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".atlas-", suffix=".sqlite")
    os.close(handle)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.executescript(_TABLES)
            _fill(con, atlas, data_dir)
        con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _fill(con: sqlite3.Connection, atlas: Atlas, data_dir: Path) -> None:
    """Insert records, entities, references, links and the full-text index."""
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema_version", str(S.SCHEMA_VERSION)), ("checksum", data_checksum(data_dir))])
    entities = {r.values["id"]: r.values for r in atlas.entities}
    for e in entities.values():
        names = [e["id"], e["symbol"], *(e.get("synonyms") or [])]
        if e.get("name"):
            names.append(e["name"])
        con.execute("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
            e["id"], e["symbol"], e["type"], e.get("name"), json.dumps(e.get("synonyms") or []),
            json.dumps(e.get("xrefs") or {}), e.get("drug_class"),
            json.dumps(e.get("targets") or [])))
        con.executemany("INSERT INTO synonyms VALUES (?, ?, ?)",
                        [(e["id"], n, fold_name(n)) for n in dict.fromkeys(names)])
    columns = ", ".join(f'"{c}"' for c in S.REFERENCE_COLUMNS)
    con.executemany(f'INSERT INTO "references" ({columns}) VALUES ({", ".join("?" * 10)})',
                    [tuple(r[c] for c in S.REFERENCE_COLUMNS) for r in atlas.references])
    for position, record in enumerate(atlas.evidence, start=1):
        v = record.values
        con.execute("INSERT INTO evidence VALUES (" + ", ".join("?" * 19) + ")", (
            v["id"], position, S.record_kind(v["id"]),
            Path(record.path).relative_to(data_dir).as_posix(), record.line, v["source"],
            v.get("table_section"), v.get("table_row"), v["subject"], v["subject_as_written"],
            v["subject_type"], v["change_in_resistance"], v["effect_on_sorafenib"],
            v["mechanism"].strip(), json.dumps(v["pathway"], ensure_ascii=False),
            v.get("pathway_as_written"), v["category"], v["model_system"],
            json.dumps(v, ensure_ascii=False)))
        con.executemany("INSERT INTO evidence_pathways VALUES (?, ?)",
                        [(v["id"], p) for p in v["pathway"]])
        con.executemany("INSERT INTO evidence_references VALUES (?, ?, ?)",
                        [(v["id"], n, i) for i, n in enumerate(v["references"], start=1)])
        con.executemany("INSERT INTO interactions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (v["id"], i, e["source"], e["target"], e["type"], S.INTERACTION_SIGNS[e["type"]],
             int(bool(e.get("canonical"))), e.get("xref"))
            for i, e in enumerate(v["interactions"], start=1)])
        con.execute("INSERT INTO evidence_fts (rowid, id, subject, synonyms, mechanism, pathway)"
                    " VALUES (?, ?, ?, ?, ?, ?)", (position, *_index_text(v, entities)))


def _index_text(v: dict, entities: dict[str, dict]) -> tuple[str, str, str, str, str]:
    """The full-text columns of a record: names of its entities (also folded) and its text."""
    about = [v["subject"]] + [e[end] for e in v["interactions"] for end in ("source", "target")]
    names: list[str] = []
    for eid in dict.fromkeys(a for a in about if a):
        entity = entities.get(eid, {})
        spelled = [eid, entity.get("symbol") or eid, *(entity.get("synonyms") or [])]
        names += spelled + [fold_name(n) for n in spelled]
    subject = " ".join(x for x in (v["subject"], v["subject_as_written"]) if x)
    pathway = " ".join([*v["pathway"], v.get("pathway_as_written") or ""])
    return (v["id"], subject, " ".join(dict.fromkeys(names)), v["mechanism"],
            re.sub(r"\s+", " ", pathway).strip())
