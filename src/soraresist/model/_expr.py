"""Logical expressions of Boolean rules: a tokenizer, a recursive-descent parser and a small AST.

Rules are parsed into immutable trees, never evaluated as code. Precedence, from tightest:
``!``/``NOT``, ``&``/``AND``, ``|``/``OR``; parentheses group; ``0``/``1``/``true``/``false``
are constants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from soraresist.errors import RuleSyntaxError

__all__ = [
    "And",
    "Const",
    "Expr",
    "Not",
    "Or",
    "Var",
    "evaluate",
    "format_expression",
    "parse_expression",
    "regulators",
]


@dataclass(frozen=True)
class Const:
    """A constant truth value."""

    value: bool


@dataclass(frozen=True)
class Var:
    """A reference to a node's current value."""

    name: str


@dataclass(frozen=True)
class Not:
    """Negation of one operand."""

    operand: Expr


@dataclass(frozen=True)
class And:
    """Conjunction of two or more operands."""

    operands: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    """Disjunction of two or more operands."""

    operands: tuple[Expr, ...]


Expr = Const | Var | Not | And | Or

_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<num>[0-9]+(?:\.[0-9]*)?)"
    r"|(?P<op>&&|\|\||[!&|()])|(?P<bad>\S))"
)
_KEYWORDS = {"AND": "&", "OR": "|", "NOT": "!"}
_CONSTANTS = {"0": False, "1": True, "true": True, "false": False}


@dataclass(frozen=True)
class _Token:
    kind: str  # "name", "const", "op", "end"
    text: str
    line: int
    column: int


def _position(text: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """Line and column of ``text[offset]`` when ``text`` starts at (line, column)."""
    newlines = text.count("\n", 0, offset)
    if newlines == 0:
        return line, column + offset
    return line + newlines, offset - text.rfind("\n", 0, offset)


def _tokenize(text: str, source: str, line: int, column: int) -> list[_Token]:
    tokens = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only trailing whitespace is left
            break
        kind, value = match.lastgroup, match.group(match.lastgroup)
        where = _position(text, match.start(kind), line, column)
        if kind == "bad":
            raise RuleSyntaxError("unexpected character (allowed: names, ! & | ( ), 0, 1)",
                                  source=source, line=where[0], column=where[1], token=value)
        if kind == "num" or value.lower() in ("true", "false"):
            if value.lower() not in _CONSTANTS:
                raise RuleSyntaxError("only the constants 0, 1, true and false are allowed",
                                      source=source, line=where[0], column=where[1], token=value)
            tokens.append(_Token("const", value.lower(), *where))
        elif kind == "name" and value.upper() in _KEYWORDS:
            tokens.append(_Token("op", _KEYWORDS[value.upper()], *where))
        elif kind == "op":
            tokens.append(_Token("op", value[0], *where))
        else:
            tokens.append(_Token("name", value, *where))
        pos = match.end()
    tokens.append(_Token("end", "", *_position(text, len(text.rstrip()), line, column)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token], source: str):
        self.tokens, self.source, self.pos = tokens, source, 0

    def error(self, message: str) -> RuleSyntaxError:
        token = self.tokens[self.pos]
        return RuleSyntaxError(message, source=self.source, line=token.line,
                               column=token.column, token=token.text or "<end of rule>")

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Expr:
        expr = self.disjunction()
        if self.peek().kind != "end":
            raise self.error("expected an operator & or | or the end of the rule")
        return expr

    def disjunction(self) -> Expr:
        operands = [self.conjunction()]
        while self.peek().text == "|" and self.peek().kind == "op":
            self.take()
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def conjunction(self) -> Expr:
        operands = [self.negation()]
        while self.peek().text == "&" and self.peek().kind == "op":
            self.take()
            operands.append(self.negation())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def negation(self) -> Expr:
        token = self.peek()
        if token.kind == "op" and token.text == "!":
            self.take()
            return Not(self.negation())
        if token.kind == "op" and token.text == "(":
            self.take()
            expr = self.disjunction()
            if self.peek().text != ")":
                raise self.error("expected ')'")
            self.take()
            return expr
        if token.kind == "name":
            return Var(self.take().text)
        if token.kind == "const":
            return Const(_CONSTANTS[self.take().text])
        raise self.error("expected a name, a constant, '!' or '('")


def parse_expression(text: str, *, source: str = "<rule>", line: int = 1,
                     column: int = 1) -> Expr:
    """Parse a logical rule into an expression tree.

    Parameters
    ----------
    text
        The rule, e.g. ``"A & !(B | C)"``.
    source, line, column
        Where ``text`` starts, so that errors point into the user's file (``text`` may span
        several lines).

    Returns
    -------
    The expression tree.

    Raises
    ------
    RuleSyntaxError
        Naming the source, line, column and offending token.

    Examples
    --------
    >>> parse_expression("A & !B")
    And(operands=(Var(name='A'), Not(operand=Var(name='B'))))
    """
    return _Parser(_tokenize(text, source, line, column), source).parse()


def _walk(expr: Expr) -> Iterator[Expr]:
    yield expr
    if isinstance(expr, Not):
        yield from _walk(expr.operand)
    elif isinstance(expr, And | Or):
        for operand in expr.operands:
            yield from _walk(operand)


def regulators(expr: Expr) -> tuple[str, ...]:
    """Names an expression reads, in order of first appearance.

    Examples
    --------
    >>> regulators(parse_expression("B | !A & B"))
    ('B', 'A')
    """
    return tuple(dict.fromkeys(e.name for e in _walk(expr) if isinstance(e, Var)))


def _format(expr: Expr, parent: int) -> str:
    if isinstance(expr, Const):
        return "1" if expr.value else "0"
    if isinstance(expr, Var):
        return expr.name
    if isinstance(expr, Not):
        return "!" + _format(expr.operand, 3)
    level, symbol = (2, " & ") if isinstance(expr, And) else (1, " | ")
    # operands at the same level are bracketed so the text re-parses to the same tree
    text = symbol.join(_format(operand, level + 1) for operand in expr.operands)
    return f"({text})" if parent >= level else text


def format_expression(expr: Expr) -> str:
    """Write an expression back as text that parses to the same tree.

    Examples
    --------
    >>> format_expression(parse_expression("A AND (B OR NOT C)"))
    'A & (B | !C)'
    """
    return _format(expr, 0)


def evaluate(expr: Expr, state: Mapping[str, bool | int]) -> bool:
    """Truth value of an expression in a state (a mapping from names to 0/1).

    Examples
    --------
    >>> evaluate(parse_expression("A & !B"), {"A": 1, "B": 0})
    True
    """
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Var):
        return bool(state[expr.name])
    if isinstance(expr, Not):
        return not evaluate(expr.operand, state)
    if isinstance(expr, And):
        return all(evaluate(operand, state) for operand in expr.operands)
    return any(evaluate(operand, state) for operand in expr.operands)
