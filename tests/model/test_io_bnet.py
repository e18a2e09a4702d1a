"""BoolNet reader/writer: conventions for inputs, round trips and positioned errors."""

import pytest

from soraresist import ds
from soraresist.errors import RuleSyntaxError
from soraresist.model import BooleanNetwork, Var, parse_expression
from soraresist.model.io import generate_bnet, parse_bnet, read_bnet, write_bnet


def test_header_comments_and_free_inputs():
    net = parse_bnet("# a model\ntargets, factors\nB, A & !B  # comment\nC, C\n")
    assert net.nodes == ("B", "C", "A")
    assert net.inputs == ("C", "A")
    assert net.rules["B"] == parse_expression("A & !B")
    assert net.rate_up == {"B": 1.0, "C": 0.0, "A": 0.0}
    assert set(net.initial.values()) == {0.5}


@pytest.mark.parametrize("name", ds.bench_models())
def test_round_trip_of_bench_models(name):
    net = ds.bench_model(name)
    assert parse_bnet(generate_bnet(net)) == net


def test_write_then_read(tmp_path):
    net = ds.toy_network().replace(initial={"A": 0.5, "B": 0.5, "C": 0.5})
    write_bnet(net, tmp_path / "toy.bnet")
    assert read_bnet(tmp_path / "toy.bnet") == net


@pytest.mark.parametrize(("text", "line", "column", "token"), [
    ("A, B\nB A\n", 2, 1, "B A"),
    ("A, B\nB, A &\n", 2, 7, "<end of rule>"),
    ("A, B\n  A, !B\n", 2, 3, "A"),
    ("A-1, B\n", 1, 1, "A-1"),
    ("A, B | (C\n", 1, 10, "<end of rule>"),
])
def test_errors_name_file_line_column_token(text, line, column, token):
    with pytest.raises(RuleSyntaxError) as info:
        parse_bnet(text, source="bad.bnet")
    assert (info.value.source, info.value.line, info.value.column, info.value.token) == (
        "bad.bnet", line, column, token)


def test_empty_file_is_an_error():
    with pytest.raises(RuleSyntaxError, match="no 'target, rule' line"):
        parse_bnet("# nothing\n")


def test_self_rule_is_an_input_with_zero_rates():
    net = BooleanNetwork.from_rules({"X": "X", "Y": "X"})
    assert net.rules["X"] == Var("X")
    assert (net.rate_up["X"], net.rate_down["X"]) == (0.0, 0.0)
