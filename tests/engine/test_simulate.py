"""Engine against closed-form answers; seeds, threads and conditions."""

import math

import numpy as np
import pandas as pd
import pytest

from soraresist import ds
from soraresist.engine import Condition, simulate
from soraresist.errors import UnknownNameError
from soraresist.model import BooleanNetwork

N = 20_000
Z = 4.0


def _window_means(curve, n_windows, tick=1.0, points=2001):
    """Exact window averages of a smooth p(t), by the trapezoid rule on a fine grid."""
    means = []
    for k in range(n_windows):
        t = np.linspace(k * tick, (k + 1) * tick, points)
        means.append(np.trapezoid(curve(t), t) / tick)
    return np.array(means)


def _assert_close(result, node, exact_windows, exact_final, condition="default"):
    p = result.probabilities.loc[condition, node].to_numpy()
    se = result.stderr.loc[condition, node].to_numpy()
    assert np.all(np.abs(p - exact_windows) <= Z * np.maximum(se, 1e-12)), (p, exact_windows)
    final = result.final.loc[condition, node]
    final_se = math.sqrt(exact_final * (1 - exact_final) / result.n_trajectories)
    assert abs(final - exact_final) <= Z * max(final_se, 1e-12)


def relaxing(rate=1.0):
    return BooleanNetwork.from_rules({"A": "1"}, rate_up={"A": rate}, initial={"A": 0.0})


@pytest.mark.parametrize("rate", [1.0, 2.5])
def test_one_node_relaxes_as_one_minus_exponential(rate):
    result = simulate(relaxing(rate), n_trajectories=N, max_time=4, tick=1, seed=3)
    windows = 1 - (np.exp(-rate * np.arange(4)) - np.exp(-rate * np.arange(1, 5))) / rate
    _assert_close(result, "A", windows, 1 - math.exp(-4 * rate))


def test_window_average_with_a_fractional_tick_and_partial_last_window():
    result = simulate(relaxing(), n_trajectories=N, max_time=1.25, tick=0.5, seed=4)
    assert list(result.probabilities.loc["default"].index) == [0.0, 0.5, 1.0]
    exact = []
    for a, b in ((0, 0.5), (0.5, 1.0), (1.0, 1.25)):
        exact.append(1 - (math.exp(-a) - math.exp(-b)) / (b - a))
    _assert_close(result, "A", np.array(exact), 1 - math.exp(-1.25))


def test_two_node_toggle_from_both_off():
    toggle = BooleanNetwork.from_rules({"A": "!B", "B": "!A"}, initial={"A": 0.0, "B": 0.0})
    result = simulate(toggle, n_trajectories=N, max_time=3, seed=5, output_nodes=["A", "B"])
    curve = lambda t: 0.5 * (1 - np.exp(-2 * t))  # noqa: E731
    for node in ("A", "B"):
        _assert_close(result, node, _window_means(curve, 3), curve(3.0))
    final_states = result.final_states.loc["default"]
    assert "A -- B" not in final_states.index  # the two are never on together
    assert abs(final_states["<nil>"] - math.exp(-6)) < Z * math.sqrt(math.exp(-6) / N)
    states = result.states.loc["default"]
    assert np.allclose(states.sum(axis=1), 1.0)
    assert np.allclose(states["A"], result.probabilities.loc["default", "A"])


def _cycle_probability_a(t):
    """A 4-state rotation (00 -> 10 -> 11 -> 01) at rate 1: A is on after 1 or 2 mod 4 steps."""
    t = np.atleast_1d(t)
    n = np.arange(80)[:, None]
    log_pmf = n * np.log(np.maximum(t, 1e-300)) - t - np.array(
        [math.lgamma(k + 1) for k in range(80)])[:, None]
    pmf = np.exp(log_pmf)
    return pmf[(n[:, 0] % 4 == 1) | (n[:, 0] % 4 == 2)].sum(axis=0)


def test_negative_two_node_cycle_rotates_as_poisson_steps():
    cycle = BooleanNetwork.from_rules({"A": "!B", "B": "A"}, initial={"A": 0.0, "B": 0.0})
    result = simulate(cycle, n_trajectories=N, max_time=5, seed=6)
    _assert_close(result, "A", _window_means(_cycle_probability_a, 5),
                  float(_cycle_probability_a(5.0)[0]))


def test_same_seed_same_numbers_whatever_the_threads():
    net = ds.bench_model("bbm065")
    one = simulate(net, n_trajectories=300, max_time=5, seed=11, threads=1, output_nodes=["v_EMT"])
    two = simulate(net, n_trajectories=300, max_time=5, seed=11, threads=2, output_nodes=["v_EMT"])
    for attribute in ("probabilities", "stderr", "final", "states", "final_states"):
        pd.testing.assert_frame_equal(getattr(one, attribute), getattr(two, attribute),
                                      check_exact=True)
    other = simulate(net, n_trajectories=300, max_time=5, seed=12, threads=1)
    assert not one.probabilities.equals(other.probabilities)


def test_a_condition_gives_the_same_numbers_alone_or_in_a_batch():
    net = ds.toy_network()
    knockout = Condition("B off", off=("B",))
    alone = simulate(net, [knockout], n_trajectories=200, max_time=3, seed=2)
    batch = simulate(net, [Condition("wt"), knockout], n_trajectories=200, max_time=3, seed=2)
    pd.testing.assert_frame_equal(alone.probabilities.loc[["B off"]],
                                  batch.probabilities.loc[["B off"]], check_exact=True)
    assert not batch.probabilities.loc["wt"].equals(batch.probabilities.loc["B off"])


def test_fixed_off_and_on():
    net = ds.toy_network()
    result = simulate(net, [Condition("C off", off=("C",)), Condition("C on", on=("C",))],
                      n_trajectories=2000, max_time=4, seed=8)
    assert (result.probabilities.loc["C off", "C"] == 0.0).all()
    assert (result.probabilities.loc["C on", "C"] == 1.0).all()
    assert (result.probabilities.loc["C on", "B"] == 0.0).all()  # B needs !C and starts off
    exact = _window_means(lambda t: 1 - np.exp(-t), 4)
    _assert_close(result, "B", exact, 1 - math.exp(-4), condition="C off")


def test_rate_scaling_multiplies_both_rates():
    result = simulate(relaxing(), [Condition("half", rate_scale={"A": 0.5}),
                                   Condition("frozen", rate_scale={"A": 0.0})],
                      n_trajectories=N, max_time=3, seed=9)
    windows = 1 - (np.exp(-0.5 * np.arange(3)) - np.exp(-0.5 * np.arange(1, 4))) / 0.5
    _assert_close(result, "A", windows, 1 - math.exp(-1.5), condition="half")
    assert (result.probabilities.loc["frozen", "A"] == 0.0).all()


def test_initial_override_decays_as_exponential():
    decaying = BooleanNetwork.from_rules({"A": "0"})
    result = simulate(decaying, [Condition("start on", initial={"A": 1.0})],
                      n_trajectories=N, max_time=3, seed=10)
    windows = np.exp(-np.arange(3)) - np.exp(-np.arange(1, 4))
    _assert_close(result, "A", windows, math.exp(-3), condition="start on")


@pytest.mark.parametrize(("conditions", "error"), [
    ([Condition("x", off=("Z",))], UnknownNameError),
    ([Condition("x", rate_scale={"B": 1.5})], ValueError),
    ([Condition("x", initial={"B": -0.1})], ValueError),
    ([Condition("x", off=("B",), on=("B",))], ValueError),
    ([Condition("x"), Condition("x")], ValueError),
])
def test_bad_conditions_are_refused(conditions, error):
    with pytest.raises(error):
        simulate(ds.toy_network(), conditions, n_trajectories=5)


def test_unknown_output_node_is_refused():
    with pytest.raises(UnknownNameError, match="closest: B"):
        simulate(ds.toy_network(), n_trajectories=5, output_nodes=["BB"])
