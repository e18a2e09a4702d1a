"""`soraresist model ...`: explain, nodes, export (read back) and draw, and their errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from soraresist.cli.model import model
from soraresist.errors import InvalidValueError, OutputPathError, UnknownNameError
from soraresist.model import apply_drugs, model_spec, sorafenib_model
from soraresist.model.io import read_bnet, read_maboss, read_sbml_qual


def run(*args: str):
    return CliRunner().invoke(model, list(args), catch_exceptions=True)


def test_explain_prints_each_rule_with_evidence_and_references():
    result = run("explain", "KDR")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "rule: KDR = VEGFA & !SorafenibIn"
    assert "  SorafenibIn inhibits KDR" in lines
    assert any(line.startswith("    CLN-06 [refs ") for line in lines)


def test_explain_resolves_a_gene_to_the_node_that_holds_it():
    result = run("explain", "MAPK3")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ERK (module signalling; stands for MAPK1, MAPK3)")
    assert "canonical: KEGG:hsa04010" in result.output


def test_unknown_node_is_one_line_with_closest_names(run_main):
    result = run("explain", "SorafenibInn")
    assert isinstance(result.exception, UnknownNameError)
    code, out, err = run_main("model", "explain", "SorafenibInn")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: unknown model node 'SorafenibInn'; closest: SorafenibIn, Sorafenib"]


def test_nodes_lists_every_node_with_module_kind_and_members():
    result = run("nodes")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows[0] == ["id", "module", "kind", "initial", "members"]
    spec = model_spec()
    assert [r[0] for r in rows[1:]] == [n["id"] for n in spec["nodes"]]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["ERK"][1:] == ["signalling", "node", "0", "MAPK1,MAPK3"]
    assert by_id["Proliferation"][2] == "phenotype"
    assert by_id["Sorafenib"][2:4] == ["input", "0"]


def test_nodes_of_one_module_and_an_unknown_module(run_main):
    rows = run("nodes", "--module", "targets").output.splitlines()[1:]
    assert [r.split("\t")[0] for r in rows] == ["RAF1", "BRAF", "KDR", "PDGFRB", "KIT"]
    code, _, err = run_main("model", "nodes", "--module", "hypoxa")
    assert code == 2 and err.strip() == "error: unknown module 'hypoxa'; closest: hypoxia"


def test_export_bnet_keeps_every_rule(tmp_path):
    out = tmp_path / "model.bnet"
    result = run("export", "--format", "bnet", "--out", str(out))
    assert result.exit_code == 0, result.output
    back, net = read_bnet(out), sorafenib_model()
    assert back.nodes == net.nodes and back.rules == net.rules


def test_export_maboss_names_the_two_files_and_keeps_rates_and_initial_values(tmp_path):
    result = run("export", "--format", "maboss", "--out", str(tmp_path / "sorafenib"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sorafenib.bnd", "sorafenib.cfg"]
    back, settings = read_maboss(tmp_path / "sorafenib.bnd", tmp_path / "sorafenib.cfg")
    assert back == sorafenib_model()
    assert (settings.sample_count, settings.max_time, settings.time_tick) == (2000, 30.0, 1.0)
    run("export", "--format", "maboss", "--out", str(tmp_path / "other.bnd"))
    assert (tmp_path / "other.bnd").exists() and (tmp_path / "other.cfg").exists()


def test_export_sbml_with_a_drug_at_partial_efficacy(tmp_path):
    out = tmp_path / "treated.sbml"
    result = run("export", "--format", "sbml", "--out", str(out), "--drug", "erlotinib=0.4")
    assert result.exit_code == 0, result.output
    back = read_sbml_qual(out)
    assert back == apply_drugs(sorafenib_model(), [("erlotinib", 0.4)])
    assert back.initial["drug_erlotinib"] == 0.4


def test_export_errors(tmp_path, run_main):
    code, _, err = run_main("model", "export", "--format", "bnet", "--out",
                            str(tmp_path / "missing" / "m.bnet"))
    assert code == 2 and "folder" in err and "does not exist" in err
    assert isinstance(run("export", "--format", "bnet", "--out", str(tmp_path / "m.bnet"),
                          "--drug", "erlotinib=2").exception, InvalidValueError)
    code, _, err = run_main("model", "export", "--format", "bnet", "--out",
                            str(tmp_path / "m.bnet"), "--drug", "sorafenibb")
    assert code == 2 and err.startswith("error: unknown drug 'sorafenibb'; closest: sorafenib")


def test_draw_writes_png_and_svg_with_every_node(tmp_path):
    png, svg = tmp_path / "net.png", tmp_path / "net.svg"
    assert run("draw", "--out", str(png), "--dpi", "30").exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert run("draw", "--out", str(svg), "--no-drugs").exit_code == 0
    text = svg.read_text()
    assert all(f'id="node:{node}"' in text for node in sorafenib_model().nodes)
    assert 'id="drug:' not in text


def test_draw_refuses_other_formats_and_missing_folders(tmp_path: Path):
    assert isinstance(run("draw", "--out", str(tmp_path / "net.jpg")).exception,
                      InvalidValueError)
    assert isinstance(run("draw", "--out", str(tmp_path / "no" / "net.png")).exception,
                      OutputPathError)
