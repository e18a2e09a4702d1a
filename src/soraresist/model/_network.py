"""`BooleanNetwork`: the small, format-independent container every reader returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model._expr import Expr, Var, parse_expression, regulators

__all__ = ["BooleanNetwork"]


@dataclass(frozen=True)
class BooleanNetwork:
    """Nodes, one rule each, MaBoSS rates, initial probabilities and visibility.

    A node whose rule is the node itself is a free input: it keeps its initial value, and its
    rates are stored as 0. Build one with :meth:`from_rules`, which also turns names used
    without a rule into such inputs.

    Attributes
    ----------
    nodes
        Node names, in file order.
    rules
        Expression tree per node.
    rate_up, rate_down
        Rate of switching on while the rule holds / off while it fails, per node.
    initial
        Probability that a node is on at time 0 (independent draws).
    internal
        Whether a node is hidden from state distributions (MaBoSS ``is_internal``).
    """

    nodes: tuple[str, ...]
    rules: Mapping[str, Expr]
    rate_up: Mapping[str, float] = field(default_factory=dict)
    rate_down: Mapping[str, float] = field(default_factory=dict)
    initial: Mapping[str, float] = field(default_factory=dict)
    internal: Mapping[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        nodes = tuple(self.nodes)
        if len(set(nodes)) != len(nodes):
            duplicated = sorted({n for n in nodes if nodes.count(n) > 1})
            raise InvalidValueError(f"duplicate node names: {', '.join(duplicated)}")
        for attribute in ("rules", "rate_up", "rate_down", "initial", "internal"):
            for name in getattr(self, attribute):
                if name not in nodes:
                    raise UnknownNameError("node", name, nodes)
        for name, expr in self.rules.items():
            for regulator in regulators(expr):
                if regulator not in nodes:
                    raise UnknownNameError(f"node (in the rule of {name})", regulator, nodes)
        rules = {n: self.rules.get(n, Var(n)) for n in nodes}
        inputs = {n for n in nodes if rules[n] == Var(n)}
        up = {n: 0.0 if n in inputs else float(self.rate_up.get(n, 1.0)) for n in nodes}
        down = {n: 0.0 if n in inputs else float(self.rate_down.get(n, 1.0)) for n in nodes}
        initial = {n: float(self.initial.get(n, 0.5)) for n in nodes}
        for name, values in (("rate_up", up), ("rate_down", down)):
            bad = [n for n, v in values.items() if not v >= 0.0]
            if bad:
                raise InvalidValueError(
                    f"{name} of {bad[0]} is {values[bad[0]]}; rates must be >= 0")
        bad = [n for n, p in initial.items() if not 0.0 <= p <= 1.0]
        if bad:
            raise InvalidValueError(f"initial probability of {bad[0]} is {initial[bad[0]]}; "
                             "it must lie in [0, 1]")
        object.__setattr__(self, "nodes", nodes)
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "rate_up", up)
        object.__setattr__(self, "rate_down", down)
        object.__setattr__(self, "initial", initial)
        object.__setattr__(self, "internal", {n: bool(self.internal.get(n, False))
                                              for n in nodes})

    @classmethod
    def from_rules(cls, rules: Mapping[str, str | Expr], *,
                   rate_up: Mapping[str, float] | None = None,
                   rate_down: Mapping[str, float] | None = None,
                   initial: Mapping[str, float] | None = None,
                   internal: Mapping[str, bool] | None = None) -> BooleanNetwork:
        """Build a network from rules given as text or trees; unset rates are 1, initial 1/2.

        Names used in a rule without a rule of their own become free inputs, appended after
        the ruled nodes in order of first use.

        Examples
        --------
        >>> net = BooleanNetwork.from_rules({"B": "A & !B"})
        >>> net.nodes, net.inputs
        (('B', 'A'), ('A',))
        """
        trees = {name: parse_expression(rule, source=f"<rule of {name}>")
                 if isinstance(rule, str) else rule for name, rule in rules.items()}
        nodes = dict.fromkeys(trees)
        for tree in trees.values():
            nodes.update(dict.fromkeys(regulators(tree)))
        return cls(tuple(nodes), trees, rate_up or {}, rate_down or {}, initial or {},
                   internal or {})

    @property
    def inputs(self) -> tuple[str, ...]:
        """Free inputs: nodes whose rule is themselves, which keep their initial value."""
        return tuple(n for n in self.nodes if self.rules[n] == Var(n))

    def replace(self, **changes: Mapping) -> BooleanNetwork:
        """A copy with some attributes' entries updated (other entries kept).

        Examples
        --------
        >>> BooleanNetwork.from_rules({"B": "A"}).replace(initial={"A": 1.0}).initial
        {'B': 0.5, 'A': 1.0}
        """
        merged = {key: {**getattr(self, key), **value} for key, value in changes.items()}
        fields = {"rules": self.rules, "rate_up": self.rate_up, "rate_down": self.rate_down,
                  "initial": self.initial, "internal": self.internal, **merged}
        return BooleanNetwork(self.nodes, **fields)
