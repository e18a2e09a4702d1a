"""Fixed points and minimal trap spaces, computed by mpbn (answer-set programming via clingo).

Fixed points are the same under every update mode; minimal trap spaces contain every
attractor of the asynchronous (and MaBoSS) dynamics, and are exactly the attractors of the
most permissive semantics.
"""

from __future__ import annotations

import mpbn
import pandas as pd

from soraresist.model import BooleanNetwork, format_expression

__all__ = ["fixed_points", "trap_spaces"]


def _mpbn_network(network: BooleanNetwork) -> mpbn.MPBooleanNetwork:
    return mpbn.MPBooleanNetwork({node: format_expression(network.rules[node])
                                  for node in network.nodes})


def _table(rows: list[dict], network: BooleanNetwork) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(network.nodes))
    return frame.rename_axis(index=None, columns="node")


def fixed_points(network: BooleanNetwork, *, limit: int = 0) -> pd.DataFrame:
    """Stable states of a network: one row per state, one 0/1 column per node.

    Parameters
    ----------
    network
        The network; inputs (rule = itself) take both values.
    limit
        Stop after this many (0: all).

    Examples
    --------
    >>> from soraresist import ds
    >>> fixed_points(ds.toy_network())
    node  A  B  C
    0     0  0  0
    """
    rows = list(_mpbn_network(network).fixedpoints(limit=limit))
    return _table(rows, network).astype("int8")


def trap_spaces(network: BooleanNetwork, *, limit: int = 0) -> pd.DataFrame:
    """Minimal trap spaces: one row each; a node is 0 or 1 when fixed in it, ``"*"`` when free.

    Parameters
    ----------
    network
        The network.
    limit
        Stop after this many (0: all).

    Examples
    --------
    >>> from soraresist import ds
    >>> trap_spaces(ds.toy_network()).sort_values("A")
    node  A  B  C
    0     0  0  0
    1     1  *  *
    """
    rows = list(_mpbn_network(network).attractors(limit=limit))
    return _table(rows, network).sort_values(list(network.nodes), key=lambda s: s.astype(str),
                                              ignore_index=True)
