"""Synergy scores on hand-made networks whose Bliss excess is known exactly."""

import numpy as np
import pandas as pd
import pytest

from soraresist.analysis import (
    backbone_gain,
    mechanism,
    screen,
    synergy,
    synergy_summary,
)
from soraresist.model import PHENOTYPES, BooleanNetwork

DOSES = (0.25, 0.5, 0.75, 1.0)


def _network(rules: dict[str, str]) -> BooleanNetwork:
    """Rules plus every phenotype read-out (off unless given); inputs on, the rest start off."""
    rules = {**{name: "0" for name in PHENOTYPES}, **rules}
    net = BooleanNetwork.from_rules(rules)
    initial = {n: 1.0 if n in net.inputs else 0.0 for n in net.nodes}
    return net.replace(initial=initial)


# erlotinib blocks EGFR, palbociclib CDK46, copanlisib PI3K (the drug library's targets)
INDEPENDENT = _network({"Proliferation": "CDK46", "Apoptosis": "!EGFR",
                        "CDK46": "CDK46", "EGFR": "EGFR"})
COMPENSATING = _network({"Proliferation": "ERK | AKT", "ERK": "EGFR", "AKT": "PI3K",
                         "EGFR": "EGFR", "PI3K": "PI3K"})
ANTAGONISTIC = _network({"Proliferation": "(EGFR & PI3K) | (!EGFR & !PI3K)",
                         "EGFR": "EGFR", "PI3K": "PI3K"})


def _screen(network, drugs, n_trajectories=2000, seed=0):
    return screen(drugs, backbone=None, network=network, doses=DOSES,
                  n_trajectories=n_trajectories, seed=seed, progress=False)


def test_independent_branches_give_bliss_excess_near_zero():
    result = _screen(INDEPENDENT, ["erlotinib", "palbociclib"])
    cells = synergy(result)
    assert len(cells) == 16
    assert (cells.bliss.abs() <= 4 * cells.bliss_se + 1e-12).all()
    summary = synergy_summary(result).iloc[0]
    assert abs(summary.bliss) < 0.02
    assert summary.call == "additive"
    # the effects themselves are large: independence, not inactivity
    top = cells[(cells.dose_1 == 1.0) & (cells.dose_2 == 1.0)].iloc[0]
    assert top.inhibition == pytest.approx(1.0)


def test_compensating_branches_give_positive_excess():
    result = _screen(COMPENSATING, ["erlotinib", "copanlisib"])
    cells = synergy(result).set_index(["dose_1", "dose_2"])
    # singles do nothing (the other branch compensates); together they stop Proliferation in
    # the trajectories where both drugs are on: excess = e1 * e2
    for (e1, e2), row in cells.iterrows():
        assert abs(row.bliss - e1 * e2) < 4 * row.bliss_se + 0.01
        assert row.hsa == pytest.approx(row.bliss)
    summary = synergy_summary(result).iloc[0]
    assert summary.call == "synergistic"
    assert summary.bliss == pytest.approx(np.mean(DOSES) ** 2, abs=4 * summary.bliss_se)
    assert summary.bliss > 3 * summary.bliss_se


def test_mutual_rescue_is_called_antagonistic():
    result = _screen(ANTAGONISTIC, ["erlotinib", "copanlisib"])
    summary = synergy_summary(result).iloc[0]
    assert summary.call == "antagonistic"
    assert summary.bliss == pytest.approx(-np.mean(DOSES) ** 2, abs=4 * summary.bliss_se)


def test_uncertainties_shrink_with_samples():
    few = synergy_summary(_screen(COMPENSATING, ["erlotinib", "copanlisib"], 200)).iloc[0]
    many = synergy_summary(_screen(COMPENSATING, ["erlotinib", "copanlisib"], 3200)).iloc[0]
    assert many.bliss_se < few.bliss_se / 2.5  # sqrt(16) = 4 in theory


def test_propagated_error_matches_the_spread_over_seeds():
    scores = [synergy_summary(_screen(COMPENSATING, ["erlotinib", "copanlisib"], 300, seed))
              .iloc[0] for seed in range(16)]
    spread = np.std([s.bliss for s in scores], ddof=1)
    predicted = np.mean([s.bliss_se for s in scores])
    assert 0.6 < spread / predicted < 1.6


def test_mechanism_names_the_compensating_node_with_its_evidence():
    result = _screen(COMPENSATING, ["erlotinib", "copanlisib"])
    edges = pd.DataFrame({"source": ["PI3K", "EGFR"], "target": ["AKT", "ERK"],
                          "evidence_ids": [["X-AKT"], ["X-ERK"]]})
    why = mechanism(result, edges=edges)
    assert set(why.combination) == {"erlotinib+copanlisib"}
    # best single at the top dose point is erlotinib (ties go to the first drug): ERK is off
    # in both arms, AKT only in the combination; the drugs' own targets are left out
    akt = why.set_index("node").loc["AKT"]
    assert akt.difference == pytest.approx(-1.0)
    assert akt.evidence_ids == ["X-AKT"]
    assert "ERK" not in set(why.node)
    assert not set(why.node) & {"EGFR", "PI3K"}


def test_backbone_gain_compares_the_pair_with_the_backbone_alone():
    result = screen(["copanlisib"], backbone="erlotinib", network=COMPENSATING, doses=(1.0,),
                    n_trajectories=500, progress=False)
    gain = backbone_gain(result).set_index("partner").loc["copanlisib"]
    assert gain.backbone_value == 1.0
    assert gain.combination_value == 0.0
    assert gain.call == "better"
