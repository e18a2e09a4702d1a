"""The networks the web app serves, by name: the sorafenib/HCC model, the bench models and the
toy network, each with what the pages need to draw and perturb it.

Each network is loaded once and kept; the model logic lives in `soraresist.model`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from soraresist import ds
from soraresist.errors import UnknownNameError
from soraresist.model import (
    PHENOTYPES,
    BooleanNetwork,
    drug_library,
    edges,
    model_spec,
    resolve_node,
    sorafenib_model,
)

SORAFENIB = "sorafenib_hcc"


@dataclass(frozen=True)
class ServedModel:
    """A network with its read-outs, modules, signed edges and whether drugs apply to it."""

    name: str
    description: str
    network: BooleanNetwork
    phenotypes: tuple[str, ...] = ()
    modules: Mapping[str, str] = field(default_factory=dict)
    edges: pd.DataFrame | None = None
    drugs: pd.DataFrame | None = None

    def nodes_named(self, name: str) -> list[str]:
        """Nodes of this network a user's name stands for (`soraresist.model.resolve_node`)."""
        return resolve_node(name, self.network)


def _sorafenib() -> ServedModel:
    spec = model_spec()
    return ServedModel(
        name=SORAFENIB,
        description=f"Sorafenib resistance in HCC, derived from the atlas ({spec['source']})",
        network=sorafenib_model(), phenotypes=PHENOTYPES,
        modules={node["id"]: node["module"] for node in spec["nodes"]}, edges=edges(),
        drugs=drug_library())


@cache
def _loaders() -> dict[str, Callable[[], ServedModel]]:
    loaders: dict[str, Callable[[], ServedModel]] = {
        SORAFENIB: _sorafenib,
        "toy": lambda: ServedModel("toy", "Three-node example network of soraresist.ds",
                                   ds.toy_network())}
    for name in ds.bench_models():
        loaders[name] = lambda name=name: ServedModel(
            name, f"Bench model {name} (Biodivine Boolean Models)", ds.bench_model(name))
    return loaders


def model_names() -> list[str]:
    """Names of the served networks, in menu order (the sorafenib model first)."""
    return list(_loaders())


@cache
def served(name: str) -> ServedModel:
    """The served network of that name, loaded on first use."""
    loaders = _loaders()
    if name not in loaders:
        raise UnknownNameError("model", name, list(loaders))
    return loaders[name]()
