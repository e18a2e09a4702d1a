"""Conventions of the public API (DESIGN.md, habit 7), checked on every layer's `__all__`."""

import importlib
import inspect

import pytest

LAYERS = ("atlas", "model", "engine", "analysis", "ds")


def _public_functions():
    for layer in LAYERS:
        module = importlib.import_module(f"soraresist.{layer}")
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                yield pytest.param(obj, id=f"{layer}.{name}")


@pytest.mark.parametrize("function", list(_public_functions()))
def test_public_function_has_a_doctested_example_and_few_positional_parameters(function):
    doc = inspect.getdoc(function) or ""
    assert doc, "no docstring"
    assert "Examples\n--------" in doc and ">>> " in doc, "no doctested example"
    positional = [p for p in inspect.signature(function).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    assert len(positional) <= 3, f"{len(positional)} positional parameters; at most 3"


@pytest.mark.parametrize("layer", LAYERS)
def test_all_names_exist(layer):
    module = importlib.import_module(f"soraresist.{layer}")
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


def test_engine_knows_nothing_of_hcc():
    """The engine must run any model: no node, drug or phenotype name of ours inside it."""
    from pathlib import Path

    import soraresist.engine

    words = ("sorafenib", "Sorafenib", "HIF", "EPAS1", "Proliferation", "viability", "atlas")
    folder = Path(soraresist.engine.__file__).parent
    found = [(path.name, word) for path in folder.glob("*.py") for word in words
             if word in path.read_text(encoding="utf-8")]
    assert found == []
