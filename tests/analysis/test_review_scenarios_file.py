"""Checks of the review's scenario set against its format and against the atlas records.

The file is read directly with yaml, so these tests hold the content to the rules of
docs/scenarios.md independently of the scenario loader.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

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
PERTURBATION_TYPES = {"knockout", "knockdown", "overexpression", "inhibitor", "activator"}
EXPECTS = {"sensitizes", "desensitizes", "no_change", "increases", "decreases"}
READOUT = re.compile(r"^(viability|phenotype:\S.*|node:\S.*)$")
TABLE_ROW_ID = re.compile(r"^T\d-\d{2}$")
COMMON_KEYS = {"id", "claim", "evidence", "references", "family", "note"}
TESTABLE_KEYS = COMMON_KEYS | {
    "perturbations",
    "background",
    "drugs",
    "readout",
    "expect",
    "compare",
    "partner_drug",
}
UNTESTABLE_KEYS = COMMON_KEYS | {"testable", "reason", "partner_drug", "reported_expect"}


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
UNTESTABLE = [s for s in SCENARIO_LIST if not s.get("testable", True)]


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


@pytest.mark.parametrize("scenario", by_id(TESTABLE))
def test_testable_scenario_is_runnable(scenario: dict[str, Any]) -> None:
    assert set(scenario) <= TESTABLE_KEYS
    assert "testable" not in scenario or scenario["testable"] is True
    assert scenario.get("perturbations") or scenario.get("drugs")
    assert READOUT.match(scenario["readout"])
    assert scenario["expect"] in EXPECTS
    for item in scenario.get("perturbations", []) + scenario.get("background", []):
        assert set(item) <= {"target", "type", "efficacy"}
        assert isinstance(item["target"], str)
        assert item["target"]
        assert item["type"] in PERTURBATION_TYPES
        assert 0.0 <= item.get("efficacy", 1.0) <= 1.0
    for drug in scenario.get("drugs", []):
        if isinstance(drug, dict):
            assert set(drug) <= {"name", "efficacy"}
            assert 0.0 <= drug.get("efficacy", 1.0) <= 1.0
        else:
            assert isinstance(drug, str)


def compared_arms(scenario: dict[str, Any]) -> str:
    """What the two arms differ by: the documented default follows `expect`."""
    default = "drugs" if scenario["expect"] in {"increases", "decreases"} else "perturbations"
    return scenario.get("compare", default)


@pytest.mark.parametrize("scenario", by_id(TESTABLE))
def test_comparison_has_two_arms(scenario: dict[str, Any]) -> None:
    arms = compared_arms(scenario)
    assert arms in {"perturbations", "drugs"}
    assert scenario.get(arms), f"comparing {arms} needs {arms}"
    if scenario["expect"] in {"sensitizes", "desensitizes"}:
        assert arms == "perturbations"
        assert not scenario["readout"].startswith("node:"), "a node has no sensitive direction"


@pytest.mark.parametrize("scenario", by_id(UNTESTABLE))
def test_untestable_scenario_has_reason(scenario: dict[str, Any]) -> None:
    assert set(scenario) <= UNTESTABLE_KEYS
    assert scenario["testable"] is False
    assert isinstance(scenario["reason"], str)
    assert scenario["reason"].strip()
    assert scenario.get("reported_expect", "sensitizes") in EXPECTS


@pytest.mark.parametrize("scenario", by_id(SCENARIO_LIST))
def test_partner_drug_is_a_list_of_names(scenario: dict[str, Any]) -> None:
    partners = scenario.get("partner_drug", [])
    assert isinstance(partners, list)
    assert all(isinstance(p, str) and p for p in partners)
