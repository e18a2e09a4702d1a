"""Scenario files: loading with located errors, arms, calls and scoring against expectations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from soraresist import ds
from soraresist.analysis import (
    EFFECT_THRESHOLD,
    Perturbation,
    Scenario,
    call_is_borderline,
    called_direction,
    load_scenarios,
    review_scenarios,
    run_scenarios,
    scenario_arms,
)
from soraresist.errors import InvalidValueError, RecordFileError
from soraresist.model import sorafenib_model

SORAFENIB = ["sorafenib"]
CASES = [
    {"id": "bcrp-up", "claim": "The BCRP pump keeps sorafenib out.", "drugs": SORAFENIB,
     "perturbations": [{"target": "BCRP", "type": "overexpression"}], "readout": "viability",
     "expect": "desensitizes"},
    {"id": "bcrp-up-reversed", "claim": "The same claim, reversed.", "drugs": SORAFENIB,
     "perturbations": [{"target": "ABCG2", "type": "overexpression"}], "readout": "viability",
     "expect": "sensitizes"},
    {"id": "sorafenib-lowers-erk", "claim": "Sorafenib lowers ERK.", "drugs": SORAFENIB,
     "readout": "node:MAPK1", "expect": "decreases"},
    {"id": "sorafenib-raises-erk", "claim": "Reversed: sorafenib raises ERK.",
     "drugs": SORAFENIB, "readout": "node:MAPK1", "expect": "increases"},
    {"id": "abcg2-knockdown", "claim": "Knockdown of an absent pump changes nothing.",
     "drugs": SORAFENIB, "perturbations": [{"target": "ABCG2", "type": "knockdown"}],
     "readout": "phenotype:proliferation", "expect": "no_change"},
    {"id": "unknown-gene", "claim": "A gene the model lacks.", "drugs": SORAFENIB,
     "perturbations": [{"target": "NOTAGENE1", "type": "knockout"}], "readout": "viability",
     "expect": "sensitizes"},
    {"id": "unknown-drug", "claim": "A drug the library lacks.", "drugs": ["notadrugumab"],
     "readout": "viability", "expect": "decreases"},
    {"id": "clinic", "claim": "Patients live longer.", "testable": False,
     "reason": "survival in patients"},
]


def _write(tmp_path: Path, entries: list[dict], name: str = "s.yaml") -> Path:
    path = tmp_path / name
    text = json.dumps(entries, indent=1) if name.endswith(".json") else yaml.safe_dump(
        entries, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    path = _write(tmp_path_factory.mktemp("s"), CASES)
    return run_scenarios(load_scenarios(path), n_trajectories=600, seed=3).set_index("id")


def test_claims_the_model_reproduces_pass_and_reversed_ones_fail(results):
    assert results.loc["bcrp-up", "status"] == "pass"
    assert results.loc["bcrp-up-reversed", "status"] == "fail"
    assert results.loc["bcrp-up-reversed", "predicted"] == "desensitizes"
    assert results.loc["sorafenib-lowers-erk", "status"] == "pass"
    assert results.loc["sorafenib-raises-erk", "status"] == "fail"
    assert results.loc["sorafenib-raises-erk", "effect"] < -0.9


def test_knockdown_is_accepted_and_no_change_is_called(results):
    row = results.loc["abcg2-knockdown"]
    assert (row.status, row.predicted) == ("pass", "no_change")
    assert row.readout == "phenotype:proliferation"


def test_unknown_target_or_drug_is_out_of_scope_with_its_name(results):
    assert results.loc["unknown-gene", "status"] == "out_of_scope"
    assert "NOTAGENE1" in results.loc["unknown-gene", "message"]
    assert results.loc["unknown-drug", "status"] == "out_of_scope"
    assert "notadrugumab" in results.loc["unknown-drug", "message"]


def test_untestable_claim_keeps_its_reason(results):
    row = results.loc["clinic"]
    assert (row.status, row.message) == ("untestable", "survival in patients")


def test_effect_and_stderr_compare_the_two_arms(results):
    row = results.loc["bcrp-up"]
    assert row.arm_a == "sorafenib + ABCG2 OE" and row.arm_b == "sorafenib"
    assert row.effect == pytest.approx(row.value_a - row.value_b)
    assert 0 < row.stderr < 0.05
    assert row.trace.startswith("ABCG2 (1.00/0.00)")


def test_json_file_gives_the_same_results_as_yaml(tmp_path):
    runs = [run_scenarios(load_scenarios(_write(tmp_path, CASES[:3], name)), n_trajectories=300,
                          seed=5) for name in ("s.yaml", "s.json")]
    assert runs[0].effect.tolist() == runs[1].effect.tolist()
    assert runs[0].status.tolist() == ["pass", "fail", "pass"]


def test_a_scenario_alone_agrees_with_the_set_within_its_error(tmp_path, results):
    alone = run_scenarios(load_scenarios(_write(tmp_path, CASES[:1])), n_trajectories=600,
                          seed=3).iloc[0]
    assert abs(alone.effect - results.loc["bcrp-up", "effect"]) < 4 * alone.stderr * 2 ** 0.5


def test_same_target_spelled_differently_gives_one_arm():
    def arms(target: str, kind: str) -> list[str]:
        s = Scenario("x", "c", "viability", "sensitizes", drugs=(("Sorafenib", None),),
                     perturbations=(Perturbation(target, kind),))
        return [arm.name for arm in scenario_arms(s)]

    assert arms("HIF-2α", "knockdown") == arms("EPAS1", "inhibitor") == [
        "sorafenib + EPAS1 inh", "sorafenib"]


def test_compare_drugs_keeps_the_perturbations_in_both_arms():
    s = Scenario("x", "c", "node:ERK", "no_change", compare="drugs", drugs=(("sorafenib", 1),),
                 perturbations=(Perturbation("SHC3", "overexpression"),))
    assert [arm.name for arm in scenario_arms(s)] == ["sorafenib + SHC3 OE", "SHC3 OE"]


def test_background_is_in_both_arms():
    s = Scenario("x", "c", "viability", "no_change", drugs=(("sorafenib", 0.5),),
                 background=(Perturbation("autophagy", "inhibitor"),),
                 perturbations=(Perturbation("CD24", "overexpression"),))
    a, b = scenario_arms(s)
    assert b.name == "sorafenib@0.5 + Autophagy inh"
    assert a.name == "sorafenib@0.5 + Autophagy inh + CD24 OE"


def test_a_call_needs_the_threshold_and_three_standard_errors():
    assert called_direction(EFFECT_THRESHOLD * 2, 0.001) == 1
    assert called_direction(-EFFECT_THRESHOLD * 2, 0.001) == -1
    assert called_direction(EFFECT_THRESHOLD * 0.9, 0.0) == 0
    assert called_direction(0.3, 0.11) == 0


def test_a_call_two_standard_errors_from_changing_is_borderline():
    assert call_is_borderline(EFFECT_THRESHOLD * 1.1, 0.01)  # called, but near the threshold
    assert call_is_borderline(EFFECT_THRESHOLD * 0.9, 0.01)  # not called, near the threshold
    assert call_is_borderline(0.2, 0.06)  # near the 3-SE rule
    assert not call_is_borderline(0.2, 0.01) and not call_is_borderline(0.0, 0.01)


def test_scored_rows_carry_their_borderline_flag(results, tmp_path):
    row = results.loc["bcrp-up"]
    assert not row.borderline  # a large effect
    shifted = run_scenarios(load_scenarios(_write(tmp_path, CASES)), n_trajectories=600, seed=3,
                            threshold=abs(row.effect) - 0.001).set_index("id")
    assert shifted.loc["bcrp-up", "borderline"]  # the same effect against a threshold beside it
    assert not results.loc["unknown-gene"].borderline  # not scored


def test_conflicting_perturbations_are_an_error_status():
    s = Scenario("x", "c", "viability", "sensitizes", drugs=(("sorafenib", None),),
                 background=(Perturbation("ERK", "knockout"),),
                 perturbations=(Perturbation("MAPK3", "overexpression"),))
    row = run_scenarios([s], n_trajectories=50).iloc[0]
    assert row.status == "error" and "ERK" in row.message


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"readout": None}, "readout", "'readout' is required"),
    ({"expect": "better"}, "expect", "'better' is not one of sensitizes"),
    ({"perturbations": [{"target": "SHC3", "type": "deletion"}]}, "perturbations[0].type",
     "'deletion' is not one of knockout"),
    ({"perturbations": [{"target": "SHC3", "type": "inhibitor", "efficacy": 2}]},
     "perturbations[0].efficacy", "efficacy 2 must be a number in [0, 1]"),
    ({"drugs": "sorafenib"}, "drugs", "must be a list"),
    ({"readout": "node:ERK"}, "expect", "a node has no sensitive direction"),
    ({"readout": "growth"}, "readout", "must be viability, phenotype:NAME or node:NAME"),
    ({"compare": "drugs"}, "compare", "compares perturbations"),
    ({"perturbations": None}, "perturbations", "needs 'perturbations'"),
    ({"dose": 3}, "dose", "unknown key 'dose'"),
    ({"testable": "no"}, "testable", "must be true or false"),
])
def test_bad_entry_names_file_line_entry_and_field(tmp_path, change, field, words):
    entry = {**CASES[0], **change}
    entry = {k: v for k, v in entry.items() if v is not None}
    path = _write(tmp_path, [CASES[2], entry])
    with pytest.raises(RecordFileError) as info:
        load_scenarios(path)
    error = info.value
    assert error.path == str(path) and error.field == field
    assert "scenario 'bcrp-up'" in str(error) and words in str(error)
    text = path.read_text().splitlines()
    assert error.line is not None and error.line > 4  # inside the second entry
    # the line of the offending key, or the entry's first line when a key is missing
    leaf = re.sub(r"\[\d+\]", "", field).split(".")[-1]
    starts = ("- id: bcrp-up",) if None in change.values() else (f"{leaf}:", f"- {leaf}:")
    assert text[error.line - 1].strip().startswith(starts)


def test_missing_id_names_the_entry_number(tmp_path):
    path = _write(tmp_path, [CASES[2], {"claim": "no id", "readout": "viability",
                                        "expect": "decreases", "drugs": SORAFENIB}])
    with pytest.raises(RecordFileError, match=r"entry 2: 'id' is required"):
        load_scenarios(path)


def test_bad_json_entry_has_its_line(tmp_path):
    path = _write(tmp_path, [CASES[2], {**CASES[3], "expect": "up"}], "s.json")
    with pytest.raises(RecordFileError) as info:
        load_scenarios(path)
    line = path.read_text().splitlines()[info.value.line - 1]
    assert '"expect": "up"' in line and info.value.field == "expect"


def test_unparsable_and_non_list_files(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a",}]')
    with pytest.raises(RecordFileError, match="not valid JSON"):
        load_scenarios(broken)
    mapping = _write(tmp_path, {"id": "a"})  # type: ignore[arg-type]
    with pytest.raises(RecordFileError, match="is a list of scenarios"):
        load_scenarios(mapping)


def test_duplicate_ids_across_files(tmp_path):
    first = _write(tmp_path, CASES[2:3], "a.yaml")
    second = _write(tmp_path, CASES[2:3], "b.yaml")
    with pytest.raises(RecordFileError, match="duplicate id"):
        load_scenarios(first, second)


def test_review_set_loads_with_testable_and_untestable_claims():
    scenarios = review_scenarios()
    assert len({s.id for s in scenarios}) == len(scenarios)
    untestable = [s for s in scenarios if not s.testable]
    assert untestable and all(s.reason for s in untestable)


def test_real_run_of_review_scenarios():
    wanted = {"CLN-05-sorafenib-lowers-ERK", "TXT-TRN-01-ABCC1-up", "T4-08-PT-2385",
              "TXT-RCD-17-iron-chelation-ferroptosis"}
    table = run_scenarios([s for s in review_scenarios() if s.id in wanted],
                          n_trajectories=1000, seed=0)
    assert set(table.id) == wanted
    assert (table.status == "pass").all(), table[["id", "predicted", "effect"]]


def _variant(**initial: float):
    return sorafenib_model().replace(initial=initial)


def test_a_variant_tumour_changes_the_reference_arm_and_the_numbers():
    yb1 = Scenario("yb1", "YB-1 knockdown helps sorafenib.", "viability", "sensitizes",
                   drugs=(("sorafenib", None),), perturbations=(Perturbation("YBX1", "knockdown"),))
    assert scenario_arms(yb1)[1].name == "sorafenib + YBX1 OE"  # cells that express YB-1
    assert scenario_arms(yb1, _variant(YBX1=1.0))[1].name == "sorafenib"  # they all do already
    hif2 = Scenario("hif2", "Sorafenib raises HIF-2α.", "node:EPAS1", "increases",
                    drugs=(("sorafenib", None),))
    default, normoxic = (run_scenarios([hif2], n_trajectories=400, seed=1, network=net).iloc[0]
                         for net in (None, _variant(OxygenDemand=0.0)))
    assert default.status == "pass" and default.value_a > 0.3
    assert normoxic.status == "fail" and normoxic.value_a == 0.0  # no hypoxia, no HIF-2α


def test_read_out_time_and_foreign_networks():
    hypoxia = Scenario("h", "Sorafenib raises hypoxia.", "node:Hypoxia", "increases",
                       drugs=(("sorafenib", None),))
    early, late = (run_scenarios([hypoxia], n_trajectories=400, seed=1, max_time=t).iloc[0]
                   for t in (0.5, 30.0))
    assert early.value_a < late.value_a - 0.2  # the slow vessel loss has not happened yet
    with pytest.raises(InvalidValueError, match="nodes differ"):
        run_scenarios([hypoxia], network=ds.toy_network())
