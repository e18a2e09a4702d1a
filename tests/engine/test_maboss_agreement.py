"""The engine's node probabilities agree with MaBoSS's on every bench model.

For every node and window the two-sample z-score stays under the Bonferroni bound for a
family-wise error of 0.001 (`maboss_reference.max_z_and_bound`).
"""

import pytest

from soraresist import ds
from soraresist.engine import Condition, simulate

pytest.importorskip("cmaboss", reason="cmaboss (dev dependency) is not installed")

from maboss_reference import maboss_probabilities, max_z_and_bound

SETTINGS = {  # samples, max_time: sized to keep the whole file near 15 s on 2 cores
    "bbm023": (4000, 10), "bbm065": (4000, 10), "bbm025": (3000, 10), "bbm092": (3000, 10),
    "bbm012": (3000, 10), "bbm210": (2000, 10), "bbm001": (1000, 5),
}


def _compare(engine_network, maboss_network, condition, samples, max_time):
    reference = maboss_probabilities(maboss_network, samples=samples, max_time=max_time,
                                     tick=1.0, seed=1)
    result = simulate(engine_network, [condition], n_trajectories=samples, max_time=max_time,
                      tick=1.0, seed=2)
    return max_z_and_bound(result.probabilities.loc[condition.name],
                           result.stderr.loc[condition.name], reference, samples)


@pytest.mark.parametrize("prefix", list(SETTINGS))
def test_agreement_on_bench_model(prefix):
    network = ds.bench_model(prefix)
    samples, max_time = SETTINGS[prefix]
    z, bound, where = _compare(network, network, Condition("default"), samples, max_time)
    assert z < bound, f"{prefix}: max |z| = {z:.2f} >= {bound:.2f} at (window, node) {where}"


def test_agreement_under_a_knockout_and_a_rate_scaling():
    network = ds.bench_model("bbm092")
    off, slow = network.nodes[3], network.nodes[10]
    condition = Condition("perturbed", off=(off,), rate_scale={slow: 0.3})
    as_maboss = network.replace(rate_up={off: 0.0, slow: 0.3}, rate_down={off: 0.0, slow: 0.3},
                                initial={off: 0.0})
    z, bound, where = _compare(network, as_maboss, condition, 3000, 10)
    assert z < bound, f"max |z| = {z:.2f} >= {bound:.2f} at (window, node) {where}"
