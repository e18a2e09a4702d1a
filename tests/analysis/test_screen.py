"""Screens: the arms they hold, resumption, refusal of bad input, and Dask equals local."""

import json

import pandas as pd
import pytest

from soraresist.analysis import Scenario, _screen, load_screen, run_scenarios, screen
from soraresist.errors import InvalidValueError, UnknownNameError

SMALL = {"drugs": ["erlotinib", "copanlisib"], "doses": (0.5, 1.0), "n_trajectories": 200,
         "seed": 3, "progress": False}


def test_backbone_screen_pairs_every_drug_with_it_at_every_dose_pair():
    design = screen(**SMALL, batch_size=100).design
    assert design.arm.iloc[0] == "untreated"
    pairs = design[design.order == 2]
    assert set(pairs.combination) == {"sorafenib+erlotinib", "sorafenib+copanlisib"}
    assert len(pairs) == 2 * 4  # 2 partners x (2 sorafenib doses x 2 partner doses)
    assert (pairs.drug_1 == "sorafenib").all()
    assert len(design[design.order == 1]) == 3 * 2  # sorafenib and both partners alone


def test_screen_without_backbone_holds_all_pairs_and_triples():
    result = screen(["erlotinib", "copanlisib", "palbociclib"], backbone=None, max_order=3,
                    doses=(1.0,), n_trajectories=50, progress=False)
    counts = result.design.order.value_counts().to_dict()
    assert counts == {0: 1, 1: 3, 2: 3, 3: 1}
    assert "copanlisib + erlotinib + palbociclib" in set(result.design.arm)


def test_a_screen_arm_and_the_same_scenario_arm_agree():
    """One name (`arm_name`) and one drug semantics for both; the networks differ by the drug
    nodes each run holds, so the numbers agree within their errors, not to the last digit."""
    settings = {**SMALL, "drugs": ["erlotinib"], "n_trajectories": 2000}
    table = screen(**settings).readouts(["viability"]).set_index("arm")
    claim = Scenario("x", "erlotinib helps sorafenib", "viability", "sensitizes",
                     drugs=(("sorafenib", 0.5), ("erlotinib", 1.0)), compare="drugs")
    row = run_scenarios([claim], n_trajectories=2000, seed=3).iloc[0]
    assert (row.arm_a, row.arm_b) == ("erlotinib + sorafenib@0.5", "untreated")
    for arm, value in ((row.arm_a, row.value_a), (row.arm_b, row.value_b)):
        screened = table.loc[arm]
        assert abs(value - screened.value) < 4 * 2 ** 0.5 * screened.stderr


class Interrupted(Exception):
    """Stands for a crash or Ctrl-C in the middle of a screen."""


def _counting(monkeypatch, fail_at=None):
    """Replace the batch runner by one that counts calls and can fail at a given call."""
    calls = []
    real = _screen._run_batch

    def run(*args):
        calls.append(args[0])
        if fail_at is not None and len(calls) == fail_at:
            raise Interrupted
        return real(*args)

    monkeypatch.setattr(_screen, "_run_batch", run)
    return calls


def test_interrupted_screen_resumes_to_the_same_table(tmp_path, monkeypatch):
    whole = screen(**SMALL, batch_size=3)
    out = tmp_path / "screen"
    calls = _counting(monkeypatch, fail_at=3)
    with pytest.raises(Interrupted):
        screen(**SMALL, batch_size=3, out_dir=out)
    assert len(list((out / "parts").glob("part-*.parquet"))) == 2
    assert not list((out / "parts").glob("*.tmp"))
    monkeypatch.undo()
    calls = _counting(monkeypatch)
    resumed = screen(**SMALL, batch_size=3, out_dir=out, resume=True)
    n_batches = -(-len(whole.design) // 3)
    assert len(calls) == n_batches - 2  # only the missing batches ran
    pd.testing.assert_frame_equal(resumed.readouts(None), whole.readouts(None))
    pd.testing.assert_frame_equal(load_screen(out).table(), whole.table())


def test_a_folder_with_a_screen_is_not_overwritten_or_resumed_with_other_settings(tmp_path):
    screen(**SMALL, out_dir=tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["settings"]["drugs"] == ["erlotinib", "copanlisib"]
    with pytest.raises(InvalidValueError, match="resume"):
        screen(**SMALL, out_dir=tmp_path)
    with pytest.raises(InvalidValueError, match="seed"):
        screen(**{**SMALL, "seed": 4}, out_dir=tmp_path, resume=True)


def test_unknown_drug_is_refused_before_any_work(tmp_path, monkeypatch):
    calls = _counting(monkeypatch)
    out = tmp_path / "never"
    with pytest.raises(UnknownNameError, match="closest: erlotinib"):
        screen(["copanlisib", "erlotinibb"], out_dir=out, progress=False)
    assert calls == []
    assert not out.exists()


@pytest.mark.parametrize(("arguments", "message"), [
    ({"doses": (0.5, 1.5)}, r"1.5 is outside \(0, 1\]"),
    ({"doses": (0.0,)}, r"outside \(0, 1\]"),
    ({"max_order": 4}, "1, 2 or 3"),
    ({"n_trajectories": 1}, "at least 2"),
    ({"drugs": ["interferon alpha"]}, "no modelled target"),
])
def test_bad_settings_are_refused_with_the_allowed_range(arguments, message):
    with pytest.raises(InvalidValueError, match=message):
        screen(**{**SMALL, **arguments})


def test_two_worker_dask_cluster_gives_the_local_results():
    distributed = pytest.importorskip("distributed")
    local = screen(**SMALL, batch_size=4)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = screen(**SMALL, batch_size=4, client=client)
        assert len(client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(remote.readouts(None), local.readouts(None))
