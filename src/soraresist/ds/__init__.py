"""Bundled networks: published bench models (to check and time the engine) and a toy network.

The bench models are BoolNet files from the Biodivine Boolean Models collection; their sources
are listed in ``data/README.md``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from soraresist.errors import UnknownNameError
from soraresist.model import BooleanNetwork
from soraresist.model.io import read_bnet

__all__ = ["bench_model", "bench_model_path", "bench_models", "toy_network"]


def _data() -> Path:
    return Path(str(resources.files("soraresist.ds") / "data"))


def bench_models() -> list[str]:
    """Names of the bundled bench models, smallest first.

    Examples
    --------
    >>> bench_models()[0]
    'bbm023_MAMMALIAN-CELL-CYCLE-2006'
    """
    names = [path.stem for path in _data().glob("*.bnet")]
    return sorted(names, key=lambda name: len(bench_model(name).nodes))


def bench_model_path(name: str) -> Path:
    """Path of a bench model's ``.bnet`` file, by full name or by its ``bbmNNN`` prefix.

    Raises
    ------
    UnknownNameError
        If no bundled model has that name.

    Examples
    --------
    >>> bench_model_path("bbm023").name
    'bbm023_MAMMALIAN-CELL-CYCLE-2006.bnet'
    """
    paths = {path.stem: path for path in _data().glob("*.bnet")}
    matches = [p for stem, p in paths.items() if name in (stem, stem.split("_", 1)[0])]
    if not matches:
        raise UnknownNameError("bench model", name, sorted(paths))
    return matches[0]


def bench_model(name: str) -> BooleanNetwork:
    """A bench model as a network: all rates 1, every node on at time 0 with probability 1/2.

    Examples
    --------
    >>> net = bench_model("bbm023")
    >>> len(net.nodes), net.inputs
    (10, ('v_CycD',))
    """
    return read_bnet(bench_model_path(name))


def toy_network() -> BooleanNetwork:
    """Three nodes for examples: an input ``A`` that drives ``B``, which ``C`` represses back.

    ``A`` starts on; ``B`` and ``C`` start off. With ``A`` on, ``B`` and ``C`` keep cycling.

    Examples
    --------
    >>> toy_network().nodes
    ('A', 'B', 'C')
    """
    return BooleanNetwork.from_rules({"A": "A", "B": "A & !C", "C": "B"},
                                     initial={"A": 1.0, "B": 0.0, "C": 0.0})
