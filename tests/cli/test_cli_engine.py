"""`soraresist engine run` on .bnet and .bnd/.cfg models."""

import json

import pytest
from click.testing import CliRunner

from soraresist import ds
from soraresist.cli import cli
from soraresist.model.io import MaBoSSSettings, write_maboss


def _run(*args):
    result = CliRunner().invoke(cli, ["engine", "run", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_output_on_a_bnet_model():
    path = ds.bench_model_path("bbm023")
    data = json.loads(_run(path, "--samples", 200, "--time", 3, "--tick", 0.5, "--seed", 1,
                           "--threads", 1, "--set", "v_CycD=0", "--json"))
    assert set(data) == {"nodes", "times", "probabilities", "stderr", "final",
                         "trajectories", "seconds"}
    assert data["times"] == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert data["trajectories"] == 200
    assert data["probabilities"]["v_CycD"] == [0.0] * 6
    assert 0.3 < data["probabilities"]["v_Cdc20"][0] < 0.7  # random initial state
    assert data["final"]["v_CycD"] == 0.0


def test_initial_ones_and_same_seed_same_output():
    path = ds.bench_model_path("bbm023")
    args = (path, "--samples", 100, "--time", 2, "--initial", "ones", "--json")
    first, second = json.loads(_run(*args)), json.loads(_run(*args))
    assert first["probabilities"] == second["probabilities"]
    assert all(p[0] > 0.5 for p in first["probabilities"].values())


def test_bnd_with_sibling_cfg_settings(tmp_path):
    network = ds.toy_network()
    write_maboss(network, tmp_path / "toy.bnd", tmp_path / "toy.cfg",
                 MaBoSSSettings(sample_count=50, max_time=4.0, time_tick=2.0, seed=3))
    data = json.loads(_run(tmp_path / "toy.bnd", "--json"))
    assert (data["times"], data["trajectories"]) == ([0.0, 2.0], 50)
    assert data["probabilities"]["A"] == [1.0, 1.0]
    text = _run(tmp_path / "toy.bnd", "--set", "C=1")
    assert "50 trajectories" in text


@pytest.mark.parametrize(("args", "message"), [
    (["{bad}"], "bad.bnet:1:7"),
    ([str(ds.bench_model_path("bbm023")), "--set", "nope=1"], "nope"),
])
def test_errors_are_one_line_with_exit_status_2(tmp_path, run_main, args, message):
    bad = tmp_path / "bad.bnet"
    bad.write_text("A, B &\n")
    code, out, err = run_main("engine", "run", *(a.format(bad=bad) for a in args))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert message in err


def test_bad_set_value_is_a_usage_error():
    result = CliRunner().invoke(cli, ["engine", "run", str(ds.bench_model_path("bbm023")),
                                      "--set", "v_CycD=2"])
    assert result.exit_code == 2 and "NODE=0 or NODE=1" in result.output
