"""Every row of the review's Tables 1-5 is exactly one atlas record, checked against the seed text.

The table structure is parsed from the review itself (never from counts typed by hand):
a table runs from the line ``Table N.`` (then its caption and an optional column-header line) to
the first blank line after a complete row. Inside it, a line ending in reference number(s) ends a
row; a line without one, directly followed by another line, is a sub-section heading; a line
without one followed by a blank line opens a row split over several lines (name and effect,
then pathway cells, then the reference number on a line of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from soraresist.atlas import check_atlas

TABLE_START = re.compile(r"^Table ([1-5])\.$")
ROW_END = re.compile(r"(?:^|\s)(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)$")
NUMBERS_ONLY = re.compile(r"^\d{1,3}(?:\s*[,–-]\s*\d{1,3})*$")


@dataclass(frozen=True)
class Row:
    """A table row of the review: where it stands, its text and its reference numbers."""

    source: str
    section: str
    number: int
    text: str
    references: tuple[int, ...]


def _numbers(cell: str) -> tuple[int, ...]:
    """Reference numbers of a cell such as ``21``, ``105,127`` or ``70–72``."""
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", cell.strip()):
        low, _, high = re.sub(r"\s*[–-]\s*", "-", part).partition("-")
        numbers += range(int(low), int(high) + 1) if high else [int(low)]
    return tuple(numbers)


def parse_tables(text: str) -> list[Row]:
    """The rows of Tables 1-5 in the review's text, in order."""
    lines = text.splitlines()
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        start = TABLE_START.match(lines[i].strip())
        i += 1
        if not start:
            continue
        source, section, number, pending = f"Table {start.group(1)}", "", 0, []
        while i < len(lines) and not lines[i].strip():
            i += 1
        i += 1  # the caption
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i < len(lines) and lines[i].rstrip().endswith("Reference"):
            i += 1  # the column headers
        while i < len(lines):
            line = lines[i].strip()
            following = lines[i + 1].strip() if i + 1 < len(lines) else ""
            i += 1
            if not line:
                if pending:
                    continue
                break
            end = ROW_END.search(line)
            if end:
                body = " ".join([*pending, line[:end.start()].strip()]).strip()
                number += 1
                rows.append(Row(source, section, number, body, _numbers(end.group(1))))
                pending = []
            elif pending or not following:
                pending.append(line)
            else:
                section = line
    return rows


def test_parse_tables_reads_headings_split_rows_and_reference_lists():
    text = "\n".join([
        "Intro", "", "Table 2.", "", "Caption", "",
        "Molecules/drugs Expression Major effects Pathway Reference",
        "Group A", "ABC1 Up Does a thing Akt 21", "Group B",
        "XYZ2 Raises stress", "", "HIF-1α", "", "NF-κB", "", "101,102",
        "Row without subject 70–72", "", "Next section", "", "Prose paragraph.",
    ])
    rows = parse_tables(text)
    assert [(r.section, r.number, r.references) for r in rows] == [
        ("Group A", 1, (21,)), ("Group B", 2, (101, 102)), ("Group B", 3, (70, 71, 72))]
    assert rows[0].text == "ABC1 Up Does a thing Akt"
    assert rows[1].text == "XYZ2 Raises stress HIF-1α NF-κB"


@pytest.fixture(scope="module")
def seed_rows(seed: Path) -> list[Row]:
    rows = parse_tables(seed.read_text(encoding="utf-8"))
    assert {r.source for r in rows} == {f"Table {n}" for n in range(1, 6)}
    return rows


@pytest.fixture(scope="module")
def table_records() -> dict[tuple, list[dict]]:
    atlas, _ = check_atlas()
    found: dict[tuple, list[dict]] = {}
    for record in atlas.evidence:
        v = record.values
        if str(v.get("source", "")).startswith("Table"):
            found.setdefault((v["source"], v.get("table_section"), v.get("table_row")),
                             []).append(v)
    assert found, "no table records under atlas/data/evidence/"
    return found


def test_seed_tables_have_rows_in_every_section(seed_rows):
    sections = {(r.source, r.section) for r in seed_rows}
    assert all(section for _, section in sections)
    assert all(r.references for r in seed_rows)


def test_every_table_row_is_exactly_one_record(seed_rows, table_records):
    missing = [f"{r.source} / {r.section} / row {r.number}: {r.text[:60]}" for r in seed_rows
               if len(table_records.get((r.source, r.section, r.number), [])) != 1]
    expected = {(r.source, r.section, r.number) for r in seed_rows}
    extra = [f"{k} -> {[v['id'] for v in vs]}" for k, vs in table_records.items()
             if k not in expected]
    assert not missing and not extra, f"rows without exactly one record: {missing}; " \
                                      f"records matching no row: {extra}"


def test_table_records_cite_the_rows_references(seed_rows, table_records):
    wrong = [f"{v['id']}: {v['references']} != {list(r.references)}"
             for r in seed_rows for v in table_records.get((r.source, r.section, r.number), [])
             if tuple(v["references"]) != r.references]
    assert not wrong, wrong


def test_table_records_name_the_rows_subject(seed_rows, table_records):
    wrong = [f"{v['id']}: '{v['subject_as_written']}' does not start '{r.text[:40]}'"
             for r in seed_rows for v in table_records.get((r.source, r.section, r.number), [])
             if v.get("subject_as_written") and not r.text.startswith(v["subject_as_written"])]
    assert not wrong, wrong
