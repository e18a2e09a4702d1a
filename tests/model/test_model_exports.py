"""The sorafenib model in every exchange format: round trips, SBML validity, and MaBoSS running
the exported files gives the engine's node probabilities.

The model is exported with every drug of the library added (sorafenib on, erlotinib on in half
of the trajectories, the others off), so the drug nodes and rewritten rules are covered too.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from soraresist.engine import simulate
from soraresist.model import BooleanNetwork, apply_drugs, drug_library, sorafenib_model
from soraresist.model.io import (
    generate_bnet,
    generate_maboss,
    generate_sbml_qual,
    parse_bnet,
    parse_maboss,
    parse_sbml_qual,
)

DOSES = {"sorafenib": 1.0, "erlotinib": 0.5}


@pytest.fixture(scope="module")
def treated() -> BooleanNetwork:
    names = drug_library().dropna(subset=["node"])["drug"].unique()
    return apply_drugs(sorafenib_model(), [(name, DOSES.get(name, 0.0)) for name in names])


def _helper(folder: str, module: str):
    """A module of ``tests/<folder>`` (the helpers are shared, not copied, between folders)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / folder))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.pop(0)


def test_the_exported_network_holds_the_model_and_the_drugs(treated):
    assert len(treated.nodes) > 128  # beyond cmaboss_128n: the agreement runs cmaboss_256n
    assert treated.initial["drug_sorafenib"] == 1.0 and treated.initial["drug_erlotinib"] == 0.5
    assert set(sorafenib_model().nodes) < set(treated.nodes)


@pytest.mark.parametrize("with_drugs", [False, True], ids=["model", "model+drugs"])
def test_bnet_round_trip_keeps_every_rule(treated, with_drugs):
    network = treated if with_drugs else sorafenib_model()
    back = parse_bnet(generate_bnet(network))
    assert back.nodes == network.nodes and back.rules == network.rules


@pytest.mark.parametrize("with_drugs", [False, True], ids=["model", "model+drugs"])
def test_maboss_round_trip_keeps_rules_rates_and_initial_values(treated, with_drugs):
    network = treated if with_drugs else sorafenib_model()
    back, _ = parse_maboss(*generate_maboss(network))
    assert back == network
    assert back.rate_up["Hypoxia"] == 0.2  # the one slow node survives the trip


@pytest.mark.parametrize("with_drugs", [False, True], ids=["model", "model+drugs"])
def test_sbml_qual_validates_and_round_trips(treated, with_drugs):
    network = treated if with_drugs else sorafenib_model()
    text = generate_sbml_qual(network)
    assert _helper("model", "test_io_sbml_qual").consistency_issues(text) == []
    assert parse_sbml_qual(text) == network


def test_maboss_on_the_export_gives_the_engine_probabilities(treated):
    """Every node and window: two-sample |z| under the Bonferroni bound (family-wise 0.001)."""
    pytest.importorskip("cmaboss_256n", reason="cmaboss (dev dependency) is not installed")
    samples, max_time, tick = 5000, 30.0, 3.0
    reference = _helper("engine", "maboss_reference")
    back, _ = parse_maboss(*generate_maboss(treated))  # MaBoSS runs the exported text
    maboss = reference.maboss_probabilities(back, samples=samples, max_time=max_time, tick=tick,
                                            seed=1)
    result = simulate(treated, n_trajectories=samples, max_time=max_time, tick=tick, seed=2)
    ours = result.probabilities.loc["default"]
    assert len(ours) == 10
    z, bound, where = reference.max_z_and_bound(ours, result.stderr.loc["default"], maboss,
                                                samples)
    assert z < bound, f"max |z| {z:.2f} >= {bound:.2f} at (window, node) {where}"
    # the comparison has teeth: ERK's transient rise and sorafenib's shut-down show in both runs
    # (a peak of 0.1 lies over 20 standard errors above zero at 5000 samples)
    for erk in (maboss["ERK"], ours["ERK"]):
        assert erk.iloc[-1] < 0.05 and erk.max() > 0.1
