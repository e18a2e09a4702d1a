"""Rule parser: precedence, keywords, constants, round trips and positioned errors."""

import pytest

from soraresist.errors import RuleSyntaxError
from soraresist.model import (
    And,
    Const,
    Not,
    Or,
    Var,
    evaluate,
    format_expression,
    parse_expression,
    regulators,
)


def test_precedence_not_and_or():
    assert parse_expression("!A & B | C") == Or((And((Not(Var("A")), Var("B"))), Var("C")))


def test_keywords_and_double_symbols_match_single_symbols():
    assert parse_expression("NOT A AND B OR C") == parse_expression("!A && B || C")


def test_constants():
    assert parse_expression("true | 0") == Or((Const(value=True), Const(value=False)))


def test_parentheses_group():
    assert parse_expression("A & (B | C)") == And((Var("A"), Or((Var("B"), Var("C")))))


@pytest.mark.parametrize("text", ["A & !(B | C)", "(A | B) & (C | !D)", "!!A", "A | (B | C)",
                                  "1 & (0 | X_1)", "A & B & (C & D)"])
def test_format_parses_back_to_the_same_tree(text):
    tree = parse_expression(text)
    assert parse_expression(format_expression(tree)) == tree


def test_regulators_in_order_of_first_use():
    assert regulators(parse_expression("C & (A | !C) & B")) == ("C", "A", "B")


def test_evaluate_truth_table_of_xor_form():
    tree = parse_expression("A & !B | !A & B")
    values = [evaluate(tree, {"A": a, "B": b}) for a in (0, 1) for b in (0, 1)]
    assert values == [False, True, True, False]


@pytest.mark.parametrize(("text", "column", "token"), [
    ("A &", 4, "<end of rule>"),
    ("A B", 3, "B"),
    ("(A | B", 7, "<end of rule>"),
    ("A ^ B", 3, "^"),
    ("A & 2", 5, "2"),
    ("A & )", 5, ")"),
])
def test_syntax_errors_name_line_column_and_token(text, column, token):
    with pytest.raises(RuleSyntaxError) as info:
        parse_expression(text, source="m.bnet", line=7)
    error = info.value
    assert (error.source, error.line, error.column, error.token) == ("m.bnet", 7, column, token)
    assert str(error).startswith(f"m.bnet:7:{column}:")


def test_error_position_in_a_rule_spanning_lines():
    with pytest.raises(RuleSyntaxError) as info:
        parse_expression("A &\n  B C", line=3, column=11)
    assert (info.value.line, info.value.column, info.value.token) == (4, 5, "C")
