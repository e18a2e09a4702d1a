"""The sorafenib model in every exchange format: round trips, SBML validity, and MaBoSS running
the exported files gives the engine's node probabilities.

The model is exported with every drug of the library added (sorafenib on, erlotinib on in half
of the trajectories, the others off), so the drug nodes and rewritten rules are covered too.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from statistics import NormalDist

import libsbml
import numpy as np
import pytest

from soraresist.engine import simulate
from soraresist.model import (
    BooleanNetwork,
    Expr,
    apply_drugs,
    drug_library,
    evaluate,
    regulators,
    sorafenib_model,
)
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


def same_function(first: Expr, second: Expr) -> bool:
    """Whether two rules agree on every assignment of the regulators they read."""
    names = list(dict.fromkeys(regulators(first) + regulators(second)))
    assert len(names) <= 16, "too many regulators for a full truth table"
    return all(evaluate(first, dict(zip(names, state, strict=True)))
               == evaluate(second, dict(zip(names, state, strict=True)))
               for state in itertools.product((0, 1), repeat=len(names)))


def assert_same_rules(back: BooleanNetwork, network: BooleanNetwork) -> None:
    assert back.nodes == network.nodes
    different = [n for n in network.nodes if not same_function(back.rules[n], network.rules[n])]
    assert different == []


def test_the_exported_network_holds_the_model_and_the_drugs(treated):
    assert len(treated.nodes) > 128  # beyond cmaboss_128n: the agreement runs cmaboss_256n
    assert treated.initial["drug_sorafenib"] == 1.0 and treated.initial["drug_erlotinib"] == 0.5
    assert set(sorafenib_model().nodes) < set(treated.nodes)


@pytest.mark.parametrize("with_drugs", [False, True], ids=["model", "model+drugs"])
def test_bnet_round_trip_keeps_every_rule(treated, with_drugs):
    network = treated if with_drugs else sorafenib_model()
    assert_same_rules(parse_bnet(generate_bnet(network)), network)


@pytest.mark.parametrize("with_drugs", [False, True], ids=["model", "model+drugs"])
def test_maboss_round_trip_keeps_rules_rates_and_initial_values(treated, with_drugs):
    network = treated if with_drugs else sorafenib_model()
    back, _ = parse_maboss(*generate_maboss(network))
    assert_same_rules(back, network)
    assert back.rate_up == network.rate_up and back.rate_down == network.rate_down
    assert back.initial == network.initial
    assert back.rate_up["Hypoxia"] == 0.2  # the one slow node survives the trip


@pytest.mark.parametrize("with_drugs", [False, True], ids=["model", "model+drugs"])
def test_sbml_qual_validates_and_round_trips(treated, with_drugs):
    network = treated if with_drugs else sorafenib_model()
    text = generate_sbml_qual(network)
    document = libsbml.readSBMLFromString(text)
    document.checkConsistency()
    issues = [document.getError(i).getMessage() for i in range(document.getNumErrors())]
    assert issues == []
    back = parse_sbml_qual(text)
    assert_same_rules(back, network)
    assert back.rate_up == network.rate_up and back.rate_down == network.rate_down
    assert back.initial == network.initial


def _maboss_reference():
    """The engine tests' helper that runs MaBoSS (cmaboss) with i.i.d. initial draws."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "engine"))
    try:
        from maboss_reference import maboss_probabilities
    finally:
        sys.path.pop(0)
    return maboss_probabilities


def test_maboss_on_the_export_gives_the_engine_probabilities(treated):
    """Every node and window: two-sample |z| under the Bonferroni bound (family-wise 0.001).

    MaBoSS's standard error is taken as sqrt(p(1-p)/n), an upper bound for a window average.
    """
    pytest.importorskip("cmaboss_256n", reason="cmaboss (dev dependency) is not installed")
    samples, max_time, tick = 5000, 30.0, 3.0
    back, _ = parse_maboss(*generate_maboss(treated))  # MaBoSS runs the exported text
    reference = _maboss_reference()(back, samples=samples, max_time=max_time, tick=tick, seed=1)
    result = simulate(treated, n_trajectories=samples, max_time=max_time, tick=tick, seed=2)
    ours = result.probabilities.loc["default"]
    assert np.allclose(ours.index, reference.index) and len(ours) == 10
    engine_p, engine_se = ours.to_numpy(), result.stderr.loc["default"].to_numpy()
    maboss_p = reference[list(treated.nodes)].to_numpy()
    spread = np.sqrt(engine_se**2 + maboss_p * (1 - maboss_p) / samples)
    differ = np.abs(engine_p - maboss_p)
    z = np.where(spread > 0, differ / np.where(spread > 0, spread, 1.0),
                 np.where(differ == 0, 0.0, np.inf))
    bound = NormalDist().inv_cdf(1 - 0.001 / 2 / z.size)
    worst = np.unravel_index(np.argmax(z), z.shape)
    assert z.max() < bound, (f"max |z| {z.max():.2f} >= {bound:.2f} at node "
                             f"{treated.nodes[worst[1]]}, window {ours.index[worst[0]]}")
    # the comparison has teeth: ERK's transient rise and sorafenib's shut-down show in both runs
    # (a peak of 0.1 lies over 20 standard errors above zero at 5000 samples)
    erk = treated.nodes.index("ERK")
    assert maboss_p[-1, erk] < 0.05 and engine_p[-1, erk] < 0.05
    assert maboss_p[:, erk].max() > 0.1 and engine_p[:, erk].max() > 0.1
