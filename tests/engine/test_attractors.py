"""Fixed points and minimal trap spaces (mpbn) checked against the rules themselves."""

import itertools

import pytest

from soraresist import ds
from soraresist.engine import fixed_points, trap_spaces
from soraresist.model import BooleanNetwork, evaluate


def _is_fixed(network, state):
    return all(evaluate(network.rules[n], state) == bool(state[n]) for n in network.nodes)


def test_toggle_has_two_fixed_points_and_the_cycle_none():
    toggle = BooleanNetwork.from_rules({"A": "!B", "B": "!A"})
    assert sorted(map(tuple, fixed_points(toggle).to_numpy().tolist())) == [(0, 1), (1, 0)]
    cycle = BooleanNetwork.from_rules({"A": "!B", "B": "A"})
    assert fixed_points(cycle).empty
    assert trap_spaces(cycle).to_dict("records") == [{"A": "*", "B": "*"}]


def test_fixed_points_of_the_cell_cycle_match_brute_force():
    network = ds.bench_model("bbm023")
    brute = {values for values in itertools.product((0, 1), repeat=len(network.nodes))
             if _is_fixed(network, dict(zip(network.nodes, values, strict=True)))}
    found = set(map(tuple, fixed_points(network).to_numpy().tolist()))
    assert found == brute and len(found) == 1


def test_trap_spaces_of_the_cell_cycle_are_closed():
    network = ds.bench_model("bbm023")
    spaces = trap_spaces(network)
    assert len(spaces) == 2
    for space in spaces.to_dict("records"):
        free = [n for n, v in space.items() if v == "*"]
        for values in itertools.product((0, 1), repeat=len(free)):
            state = {**space, **dict(zip(free, values, strict=True))}
            for node, value in space.items():
                if value != "*":
                    assert evaluate(network.rules[node], state) == bool(value)


@pytest.mark.parametrize("prefix", ["bbm065", "bbm025", "bbm092", "bbm012", "bbm210"])
def test_fixed_points_of_bench_models_satisfy_every_rule(prefix):
    network = ds.bench_model(prefix)
    points = fixed_points(network)
    for state in points.to_dict("records"):
        assert _is_fixed(network, state)
    fixed_spaces = {tuple(r.values()) for r in trap_spaces(network).to_dict("records")
                    if "*" not in r.values()}
    assert fixed_spaces == set(map(tuple, points.to_numpy().tolist()))
