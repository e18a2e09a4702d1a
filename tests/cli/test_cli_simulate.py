"""`soraresist simulate`: the printed comparison, the files written, and one-line refusals."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from soraresist.analysis import Arm, Perturbation, simulate_arms
from soraresist.cli.simulate import simulate
from soraresist.model import PHENOTYPES


def run(*args: str):
    return CliRunner().invoke(simulate, list(args), catch_exceptions=True)


def table_of(output: str) -> pd.DataFrame:
    """The printed read-out table: value and stderr per arm (and the difference)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("readout"))
    rows = {}
    for line in lines[start + 1:start + 1 + 1 + len(PHENOTYPES)]:
        name, *cells = line.replace(" ± ", " ").replace(" *", "").split()
        rows[name] = [float(c) for c in cells]
    return pd.DataFrame.from_dict(rows, orient="index")


@pytest.fixture(scope="module")
def sorafenib_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("simulate")
    out, plot = folder / "courses.tsv", folder / "courses.png"
    result = CliRunner().invoke(simulate, [
        "--drug", "sorafenib", "--knockdown", "MAPK3=0.5", "--samples", "600", "--time", "20",
        "--tick", "2", "--seed", "4", "--out", str(out), "--plot", str(plot)])
    return result, out, plot


def test_prints_phenotypes_and_viability_against_untreated(sorafenib_run):
    result, _, _ = sorafenib_run
    assert result.exit_code == 0, result.output
    assert "treated: sorafenib + MAPK3 inh@0.5" in result.output
    assert "  MAPK3 -> ERK" in result.output
    table = table_of(result.output)
    assert list(table.index) == ["viability", *PHENOTYPES]
    assert table.shape[1] == 6  # untreated value, se; treated value, se; difference, se
    untreated, treated = table[0], table[2]
    assert (table[4] - (treated - untreated)).abs().max() < 0.0015  # rounding of 3 decimals
    assert treated["Angiogenesis"] < untreated["Angiogenesis"] - 3 * table.loc[
        "Angiogenesis", 5]
    assert treated["viability"] < untreated["viability"]


def test_printed_values_are_those_of_simulate_arms(sorafenib_run):
    result, _, _ = sorafenib_run
    arms = [Arm("untreated"), Arm("sorafenib + MAPK3 inh@0.5", (("sorafenib", None),),
                                  (Perturbation("MAPK3", "knockdown", 0.5),))]
    reference = simulate_arms(arms, n_trajectories=600, max_time=20, seed=4)
    value = reference.set_index(["arm", "readout"])["value"]
    table = table_of(result.output)
    for column, arm in ((0, arms[0].name), (2, arms[1].name)):
        assert table.loc["viability", column] == pytest.approx(value[(arm, "viability")],
                                                               abs=5e-4)
        assert table.loc["Ferroptosis", column] == pytest.approx(
            value[(arm, "phenotype:Ferroptosis")], abs=5e-4)


def test_writes_time_courses_and_plot(sorafenib_run):
    _, out, plot = sorafenib_run
    courses = pd.read_csv(out, sep="\t")
    assert list(courses.columns) == ["arm", "time", "readout", "value", "stderr"]
    assert set(courses.arm) == {"untreated", "sorafenib + MAPK3 inh@0.5"}
    viability = courses[(courses.readout == "viability") & (courses.arm == "untreated")]
    assert viability.time.tolist() == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]
    assert courses.value.between(0, 1).all()
    erk = courses[(courses.readout == "node:ERK") & (courses.time == 20)].set_index("arm")
    assert erk.loc["untreated", "value"] > 0.9 > 0.1 > erk.loc[
        "sorafenib + MAPK3 inh@0.5", "value"]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_nothing_applied_prints_the_untreated_column_only():
    result = run("--samples", "50", "--time", "5")
    assert result.exit_code == 0, result.output
    assert "treated" not in result.output.replace("untreated", "")
    assert table_of(result.output).shape[1] == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--drug", "sorafenibb"],
     "error: unknown drug 'sorafenibb'; closest: sorafenib, regorafenib, copanlisib"),
    (["--knockout", "SorafenibInn"],
     "error: unknown model node 'SorafenibInn'; closest: SorafenibIn, Sorafenib"),
    (["--drug", "sorafenib=1.5"],
     "error: efficacy '1.5' of --drug sorafenib is not allowed; give a number in [0, 1]"),
    (["--inhibit", "ERK=-0.1"],
     "error: efficacy '-0.1' of --inhibit ERK is not allowed; give a number in [0, 1]"),
    (["--knockdown", "ERK=half"],
     "error: efficacy 'half' of --knockdown ERK is not allowed; give a number in [0, 1]"),
    (["--knockout", "ERK=0.5"],
     "error: --knockout ERK takes no efficacy (only --knockdown, --inhibit and --activate do)"),
    (["--samples", "0"], "error: --samples is 0; give a whole number >= 1"),
    (["--samples", "-5"], "error: --samples is -5; give a whole number >= 1"),
    (["--time", "0"], "error: --time is 0; give a number > 0"),
    (["--time", "-3"], "error: --time is -3; give a number > 0"),
    (["--plot", "x.jpg"], "error: --plot 'x.jpg': use a file ending in .png, .svg, .pdf"),
    (["--out", "no/such/folder/x.tsv"],
     "error: --out 'no/such/folder/x.tsv': folder 'no/such/folder' does not exist"),
])
def test_bad_input_is_refused_in_one_line_with_exit_status_2(args, message, run_main):
    code, out, err = run_main("simulate", *args)
    assert code == 2 and out == ""
    assert err.splitlines() == [message]


def test_overexpress_inhibit_and_activate_reach_their_nodes(tmp_path):
    out = tmp_path / "courses.tsv"
    result = run("--overexpress", "ABCG2", "--inhibit", "AKT", "--activate", "CASP3=1",
                 "--samples", "200", "--time", "10", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "treated: ABCG2 OE + AKT inh + CASP3 act" in result.output
    courses = pd.read_csv(out, sep="\t")
    final = courses[(courses.time == 10) & (courses.arm != "untreated")].set_index("readout")
    assert final.loc["node:ABCG2", "value"] == 1.0
    assert final.loc["node:AKT", "value"] == 0.0
    assert final.loc["phenotype:Apoptosis", "value"] > 0.95
    assert final.loc["viability", "value"] < 0.05
