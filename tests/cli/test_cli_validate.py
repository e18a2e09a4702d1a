"""`soraresist validate`: table and summary, JSON, reports, exit statuses."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from soraresist.cli.validate import validate
from soraresist.model import model_spec

SCENARIOS = [
    {"id": "abcg2-up", "claim": "ABCG2 high keeps sorafenib out.", "drugs": ["sorafenib"],
     "perturbations": [{"target": "ABCG2", "type": "overexpression"}], "readout": "viability",
     "expect": "desensitizes"},
    {"id": "abcg2-up-reversed", "claim": "Reversed.", "drugs": ["sorafenib"],
     "perturbations": [{"target": "ABCG2", "type": "overexpression"}], "readout": "viability",
     "expect": "sensitizes"},
    {"id": "unknown", "claim": "Not modelled.", "drugs": ["sorafenib"],
     "perturbations": [{"target": "NOTAGENE1", "type": "knockdown"}], "readout": "viability",
     "expect": "sensitizes"},
    {"id": "clinic", "claim": "Patients.", "testable": False, "reason": "survival only"},
]


def _file(tmp_path, entries=SCENARIOS):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(entries, sort_keys=False))
    return str(path)


def _run(*args):
    return CliRunner().invoke(validate, ["--samples", "2000", *args], catch_exceptions=False)


def test_table_and_summary_lines_exit_zero_with_a_failing_claim(tmp_path):
    result = _run("--scenarios", _file(tmp_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "expected", "predicted", "effect", "±", "error", "status"]
    assert lines[2].split()[0] == "abcg2-up-reversed" and lines[2].split()[-1] == "fail"
    assert lines[-2] == "1 passed, 1 failed"
    assert lines[-1] == "1 out of scope, 1 untestable, 0 errors"


def test_json_output(tmp_path):
    result = _run("--scenarios", _file(tmp_path), "--json")
    data = json.loads(result.stdout)
    assert data["summary"] == {"pass": 1, "fail": 1, "out_of_scope": 1, "error": 0,
                               "untestable": 1}
    first = data["results"][0]
    assert set(first) == {"id", "status", "expected", "predicted", "effect", "stderr",
                          "borderline", "message"}
    assert first["borderline"] is False  # a large effect, far from the threshold
    assert first["status"] == "pass" and first["effect"] > 0.05
    assert data["results"][2]["effect"] is None and "NOTAGENE1" in data["results"][2]["message"]


def test_malformed_file_exits_two_naming_file_entry_and_field(tmp_path, run_main):
    bad = _file(tmp_path, [{**SCENARIOS[0], "expect": "worse"}])
    code, out, err = run_main("validate", "--scenarios", bad)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {bad}:") and err.count("\n") == 1
    assert "field 'expect'" in err and "scenario 'abcg2-up'" in err


def test_report_is_written(tmp_path):
    report = tmp_path / "out.md"
    result = _run("--scenarios", _file(tmp_path), "--report", str(report))
    assert result.exit_code == 0
    assert "### Failure abcg2-up-reversed" in report.read_text()
    assert f"model version {model_spec()['version']}," in report.read_text()
    bad = _run("--scenarios", _file(tmp_path), "--report", str(tmp_path / "out.txt"))
    assert bad.exit_code == 2 and "must end in .md or .html" in bad.output


HIF2 = [{"id": "hif2", "claim": "Sorafenib raises HIF-2α.", "drugs": ["sorafenib"],
         "readout": "node:EPAS1", "expect": "increases"}]


def test_input_sets_the_tumour_composition(tmp_path):
    default = json.loads(_run("--scenarios", _file(tmp_path, HIF2), "--json").stdout)
    normoxic = json.loads(_run("--scenarios", _file(tmp_path, HIF2), "--json",
                               "--input", "OxygenDemand=0").stdout)
    assert default["results"][0]["status"] == "pass"  # half the cells are hypoxic
    assert normoxic["results"][0]["status"] == "fail"  # no hypoxia, no HIF-2α
    report = tmp_path / "r.md"
    _run("--scenarios", _file(tmp_path, HIF2), "--input", "OxygenDemand=0", "--report", str(report))
    assert "OxygenDemand on in 0 of cells" in report.read_text()


@pytest.mark.parametrize(("item", "message"), [
    ("EGF", "expected NAME=FRACTION"),
    ("EGF=1.5", "fraction '1.5' of --input EGF is not allowed; give a number in [0, 1]"),
    ("hypoxia=0.3", "Hypoxia follows its rule, so only a free input can be set"),
    ("notanode=0.3", "unknown free input of the model 'notanode'"),
])
def test_bad_input_is_refused_in_one_line(tmp_path, run_main, item, message):
    code, _, err = run_main("validate", "--scenarios", _file(tmp_path, HIF2), "--input", item)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
