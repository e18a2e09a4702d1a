"""Network -> flat arrays for the kernel: postfix bytecode per rule and dependent lists.

The kernel never sees a name. Bytecode: a value ``k >= 0`` pushes the state of node ``k``;
negative values are the ``OP_*`` operators of ``_kernel``. n-ary ``&``/``|`` become chains of
binary ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from soraresist.engine._kernel import OP_AND, OP_FALSE, OP_NOT, OP_OR, OP_TRUE
from soraresist.model import And, BooleanNetwork, Const, Expr, Not, Var, regulators

__all__ = ["CompiledNetwork", "compile_network"]


@dataclass(frozen=True)
class CompiledNetwork:
    """Arrays the kernel reads; ``code[code_start[i]:code_start[i + 1]]`` is node i's rule.

    ``dependents[dep_start[j]:dep_start[j + 1]]`` are the nodes whose rate may change when node
    ``j`` flips: the nodes that read ``j``, and ``j`` itself.
    """

    code: np.ndarray
    code_start: np.ndarray
    dependents: np.ndarray
    dep_start: np.ndarray
    stack_size: int


def _emit(expr: Expr, index: dict[str, int], out: list[int]) -> int:
    """Append postfix code for ``expr``; return the stack depth it needs."""
    if isinstance(expr, Const):
        out.append(OP_TRUE if expr.value else OP_FALSE)
        return 1
    if isinstance(expr, Var):
        out.append(index[expr.name])
        return 1
    if isinstance(expr, Not):
        depth = _emit(expr.operand, index, out)
        out.append(OP_NOT)
        return depth
    op = OP_AND if isinstance(expr, And) else OP_OR
    depth = _emit(expr.operands[0], index, out)
    for operand in expr.operands[1:]:
        depth = max(depth, 1 + _emit(operand, index, out))
        out.append(op)
    return depth


def compile_network(network: BooleanNetwork) -> CompiledNetwork:
    """Flatten a network's rules and regulator graph into integer arrays.

    Examples
    --------
    >>> from soraresist import ds
    >>> compiled = compile_network(ds.toy_network())
    >>> compiled.code.tolist(), compiled.code_start.tolist()
    ([0, 0, 2, -1, -2, 1], [0, 1, 5, 6])
    """
    index = {name: i for i, name in enumerate(network.nodes)}
    code: list[int] = []
    starts = [0]
    depth = 1
    readers: list[set[int]] = [{i} for i in range(len(network.nodes))]
    for i, node in enumerate(network.nodes):
        depth = max(depth, _emit(network.rules[node], index, code))
        starts.append(len(code))
        for regulator in regulators(network.rules[node]):
            readers[index[regulator]].add(i)
    dependents = [sorted(r) for r in readers]
    dep_start = np.cumsum([0] + [len(d) for d in dependents])
    return CompiledNetwork(
        code=np.asarray(code, dtype=np.int32),
        code_start=np.asarray(starts, dtype=np.int32),
        dependents=np.asarray([j for d in dependents for j in d], dtype=np.int32),
        dep_start=dep_start.astype(np.int32),
        stack_size=depth,
    )
