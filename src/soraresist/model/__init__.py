"""The logical network layer: the generic network container, rule expressions and file formats.

Importable without the atlas; the engine builds on these names.
"""

from soraresist.model import io
from soraresist.model._expr import (
    And,
    Const,
    Expr,
    Not,
    Or,
    Var,
    evaluate,
    format_expression,
    parse_expression,
    regulators,
)
from soraresist.model._network import BooleanNetwork

__all__ = [
    "And",
    "BooleanNetwork",
    "Const",
    "Expr",
    "Not",
    "Or",
    "Var",
    "evaluate",
    "format_expression",
    "io",
    "parse_expression",
    "regulators",
]
