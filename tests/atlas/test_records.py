"""Validation of the curated files: schema, unique ids, references and entities that resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from soraresist.atlas import check_atlas, load_atlas
from soraresist.atlas._records import data_files
from soraresist.errors import RecordFileError

FIXTURE_DATA = Path(__file__).parent / "data"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def test_fixture_atlas_is_valid():
    atlas, problems = check_atlas(FIXTURE_DATA)
    assert problems == []
    assert [r.values["id"] for r in atlas.evidence][:3] == ["T1-01", "T1-02", "T3-03"]
    assert len(atlas.references) == 10


def test_evidence_files_come_in_the_reviews_order():
    names = [p.name for p in data_files(FIXTURE_DATA)]
    assert names == ["table1.yaml", "table3.yaml", "table4.yaml", "text_hypoxia.yaml",
                     "strategies.yaml", "clinical.yaml", "entities.yaml", "references.tsv"]


def test_invalid_yaml_names_file_and_line(data_copy):
    path = data_copy / "evidence" / "table3.yaml"
    _edit(path, "  category: autophagy", "  category: [autophagy")
    with pytest.raises(RecordFileError) as caught:
        load_atlas(data_copy)
    assert caught.value.path == str(path)
    assert caught.value.line is not None and caught.value.line >= _line_of(path, "category")
    assert "not valid YAML" in str(caught.value)


def test_bad_controlled_value_names_field_line_and_allowed_values(data_copy):
    path = data_copy / "evidence" / "table3.yaml"
    _edit(path, "category: autophagy", "category: autophagie")
    with pytest.raises(RecordFileError) as caught:
        load_atlas(data_copy)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), _line_of(path, "category"),
                                                     "category")
    assert "'autophagie' is not allowed" in str(error) and "ferroptosis" in str(error)


def test_missing_field_and_unknown_field_are_reported(data_copy):
    path = data_copy / "evidence" / "clinical.yaml"
    _edit(path, "  model_system: patients with advanced HCC\n", "  modelsystem: patients\n")
    _, problems = check_atlas(data_copy)
    assert {(p.field, p.path) for p in problems} == {("model_system", str(path)),
                                                     ("modelsystem", str(path))}


def test_all_problems_are_collected_and_raised_together(data_copy):
    table1 = data_copy / "evidence" / "table1.yaml"
    _edit(table1, "references: [21]", "references: [999]")
    _edit(table1, "target: AKT1", "target: AKT9")
    _edit(data_copy / "evidence" / "strategies.yaml", "id: STR-01", "id: T1-02")
    with pytest.raises(RecordFileError) as caught:
        load_atlas(data_copy)
    problems = caught.value.problems
    messages = "\n".join(str(p) for p in problems)
    assert "reference 999 is not in references.tsv" in messages
    assert "entity 'AKT9' is not defined" in messages
    assert "id 'T1-02' is already used at" in messages
    assert f"{len(problems) - 1} more problem(s)" in str(caught.value)
    assert caught.value.field == problems[0].field
    assert str(caught.value).startswith(str(problems[0]) + "\n")  # its prefix once


def test_table_row_id_must_match_its_position(data_copy):
    path = data_copy / "evidence" / "table3.yaml"
    _edit(path, "table_row: 3", "table_row: 4")
    _, problems = check_atlas(data_copy)
    assert [(p.field, p.line) for p in problems] == [("id", _line_of(path, "id: T3-03"))]
    assert "expected T3-04" in str(problems[0])


def test_same_table_row_twice_is_an_error(data_copy):
    path = data_copy / "evidence" / "table1.yaml"
    _edit(path, "id: T1-02", "id: T1-01")
    _edit(path, "table_row: 2", "table_row: 1")
    _, problems = check_atlas(data_copy)
    assert {p.field for p in problems} == {"id", "table_row"}


def test_entity_defined_twice_and_bad_type(data_copy):
    path = data_copy / "entities.yaml"
    _edit(path, "- id: NEAT1", "- id: SNHG1")
    _edit(path, "type: miRNA", "type: microRNA")
    _, problems = check_atlas(data_copy)
    fields = sorted((p.field, p.path) for p in problems)
    assert ("id", str(path)) in fields and ("type", str(path)) in fields
    assert any("'NEAT1' is not defined" in str(p) for p in problems)


def test_references_file_with_a_repeated_number(data_copy):
    path = data_copy / "references.tsv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n")
    _, problems = check_atlas(data_copy)
    assert [(p.path, p.line, p.field) for p in problems] == [(str(path), len(lines) + 1,
                                                              "number")]


def test_packaged_atlas_is_valid():
    atlas, problems = check_atlas()
    assert atlas.evidence, "no records under atlas/data/evidence/"
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(map(str, problems))
