"""The logical network layer: the generic container, rule expressions and file formats, and the
sorafenib-resistance model of HCC with its drug library.

Importable without the atlas (only `explain`, and `resolve_node` for names that are not node
ids or members, read it); the engine builds on the generic names.
"""

from soraresist.model import io
from soraresist.model._draw import draw_network
from soraresist.model._drugs import (
    Drug,
    DrugEffect,
    add_controls,
    apply_drugs,
    drug,
    drug_library,
    drug_node,
    resolve_drug,
)
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
from soraresist.model._sorafenib import (
    DEATH_PHENOTYPES,
    PHENOTYPES,
    VIABILITY_NODES,
    edges,
    explain,
    model_spec,
    resolve_node,
    sorafenib_model,
    viability_index,
)

__all__ = [
    "DEATH_PHENOTYPES",
    "PHENOTYPES",
    "VIABILITY_NODES",
    "And",
    "BooleanNetwork",
    "Const",
    "Drug",
    "DrugEffect",
    "Expr",
    "Not",
    "Or",
    "Var",
    "add_controls",
    "apply_drugs",
    "draw_network",
    "drug",
    "drug_library",
    "drug_node",
    "edges",
    "evaluate",
    "explain",
    "format_expression",
    "io",
    "model_spec",
    "parse_expression",
    "regulators",
    "resolve_drug",
    "resolve_node",
    "sorafenib_model",
    "viability_index",
]
