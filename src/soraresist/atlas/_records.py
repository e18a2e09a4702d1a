"""Load the curated atlas files and check them against the schema, naming file, line and field.

Problems are collected over all files and raised together, so one run of the checks shows the
curator everything to fix.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from soraresist.atlas import _schema as S
from soraresist.atlas import _vocabulary
from soraresist.errors import RecordFileError

DATA_ENV = "SORARESIST_ATLAS_DATA"
_SHOWN = 20
"""Problems spelled out in one error message; all of them stay in its ``problems``."""


@dataclass
class Record:
    """One YAML mapping with where it stands: the file, its first line and each field's line."""

    values: dict[str, Any]
    path: str
    line: int
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def where(self, name: str | None, item: int | None = None) -> int:
        """The line of field `name` (of its `item`-th list entry when given), or of the record."""
        if name in self.item_lines and item is not None and item < len(self.item_lines[name]):
            return self.item_lines[name][item]
        return self.lines.get(name, self.line) if name else self.line


@dataclass
class Atlas:
    """The validated contents of an atlas data folder."""

    evidence: list[Record]
    entities: list[Record]
    references: list[dict[str, Any]]
    files: list[Path]


def default_data_dir() -> Path:
    """The packaged records, or the folder named by ``$SORARESIST_ATLAS_DATA``."""
    return Path(os.environ.get(DATA_ENV) or Path(__file__).parent / "data")


_EVIDENCE_ORDER = ("table", "text_", "strategies", "clinical")


def _evidence_order(path: Path) -> tuple[int, str]:
    """Tables first, then text-only findings, strategies, clinical context: the review's order."""
    rank = [i for i, prefix in enumerate(_EVIDENCE_ORDER) if path.name.startswith(prefix)]
    return (rank[0] if rank else len(_EVIDENCE_ORDER), path.name)


def data_files(data_dir: Path) -> list[Path]:
    """The files the atlas is built from, in a stable order (also the input of the cache key)."""
    evidence = sorted((data_dir / "evidence").glob("*.yaml"), key=_evidence_order)
    return [*evidence, data_dir / "entities.yaml", data_dir / "references.tsv"]


def _records_of(path: Path) -> tuple[list[Record], list[RecordFileError]]:
    """Parse a YAML list of mappings, keeping the line of every record and field."""
    text = path.read_text(encoding="utf-8")
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return [], [RecordFileError(str(path), line, None, f"not valid YAML: {exc.problem}")]
    finally:
        loader.dispose()
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [RecordFileError(str(path), root.start_mark.line + 1, None,
                                    "expected a list of records (lines starting with '- ')")]
    records, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(RecordFileError(str(path), line, None,
                                            "expected a record (a mapping of field: value)"))
            continue
        record = Record({}, str(path), line)
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in record.values:
                problems.append(RecordFileError(str(path), key_node.start_mark.line + 1, key,
                                                "field given twice in one record"))
                continue
            record.values[key] = loader.construct_object(value_node, deep=True)
            record.lines[key] = value_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                record.item_lines[key] = [n.start_mark.line + 1 for n in value_node.value]
        records.append(record)
    return records, problems


class _Checker:
    """Accumulates problems against one record; each check names the field it looks at."""

    def __init__(self, record: Record, problems: list[RecordFileError]):
        self.record, self.problems = record, problems

    def fail(self, name: str | None, message: str, item: int | None = None) -> None:
        self.problems.append(
            RecordFileError(self.record.path, self.record.where(name, item), name, message))

    def fields(self, required: Iterable[str], optional: Iterable[str]) -> None:
        required = tuple(required)
        allowed = set(required) | set(optional)
        for name in required:
            if name not in self.record.values:
                self.fail(name, "required field is missing (write null or [] when not stated)")
        for name in self.record.values:
            if name not in allowed:
                self.fail(name, f"unknown field; allowed: {', '.join(sorted(allowed))}")

    def text(self, name: str, *, nullable: bool) -> None:
        value = self.record.values.get(name)
        if value is None and nullable:
            return
        if not isinstance(value, str) or not value.strip():
            self.fail(name, f"expected {'text or null' if nullable else 'non-empty text'}, "
                            f"got {value!r}")

    def choice(self, name: str, allowed: tuple[str, ...], value: Any = ..., *,
               nullable: bool = False) -> None:
        value = self.record.values.get(name) if value is ... else value
        if value is None and nullable:
            return
        if value not in allowed:
            self.fail(name, f"'{value}' is not allowed; allowed: {', '.join(allowed)}")

    def str_list(self, name: str) -> list[str]:
        value = self.record.values.get(name, [])
        if value is None or not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value):
            self.fail(name, f"expected a list of names ([] when none), got {value!r}")
            return []
        return value


def check_evidence(record: Record, problems: list[RecordFileError]) -> None:
    """Check one evidence record on its own: fields present, values allowed, id and source agree."""
    c, v = _Checker(record, problems), record.values
    is_table = str(v.get("source", "")).startswith("Table")
    c.fields(S.EVIDENCE_REQUIRED + (S.EVIDENCE_TABLE_FIELDS if is_table else ()),
             S.EVIDENCE_OPTIONAL)
    rid = v.get("id")
    if not isinstance(rid, str) or not S.ID_PATTERN.match(rid):
        c.fail("id", f"'{rid}' is not a record id; expected T<table>-<row> (T1-01), "
                     "TXT-<SECTION>-<nn>, STR-<nn> or CLN-<nn>")
        rid = None
    source = v.get("source")
    if is_table:
        c.choice("source", S.TABLES)
        c.text("table_section", nullable=False)
        row = v.get("table_row")
        if not isinstance(row, int) or isinstance(row, bool) or row < 1:
            c.fail("table_row", f"expected the row's 1-based position in its table, got {row!r}")
        elif rid and (not rid.startswith("T") or rid.startswith("TXT")):
            c.fail("id", f"a table row's id must be T<table>-<row>, got '{rid}'")
        elif rid and rid != f"T{str(source)[-1]}-{row:02d}":
            c.fail("id", f"id '{rid}' does not match {source} row {row} "
                         f"(expected T{str(source)[-1]}-{row:02d})")
    elif not isinstance(source, str) or not source.startswith(S.SECTION_PREFIX) or not source[
            len(S.SECTION_PREFIX):].strip():
        c.fail("source", f"'{source}' is not allowed; expected 'Table 1'..'Table 5' or "
                         f"'{S.SECTION_PREFIX}<heading as printed>'")
    elif rid and rid.startswith("T") and not rid.startswith("TXT"):
        c.fail("id", f"'{rid}' names a table row but the source is '{source}'")
    c.text("subject", nullable=True)
    c.text("subject_as_written", nullable=True)
    c.choice("subject_type", S.SUBJECT_TYPES, nullable=v.get("subject") is None)
    for name in ("change_in_resistance", "effect_on_sorafenib", "category"):
        c.choice(name, S.CONTROLLED[name])
    c.text("mechanism", nullable=False)
    for pathway in c.str_list("pathway"):
        c.choice("pathway", S.PATHWAYS, pathway)
    c.text("pathway_as_written", nullable=True)
    c.text("model_system", nullable=True)
    refs = v.get("references")
    if not isinstance(refs, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in refs):
        c.fail("references", f"expected a list of reference numbers, got {refs!r}")
    interactions = v.get("interactions")
    if not isinstance(interactions, list):
        c.fail("interactions", f"expected a list of {{source, target, type}} ([] when none), "
                               f"got {interactions!r}")
        return
    for item, edge in enumerate(interactions):
        if not isinstance(edge, dict):
            c.fail("interactions", f"expected {{source, target, type}}, got {edge!r}", item)
            continue
        missing = [k for k in S.INTERACTION_REQUIRED if not edge.get(k)]
        unknown = [k for k in edge if k not in S.INTERACTION_REQUIRED + S.INTERACTION_OPTIONAL]
        if missing or unknown:
            c.fail("interactions", f"{edge!r}: missing keys {missing or 'none'}, unknown keys "
                                   f"{unknown or 'none'} (a comma inside an unquoted flow "
                                   "value starts a new key: quote such text)", item)
        if edge.get("type") not in S.INTERACTION_TYPES:
            c.fail("interactions", f"type '{edge.get('type')}' is not allowed; allowed: "
                                   f"{', '.join(S.INTERACTION_TYPES)}", item)


@cache
def vocabulary_ids(kind: str) -> frozenset[str]:
    """Identifiers of one xref kind that the offline vocabulary holds (read once per process)."""
    table, column = S.XREF_SOURCES[kind]
    return frozenset(row[column] for row in _vocabulary.read_table(table))


def _check_xrefs(c: _Checker, xrefs: Any) -> None:
    """Each identifier is of a known kind and found in the vocabulary, never typed from memory."""
    if not isinstance(xrefs, dict):
        c.fail("xrefs", f"expected a mapping of database: identifier, got {xrefs!r}")
        return
    for kind, value in xrefs.items():
        if kind not in S.XREF_SOURCES:
            c.fail("xrefs", f"unknown identifier kind '{kind}'; allowed: "
                            f"{', '.join(S.XREF_SOURCES)}")
            continue
        several = kind in S.XREF_LISTS and isinstance(value, list) and value
        for one in value if several else [value]:
            if not isinstance(one, str) or one not in vocabulary_ids(kind):
                c.fail("xrefs", f"{kind} '{one}' is not in vocabulary/{S.XREF_SOURCES[kind][0]}; "
                                "identifiers come only from the vocabulary")


def check_entity(record: Record, problems: list[RecordFileError]) -> None:
    """Check one entity on its own: fields present, type allowed, identifiers in the vocabulary,
    drug fields only on drugs."""
    c, v = _Checker(record, problems), record.values
    c.fields(S.ENTITY_REQUIRED, S.ENTITY_OPTIONAL)
    c.text("id", nullable=False)
    c.text("symbol", nullable=False)
    c.choice("type", S.SUBJECT_TYPES)
    c.text("name", nullable=True)
    c.str_list("synonyms")
    _check_xrefs(c, v.get("xrefs") or {})
    if "unresolved" in v:
        c.text("unresolved", nullable=False)
    if v.get("type") not in S.DRUG_TYPES:
        for name in S.ENTITY_DRUG_FIELDS:
            if v.get(name):
                c.fail(name, f"only compounds and biologics carry '{name}'")
    c.text("drug_class", nullable=True)
    c.str_list("targets")


def read_references(path: Path) -> tuple[list[dict[str, Any]], list[RecordFileError]]:
    """Read references.tsv: one row per bibliography number; empty cells become None."""
    if not path.exists():
        return [], [RecordFileError(str(path), None, None, "file is missing")]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in S.REFERENCE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return [], [RecordFileError(str(path), 1, None,
                                        f"missing columns {missing}; expected "
                                        f"{', '.join(S.REFERENCE_COLUMNS)}")]
        rows, problems, seen = [], [], set()
        for line, row in enumerate(reader, start=2):
            ref = {c: (row.get(c) or "").strip() or None for c in S.REFERENCE_COLUMNS}
            number = ref["number"] or ""
            if not number.isdigit() or int(number) in seen:
                problems.append(RecordFileError(str(path), line, "number",
                                                f"'{number}' is not a new reference number"))
                continue
            ref["number"] = int(number)
            seen.add(ref["number"])
            rows.append(ref)
    return rows, problems


def _check_links(atlas: Atlas, problems: list[RecordFileError]) -> None:
    """Check what spans records: unique ids and table rows, resolvable references and entities."""
    numbers = {ref["number"] for ref in atlas.references}
    entity_ids: set[str] = set()
    for record in atlas.entities:
        eid = record.values.get("id")
        if eid in entity_ids:
            _Checker(record, problems).fail("id", f"entity '{eid}' is defined twice")
        entity_ids.add(eid)
    for record in atlas.entities:
        for target in record.values.get("targets") or []:
            if target not in entity_ids:
                _Checker(record, problems).fail("targets", f"target '{target}' is not an entity")
    seen: dict[str, str] = {}
    rows: dict[tuple, str] = {}
    for record in atlas.evidence:
        c, v = _Checker(record, problems), record.values
        rid = v.get("id")
        if rid in seen:
            c.fail("id", f"id '{rid}' is already used at {seen[rid]}")
        seen.setdefault(rid, f"{record.path}:{record.line}")
        if str(v.get("source", "")).startswith("Table"):
            row = (v.get("source"), v.get("table_row"))
            if row in rows:
                c.fail("table_row", f"{row[0]} row {row[1]} is already record {rows[row]}")
            rows.setdefault(row, rid)
        for number in v.get("references") or []:
            if number not in numbers:
                c.fail("references", f"reference {number} is not in references.tsv "
                                     f"(1..{max(numbers, default=0)})")
        used = [("subject", None, v.get("subject"))] + [
            ("interactions", item, edge.get(end))
            for item, edge in enumerate(v.get("interactions") or [])
            if isinstance(edge, dict) for end in ("source", "target")]
        for name, item, eid in used:
            if eid is not None and eid not in entity_ids:
                close = [e for e in entity_ids if e.lower() == str(eid).lower()]
                hint = f"; did you mean '{close[0]}'?" if close else ""
                c.fail(name, f"entity '{eid}' is not defined in the entities{hint}", item)


def check_atlas(data_dir: Path | None = None) -> tuple[Atlas, list[RecordFileError]]:
    """Load every atlas file and return it with every problem found (empty when valid).

    Examples
    --------
    >>> atlas, problems = check_atlas()
    >>> len(atlas.evidence), problems
    (243, [])
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    files = data_files(data_dir)
    problems: list[RecordFileError] = []
    evidence: list[Record] = []
    entities: list[Record] = []
    if not any(f.parent.name == "evidence" for f in files):
        problems.append(RecordFileError(str(data_dir / "evidence"), None, None,
                                        "no evidence/*.yaml files"))
    for path in files[:-1]:
        if not path.exists():
            problems.append(RecordFileError(str(path), None, None, "file is missing"))
            continue
        records, found = _records_of(path)
        problems += found
        (evidence if path.parent.name == "evidence" else entities).extend(records)
    for record in evidence:
        check_evidence(record, problems)
    for record in entities:
        check_entity(record, problems)
    references, found = read_references(files[-1])
    problems += found
    atlas = Atlas(evidence, entities, references, files)
    _check_links(atlas, problems)
    return atlas, problems


def load_atlas(data_dir: Path | None = None) -> Atlas:
    """Load and validate the atlas; raise one `RecordFileError` listing every problem.

    Raises
    ------
    RecordFileError
        Names the file, line and field of the first problem; its message lists all of them,
        and its ``problems`` attribute holds each one.

    Examples
    --------
    >>> len(load_atlas().evidence)
    243
    """
    atlas, problems = check_atlas(data_dir)
    if problems:
        first = problems[0]
        text = first.message
        if len(problems) > 1:
            text += f"\n{len(problems) - 1} more problem(s):\n" + "\n".join(
                f"  {p}" for p in problems[1:_SHOWN])
        if len(problems) > _SHOWN:
            text += f"\n  ... {len(problems) - _SHOWN} more (run check_atlas() for all)"
        error = RecordFileError(first.path, first.line, first.field, text)
        error.problems = problems
        raise error
    return atlas
