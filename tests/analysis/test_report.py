"""Validation report: per-family pass rates, charts, and a data-derived reason for each failure."""

from __future__ import annotations

import pytest

from soraresist.analysis import (
    Perturbation,
    Scenario,
    failure_cause,
    failure_reason,
    family_summary,
    run_scenarios,
    write_report,
)
from soraresist.errors import InvalidValueError

SORAFENIB = (("sorafenib", None),)


@pytest.fixture(scope="module")
def results():
    scenarios = [
        Scenario("pump-up", "ABCG2 pumps sorafenib out.", "viability", "desensitizes",
                 drugs=SORAFENIB, perturbations=(Perturbation("ABCG2", "overexpression"),),
                 family="ABC transporter"),
        Scenario("pump-up-reversed", "Reversed.", "viability", "sensitizes", drugs=SORAFENIB,
                 perturbations=(Perturbation("ABCG2", "overexpression"),),
                 family="ABC transporter"),
        Scenario("erk-reversed", "Sorafenib raises ERK (reversed).", "node:ERK", "increases",
                 drugs=SORAFENIB, family="baseline"),
        Scenario("gone", "A gene the model lacks.", "viability", "sensitizes", drugs=SORAFENIB,
                 perturbations=(Perturbation("NOTAGENE1", "knockout"),), family="baseline"),
        Scenario("clinic", "Patients.", testable=False, reason="survival only",
                 family="baseline"),
    ]
    return run_scenarios(scenarios, n_trajectories=400, seed=2)


def test_family_summary_counts_and_rates(results):
    table = family_summary(results)
    assert table.loc["ABC transporter", ["pass", "fail"]].tolist() == [1, 1]
    assert table.loc["ABC transporter", "pass_rate"] == 0.5
    assert table.loc["baseline", ["fail", "out_of_scope", "untestable"]].tolist() == [1, 1, 1]
    assert table.loc["all", "pass"] == 1


def test_failure_reason_follows_the_path_and_names_the_evidence(results):
    row = results.set_index("id").loc["pump-up-reversed"].to_dict()
    reason = failure_reason(row)
    assert reason.startswith("Expected sensitizes, the model predicts desensitizes")
    assert "contradicted" in reason and "ABCG2 (1.00/0.00)" in reason
    assert "ABCG2 activates Efflux" in reason


def test_viability_rows_carry_the_read_outs_behind_the_index(results):
    rows = results.set_index("id")
    components = rows.loc["pump-up", "components"]
    assert list(components) == ["Proliferation", "Apoptosis", "Ferroptosis", "AutophagicDeath",
                                "ImmuneKilling"]
    assert components["Ferroptosis"][0] < components["Ferroptosis"][1]  # no drug, no ferroptosis
    assert rows.loc["erk-reversed", "components"] is None


def test_failure_reason_says_when_one_read_out_moved_and_the_index_did_not():
    row = {"expected": "desensitizes", "predicted": "no_change", "effect": 0.01, "stderr": 0.01,
           "readout": "viability", "value_a": 0.38, "value_b": 0.37, "nodes": ["SHC3"],
           "trace": "SHC3 (1.00/0.00) -> MEK (1.00/0.00)",
           "components": {"Proliferation": (1.0, 0.78), "Apoptosis": (0.22, 0.22)}}
    reason = failure_reason(row)
    assert "Proliferation 1.00/0.78, Apoptosis 0.22/0.22" in reason
    assert "Proliferation moved but the index did not" in reason
    row["effect"] = 0.2
    assert "moved but the index did not" not in failure_reason(row)


@pytest.mark.parametrize(("predicted", "trace", "components", "cause"), [
    ("desensitizes", "SHC3 (1.00/0.00) -> MEK (1.00/0.00)", None, "opposite"),
    ("no_change", "no path in the model from MORC2 to Proliferation", None, "no path"),
    ("no_change", "HGF (1.00/1.00) -> MET (0.00/0.00); the difference stops at HGF", None,
     "nothing to act on"),
    ("no_change", "miR338 (1.00/0.00) -| HIF1A (0.00/0.00); the difference stops at HIF1A",
     None, "saturated"),
    ("no_change", "AR (1.00/0.00) -> miR520f (0.40/0.40); the difference stops at miR520f",
     None, "unresponsive"),
    ("no_change", "SHC3 (1.00/0.00) -> MEK (1.00/0.00)", {"Proliferation": (1.0, 0.78)},
     "over-determined"),
    ("no_change", "SHC3 (1.00/0.00) -> MEK (1.00/0.00)", {"Proliferation": (0.80, 0.78)},
     "too small"),
])
def test_failure_cause_reads_the_call_trace_and_read_outs(predicted, trace, components, cause):
    row = {"expected": "sensitizes", "predicted": predicted, "effect": 0.01, "trace": trace,
           "components": components}
    assert failure_cause(row) == cause


def test_markdown_report_has_tables_charts_and_reasons(tmp_path, results):
    path = write_report(results, tmp_path / "validation.md", {"samples": 400, "seed": 2})
    text = path.read_text()
    assert "| ABC transporter | 1 | 1 |" in text
    assert "![baseline](validation/baseline.png)" in text
    assert (tmp_path / "validation" / "baseline.png").read_bytes()[:4] == b"\x89PNG"
    assert "### Failure erk-reversed" in text and "Expected increases" in text
    assert "- gone: 'NOTAGENE1' is not in the model" in text
    assert "- clinic: survival only" in text
    assert f"{int(results.borderline.sum())} calls, marked ~, would change" in text
    assert ("| the model predicts the opposite direction | 2 | pump-up-reversed, erk-reversed |"
            in text)  # both failures of the fixture, grouped by cause


def test_borderline_calls_are_marked_and_counted(tmp_path, results):
    marked = results.assign(borderline=results.id == "pump-up-reversed")
    text = write_report(marked, tmp_path / "validation.md").read_text()
    assert "1 calls, marked ~, would change" in text
    assert "| fail ~ |" in text and "| pass ~ |" not in text


def test_html_report_embeds_its_charts(tmp_path, results):
    text = write_report(results, tmp_path / "validation.html").read_text()
    assert text.count("data:image/png;base64,") == 2
    assert "<h3>Failure pump-up-reversed</h3>" in text


def test_report_suffix_must_be_md_or_html(tmp_path, results):
    with pytest.raises(InvalidValueError, match=r"\.md or \.html"):
        write_report(results, tmp_path / "validation.pdf")
