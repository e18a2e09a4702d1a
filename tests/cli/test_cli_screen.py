"""`soraresist screen`: outputs, ranking, resume, and one-line refusals of bad options."""

import pandas as pd
import pytest
from click.testing import CliRunner

from soraresist.cli import screen as screen_cli
from soraresist.errors import UnknownNameError

SMALL = ["--drugs", "erlotinib,copanlisib", "--doses", "0.5,1", "--samples", "200", "--quiet"]


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    out = tmp_path_factory.mktemp("screen") / "out"
    result = CliRunner().invoke(screen_cli.screen_command, [*SMALL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_screen_writes_tables_ranking_and_figures(finished):
    out, _ = finished
    for name in ("results.parquet", "results.tsv", "synergy.tsv", "ranking.tsv",
                 "mechanism.tsv", "synergy_heatmap.png", "manifest.json"):
        assert (out / name).stat().st_size > 0, name
    assert len(list(out.glob("surface_*.png"))) == 2
    table = pd.read_parquet(out / "results.parquet")
    assert set(table.readout) >= {"viability", "phenotype:Apoptosis"}
    assert len(table[table.readout == "viability"]) == 1 + 3 * 2 + 2 * 4
    ranking = pd.read_csv(out / "ranking.tsv", sep="\t")
    assert ranking["rank"].tolist() == [1, 2]
    assert ranking.bliss.is_monotonic_decreasing


def test_screen_prints_the_ranked_list(finished):
    out, output = finished
    ranking = pd.read_csv(out / "ranking.tsv", sep="\t")
    lines = [line for line in output.splitlines() if line[:1].isdigit() and "\t" in line]
    assert [line.split("\t")[1] for line in lines] == ranking.combination.tolist()


def test_resume_of_a_finished_screen_reruns_nothing_and_ranks_the_same(finished):
    out, output = finished
    again = CliRunner().invoke(screen_cli.screen_command, [*SMALL, "--out", str(out),
                                                           "--resume"])
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[1:] == output.splitlines()[1:]
    refused = CliRunner().invoke(screen_cli.screen_command, [*SMALL, "--out", str(out)])
    assert refused.exit_code != 0
    assert "resume" in str(refused.exception)


@pytest.mark.parametrize(("option", "message"), [
    (["--doses", "0.5,2"], "dose 2 is outside the allowed range (0, 1]"),
    (["--doses", "half"], "comma-separated list of numbers"),
    (["--max-order", "4"], "4 is not in the range 1<=x<=3"),
    (["--samples", "1"], "1 is not in the range x>=2"),
])
def test_bad_options_are_refused_with_the_allowed_range(tmp_path, option, message):
    result = CliRunner().invoke(screen_cli.screen_command,
                                ["--out", str(tmp_path / "x"), *option])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_unknown_drug_is_refused_with_the_closest_names(tmp_path):
    result = CliRunner().invoke(screen_cli.screen_command,
                                ["--drugs", "erlotnib", "--out", str(tmp_path / "x")])
    assert isinstance(result.exception, UnknownNameError)
    assert "closest: erlotinib" in str(result.exception)


def test_missing_scheduler_gives_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(screen_cli, "_CONNECT_TIMEOUT", "1s")
    result = CliRunner().invoke(screen_cli.screen_command,
                                [*SMALL, "--scheduler", "tcp://127.0.0.1:9",
                                 "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
