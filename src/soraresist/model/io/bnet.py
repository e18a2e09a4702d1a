"""BoolNet ``.bnet`` files: ``target, rule`` per line; read, parse, generate, write.

The format holds rules only. Reading applies MaBoSS's converter defaults: every rate 1, every
node on at time 0 with probability 1/2; names without a line, or with the rule ``X, X``, are
free inputs that keep their initial value.
"""

from __future__ import annotations

import os
import re

from soraresist.errors import RuleSyntaxError
from soraresist.model._expr import Expr, format_expression, parse_expression
from soraresist.model._network import BooleanNetwork

__all__ = ["generate_bnet", "parse_bnet", "read_bnet", "write_bnet"]

_TARGET = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def parse_bnet(text: str, *, source: str = "<bnet>") -> BooleanNetwork:
    """Parse the text of a ``.bnet`` file.

    Parameters
    ----------
    text
        File contents; ``#`` starts a comment and an optional ``targets, factors`` header is
        skipped.
    source
        Name used in error messages.

    Raises
    ------
    RuleSyntaxError
        For a line without a comma, a bad target name, a repeated target or a bad rule.

    Examples
    --------
    >>> parse_bnet("targets, factors\\nB, A & !B\\n").nodes
    ('B', 'A')
    """
    rules: dict[str, Expr] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0]
        if not line.strip():
            continue
        target, comma, rule = line.partition(",")
        column = len(target) - len(target.lstrip()) + 1
        name = target.strip()
        if not comma:
            raise RuleSyntaxError("expected 'target, rule'", source=source, line=number,
                                  column=column, token=name)
        if name.lower() == "targets" and rule.strip().lower() == "factors" and not rules:
            continue
        if not _TARGET.match(name):
            raise RuleSyntaxError("a target must be a name of letters, digits and _",
                                  source=source, line=number, column=column, token=name)
        if name in rules:
            raise RuleSyntaxError("target defined twice", source=source, line=number,
                                  column=column, token=name)
        rules[name] = parse_expression(rule, source=source, line=number,
                                       column=len(target) + 2)
    if not rules:
        raise RuleSyntaxError("no 'target, rule' line found", source=source, line=1, column=1)
    return BooleanNetwork.from_rules(rules)


def read_bnet(path: str | os.PathLike) -> BooleanNetwork:
    """Read a ``.bnet`` file; see :func:`parse_bnet`.

    Examples
    --------
    >>> from soraresist import ds
    >>> len(read_bnet(ds.bench_model_path("bbm023")).nodes)
    10
    """
    with open(path, encoding="utf-8") as handle:
        return parse_bnet(handle.read(), source=os.fspath(path))


def generate_bnet(network: BooleanNetwork) -> str:
    """Write a network as ``.bnet`` text (rules only; inputs as ``X, X``).

    Examples
    --------
    >>> from soraresist import ds
    >>> print(generate_bnet(ds.toy_network()))
    targets, factors
    A, A
    B, A & !C
    C, B
    <BLANKLINE>
    """
    lines = ["targets, factors"]
    lines += [f"{node}, {format_expression(network.rules[node])}" for node in network.nodes]
    return "\n".join(lines) + "\n"


def write_bnet(network: BooleanNetwork, path: str | os.PathLike) -> None:
    """Write a network to a ``.bnet`` file; see :func:`generate_bnet`."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(generate_bnet(network))
