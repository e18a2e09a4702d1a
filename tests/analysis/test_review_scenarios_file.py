"""Checks of the review's scenario set against the atlas records and the coverage rules.

The format is the loader's to check (one test runs it over the file); the rest holds the content
to docs/scenarios.md: evidence that exists, references drawn from it, every table row covered.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from soraresist.analysis import review_scenarios

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "src" / "soraresist" / "analysis" / "data" / "review_scenarios.yaml"
EVIDENCE = ROOT / "src" / "soraresist" / "atlas" / "data" / "evidence"

FAMILIES = {
    "ncRNA",
    "methylation",
    "ABC transporter",
    "exosome",
    "autophagy",
    "ferroptosis",
    "hypoxia",
    "immune",
    "viral",
    "EMT",
    "stemness",
    "other",
    "strategy",
    "baseline",
}
TABLE_ROW_ID = re.compile(r"^T\d-\d{2}$")


def load_scenarios() -> list[dict[str, Any]]:
    """The scenario list as stored."""
    return yaml.safe_load(SCENARIOS.read_text(encoding="utf-8"))


def load_atlas_records() -> dict[str, dict[str, Any]]:
    """Every atlas evidence record, by id."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(EVIDENCE.glob("*.yaml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            records[record["id"]] = record
    return records


SCENARIO_LIST = load_scenarios()
RECORDS = load_atlas_records()
TESTABLE = [s for s in SCENARIO_LIST if s.get("testable", True)]


def by_id(scenarios: list[dict[str, Any]]) -> list[Any]:
    """Pytest parameters named by scenario id."""
    return [pytest.param(s, id=str(s.get("id"))) for s in scenarios]


def test_file_is_a_list_of_mappings() -> None:
    assert isinstance(SCENARIO_LIST, list)
    assert SCENARIO_LIST
    assert all(isinstance(s, dict) for s in SCENARIO_LIST)


def test_ids_are_unique() -> None:
    counts = Counter(s["id"] for s in SCENARIO_LIST)
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_table_row_is_covered() -> None:
    table_rows = {i for i in RECORDS if TABLE_ROW_ID.match(i)}
    covered = {e for s in SCENARIO_LIST for e in s["evidence"]}
    assert table_rows, "no table-row records found in the atlas"
    assert sorted(table_rows - covered) == []


@pytest.mark.parametrize("scenario", by_id(SCENARIO_LIST))
def test_common_fields(scenario: dict[str, Any]) -> None:
    assert isinstance(scenario["id"], str)
    assert isinstance(scenario["claim"], str)
    assert scenario["claim"].strip()
    assert scenario["family"] in FAMILIES
    assert isinstance(scenario["evidence"], list)
    assert scenario["evidence"]
    assert isinstance(scenario["references"], list)
    assert all(isinstance(r, int) for r in scenario["references"])


@pytest.mark.parametrize("scenario", by_id(SCENARIO_LIST))
def test_evidence_exists_and_id_names_it(scenario: dict[str, Any]) -> None:
    missing = [e for e in scenario["evidence"] if e not in RECORDS]
    assert missing == []
    assert any(scenario["id"].startswith(e + "-") for e in scenario["evidence"])


@pytest.mark.parametrize("scenario", by_id(SCENARIO_LIST))
def test_references_come_from_the_records(scenario: dict[str, Any]) -> None:
    allowed = {r for e in scenario["evidence"] for r in RECORDS[e]["references"]}
    assert sorted(set(scenario["references"]) - allowed) == []


def test_the_loader_accepts_every_entry() -> None:
    """The format itself (keys, types, perturbations, read-outs) is the loader's to check."""
    loaded = review_scenarios()
    assert [s.id for s in loaded] == [s["id"] for s in SCENARIO_LIST]
    assert sum(s.testable for s in loaded) == len(TESTABLE)


@pytest.mark.parametrize("scenario", by_id(SCENARIO_LIST))
def test_partner_drug_is_a_list_of_names(scenario: dict[str, Any]) -> None:
    partners = scenario.get("partner_drug", [])
    assert isinstance(partners, list)
    assert all(isinstance(p, str) and p for p in partners)
