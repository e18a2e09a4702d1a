"""Queries over the atlas database, each returning a pandas DataFrame (or a dict for one record).

Free text is resolved through entity synonyms first (case, Greek letters, hyphens and spaces
folded), so ``HIF-2α``, ``EPAS1`` and ``hif2a`` find the same records.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

import pandas as pd

from soraresist._names import fold_name
from soraresist.atlas import _schema as S
from soraresist.atlas._db import opened
from soraresist.errors import UnknownNameError

EVIDENCE_COLUMNS = [
    "evidence_id", "source", "table_section", "table_row", "subject", "subject_as_written",
    "subject_type", "category", "change_in_resistance", "effect_on_sorafenib", "pathway",
    "pathway_as_written", "mechanism", "model_system", "references",
]


def _allowed(kind: str, value: str, allowed: tuple[str, ...] | list[str]) -> str:
    """The allowed value `value` names (ignoring case, Greek letters, hyphens, spaces)."""
    for choice in allowed:
        if fold_name(choice) == fold_name(value) and (fold_name(value) or choice == value):
            return choice
    raise UnknownNameError(kind, value, list(allowed))


_MATURE_ARM = re.compile(r"^(?P<stem>.*mir.*?)[-_ ]?[35]p$", re.IGNORECASE)


def resolve_entity(name: str, *, con: sqlite3.Connection | None = None) -> list[str]:
    """Entity ids that `name` spells (id, symbol, synonym or full name); [] when none.

    A mature miRNA arm (``miR-21-5p``) the atlas does not hold resolves to its stem-loop entity
    (``hsa-miR-21``) where the review names no arm: such an entity stands for both arms. It
    never resolves to an entity of the other arm.

    Examples
    --------
    >>> resolve_entity("HIF-2α"), resolve_entity("c-Met"), resolve_entity("hsa-miR-21-5p")
    (['EPAS1'], ['MET'], ['hsa-miR-21'])
    """
    with opened(con) as db:
        found = _named(db, name)
        arm = _MATURE_ARM.match(name.strip())
        if not found and arm:
            found = [e for e in _named(db, arm["stem"]) if not _MATURE_ARM.match(e)]
    return found


def _named(db: sqlite3.Connection, name: str) -> list[str]:
    rows = db.execute("SELECT DISTINCT entity_id FROM synonyms WHERE folded = ? "
                      "ORDER BY entity_id", (fold_name(name),)).fetchall()
    return [r[0] for r in rows]


def _phrase(text: str) -> str:
    """An FTS5 phrase that matches `text` literally (never FTS syntax)."""
    return '"' + text.replace('"', '""') + '"'


def _fts_ids(db: sqlite3.Connection, query: str) -> set[str]:
    rows = db.execute("SELECT e.id FROM evidence_fts JOIN evidence e ON e.position = "
                      "evidence_fts.rowid WHERE evidence_fts MATCH ?", (query,)).fetchall()
    return {r[0] for r in rows}


def _about(db: sqlite3.Connection, entity_ids: list[str]) -> set[str]:
    """Records whose subject is one of the entities or whose interactions involve one."""
    marks = ", ".join("?" * len(entity_ids))
    rows = db.execute(f"SELECT id FROM evidence WHERE subject IN ({marks}) UNION SELECT "
                      f"evidence_id FROM interactions WHERE source IN ({marks}) OR target IN "
                      f"({marks})", entity_ids * 3).fetchall()
    return {r[0] for r in rows}


def _text_ids(db: sqlite3.Connection, text: str) -> set[str]:
    """Records about the entity the text names or mentioning any of its spellings, and records
    whose indexed text holds every word of `text`."""
    ids: set[str] = set()
    terms = [t for t in text.split() if any(ch.isalnum() for ch in t)]
    if terms:
        ids |= _fts_ids(db, " ".join(_phrase(t) for t in terms))
    entity_ids = resolve_entity(text, con=db)
    if entity_ids:
        ids |= _about(db, entity_ids)
        marks = ", ".join("?" * len(entity_ids))
        spellings = [r[0] for r in db.execute(
            f"SELECT DISTINCT synonym FROM synonyms WHERE entity_id IN ({marks})", entity_ids)
            if any(ch.isalnum() for ch in r[0])]
        ids |= _fts_ids(db, " OR ".join(_phrase(s) for s in spellings))
    return ids


def _evidence_frame(db: sqlite3.Connection, where: str, params: list[Any]) -> pd.DataFrame:
    rows = db.execute(
        "SELECT e.*, (SELECT json_group_array(number) FROM (SELECT number FROM "
        "evidence_references r WHERE r.evidence_id = e.id ORDER BY position)) AS refs "
        f"FROM evidence e WHERE {where} ORDER BY e.position", params).fetchall()
    frame = pd.DataFrame([{
        **{c: r[c] for c in EVIDENCE_COLUMNS if c not in ("evidence_id", "pathway", "references")},
        "evidence_id": r["id"], "pathway": json.loads(r["pathway"]),
        "references": json.loads(r["refs"]),
    } for r in rows], columns=EVIDENCE_COLUMNS)
    frame["table_row"] = frame["table_row"].astype("Int64")
    return frame


def search(text: str | None = None, *, entity: str | None = None, category: str | None = None,
           pathway: str | None = None, effect: str | None = None, reference: int | None = None,
           source: str | None = None, con: sqlite3.Connection | None = None) -> pd.DataFrame:
    """Evidence records matching every criterion given, in the review's order.

    Parameters
    ----------
    text
        Free text: an entity's name or synonym finds the records about it or mentioning it;
        other words must all occur in the record's id, subject, names, mechanism or pathway.
    entity
        Entity id or synonym: only records whose subject or interactions involve it.
    category, pathway, effect
        Controlled values of docs/atlas.md (case-insensitive).
    reference
        A bibliography number of the review.
    source
        ``Table 1``..``Table 5`` or a section heading (with or without ``Section: ``).
    con
        An open atlas connection; the default atlas is opened when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per record: ``evidence_id``, ``source``, ``subject``, ``category``,
        ``effect_on_sorafenib``, ``pathway`` (list), ``mechanism``, ``references`` (list), ...

    Raises
    ------
    UnknownNameError
        For an unknown entity, category, pathway, effect, reference or source; the message
        lists the closest allowed values.

    Examples
    --------
    >>> table = search("EPAS1", category="hypoxia")
    >>> table.evidence_id.tolist()[:3]
    ['T4-05', 'T4-06', 'T4-07']
    """
    with opened(con) as db:
        where, params = ["1"], []
        if text is not None and text.strip():
            where.append("e.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(_text_ids(db, text))))
        if entity is not None:
            ids = resolve_entity(entity, con=db)
            if not ids:
                known = [r[0] for r in db.execute("SELECT synonym FROM synonyms")]
                raise UnknownNameError("entity", entity, known)
            where.append("e.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(_about(db, ids))))
        if category is not None:
            where.append("e.category = ?")
            params.append(_allowed("category", category, S.CATEGORIES))
        if effect is not None:
            where.append("e.effect_on_sorafenib = ?")
            params.append(_allowed("effect", effect, S.EFFECTS))
        if pathway is not None:
            where.append("e.id IN (SELECT evidence_id FROM evidence_pathways WHERE pathway = ?)")
            params.append(_allowed("pathway", pathway, S.PATHWAYS))
        if reference is not None:
            numbers = [str(r[0]) for r in db.execute('SELECT number FROM "references"')]
            number = _allowed("reference number", str(reference), numbers)
            where.append("e.id IN (SELECT evidence_id FROM evidence_references WHERE number = ?)")
            params.append(int(number))
        if source is not None:
            sources = [r[0] for r in db.execute("SELECT DISTINCT source FROM evidence")]
            bare = {s.removeprefix(S.SECTION_PREFIX): s for s in sources}
            where.append("e.source = ?")
            params.append(bare.get(_allowed("source", source.removeprefix(S.SECTION_PREFIX),
                                            list(bare))))
        return _evidence_frame(db, " AND ".join(where), params)


def record(record_id: str, *, con: sqlite3.Connection | None = None) -> dict[str, Any]:
    """One evidence record as curated, with its entities and its references resolved.

    Raises
    ------
    UnknownNameError
        When no record has this id (the closest ids are listed).

    Examples
    --------
    >>> r = record("T1-02")
    >>> r["subject"], [ref["number"] for ref in r["references"]]
    ('NEAT1', [22])
    """
    with opened(con) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM evidence ORDER BY position")]
        rid = _allowed("record id", record_id, ids)
        row = db.execute("SELECT kind, file, line, data FROM evidence WHERE id = ?",
                         (rid,)).fetchone()
        result = json.loads(row["data"])
        result.update(kind=row["kind"], file=row["file"], line=row["line"])
        refs = db.execute('SELECT r.* FROM evidence_references er JOIN "references" r ON '
                          "r.number = er.number WHERE er.evidence_id = ? ORDER BY er.position",
                          (rid,)).fetchall()
        result["references"] = [_reference(dict(r)) for r in refs]
        names = [result["subject"]] + [e[end] for e in result["interactions"]
                                       for end in ("source", "target")]
        names = list(dict.fromkeys(n for n in names if n))
        result["entities"] = [_entity(dict(db.execute("SELECT * FROM entities WHERE id = ?",
                                                      (n,)).fetchone())) for n in names]
    return result


def _reference(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "url": f"https://doi.org/{row['doi']}" if row.get("doi") else None}


def _entity(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, **{k: json.loads(row[k]) for k in ("synonyms", "xrefs", "targets")}}


def entities(*, con: sqlite3.Connection | None = None) -> pd.DataFrame:
    """Every entity: ``id``, ``symbol``, ``type``, ``name``, ``synonyms``, ``xrefs``,
    ``drug_class``, ``targets`` and ``n_evidence`` (records about it).

    Examples
    --------
    >>> table = entities()
    >>> table.set_index("id").loc["EPAS1", "type"]
    'gene'
    """
    with opened(con) as db:
        rows = db.execute(
            "WITH mentions AS (SELECT id AS evidence_id, subject AS entity_id FROM evidence "
            "UNION SELECT evidence_id, source FROM interactions "
            "UNION SELECT evidence_id, target FROM interactions) "
            "SELECT n.*, count(m.evidence_id) AS n_evidence FROM entities n "
            "LEFT JOIN mentions m ON m.entity_id = n.id GROUP BY n.id ORDER BY n.id").fetchall()
    columns = ["id", "symbol", "type", "name", "synonyms", "xrefs", "drug_class", "targets",
               "n_evidence"]
    return pd.DataFrame([_entity(dict(r)) for r in rows], columns=columns)


def references(*, con: sqlite3.Connection | None = None) -> pd.DataFrame:
    """The review's bibliography as printed, with a DOI link and ``n_evidence`` citing records.

    Examples
    --------
    >>> table = references()
    >>> len(table), int(table.doi.notna().sum())
    (172, 163)
    """
    with opened(con) as db:
        rows = db.execute(
            'SELECT r.*, (SELECT count(DISTINCT evidence_id) FROM evidence_references er '
            'WHERE er.number = r.number) AS n_evidence FROM "references" r '
            "ORDER BY r.number").fetchall()
    columns = [*S.REFERENCE_COLUMNS, "url", "n_evidence"]
    return pd.DataFrame([_reference(dict(r)) for r in rows], columns=columns)


def interactions(*, con: sqlite3.Connection | None = None) -> pd.DataFrame:
    """Every signed interaction: ``source``, ``target``, ``type``, ``sign``, ``evidence_id``,
    ``canonical`` and the record's ``references``.

    Examples
    --------
    >>> table = interactions()
    >>> set(table.type) <= {"activates", "inhibits", "sponges", "transports", "secretes"}
    True
    """
    with opened(con) as db:
        rows = db.execute(
            "SELECT i.source, i.target, i.type, i.sign, i.evidence_id, i.canonical, "
            "(SELECT json_group_array(number) FROM (SELECT number FROM evidence_references r "
            "WHERE r.evidence_id = i.evidence_id ORDER BY position)) AS refs FROM interactions i "
            "JOIN evidence e ON e.id = i.evidence_id ORDER BY e.position, i.position").fetchall()
    return pd.DataFrame([{**dict(r), "canonical": bool(r["canonical"]),
                          "references": json.loads(r["refs"])} for r in rows],
                        columns=["source", "target", "type", "sign", "evidence_id", "canonical",
                                 "references"])


def stats(*, con: sqlite3.Connection | None = None) -> pd.DataFrame:
    """Counts as a long table (``group``, ``name``, ``count``): records by source, table
    section, kind, category and effect; references and DOIs; entities by type.

    Examples
    --------
    >>> table = stats()
    >>> int(table.query("group == 'references' and name == 'with DOI'")["count"].iloc[0])
    163
    """
    queries = [
        ("source", "SELECT source, count(*) FROM evidence GROUP BY source "
                   "ORDER BY min(position)"),
        ("table section", "SELECT source || ' / ' || table_section, count(*) FROM evidence "
                          "WHERE table_section IS NOT NULL GROUP BY source, table_section "
                          "ORDER BY min(position)"),
        ("kind", "SELECT kind, count(*) FROM evidence GROUP BY kind ORDER BY min(position)"),
        ("category", "SELECT category, count(*) FROM evidence GROUP BY category "
                     "ORDER BY count(*) DESC, category"),
        ("effect", "SELECT effect_on_sorafenib, count(*) FROM evidence "
                   "GROUP BY effect_on_sorafenib ORDER BY count(*) DESC, effect_on_sorafenib"),
        ("references", "SELECT 'references', count(*) FROM \"references\" UNION ALL "
                       "SELECT 'with DOI', count(doi) FROM \"references\" UNION ALL "
                       "SELECT 'cited by records', count(DISTINCT number) "
                       "FROM evidence_references"),
        ("entities", "SELECT type, count(*) FROM entities GROUP BY type "
                     "ORDER BY count(*) DESC, type"),
    ]
    with opened(con) as db:
        rows = [(group, name, count) for group, sql in queries
                for name, count in db.execute(sql).fetchall()]
    return pd.DataFrame(rows, columns=["group", "name", "count"])
