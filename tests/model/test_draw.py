"""`draw_network`: every node, edge and library drug is drawn, and the legend names each module."""

from __future__ import annotations

import pytest

from soraresist.model import draw_network, drug_library, drug_node, edges, model_spec


def gids(figure, prefix: str) -> list[str]:
    ax = figure.axes[0]
    found = [a.get_gid() for a in [*ax.texts, *ax.patches]]
    return [g.removeprefix(prefix) for g in found if g and g.startswith(prefix)]


@pytest.fixture(scope="module")
def figure():
    return draw_network()


def test_a_label_per_model_node(figure):
    labelled = gids(figure, "node:")
    assert sorted(labelled) == sorted(n["id"] for n in model_spec()["nodes"])


def test_an_arrow_per_edge_and_per_drug_target(figure):
    library = drug_library().dropna(subset=["node"])
    expected = {f"{s}->{t}" for s, t in zip(edges().source, edges().target, strict=True)}
    expected |= {f"{drug_node(d)}->{n}" for d, n in zip(library.drug, library.node, strict=True)}
    drawn = gids(figure, "edge:")
    assert len(drawn) == len(expected) and set(drawn) == expected


def test_drugs_with_model_targets_are_marked(figure):
    library = drug_library()
    with_targets = {drug_node(d) for d in library.dropna(subset=["node"]).drug}
    assert set(gids(figure, "drug:")) == with_targets
    assert "drug_histone_deacetylase_inhibitor" not in with_targets  # no modelled target


def test_legend_has_an_entry_per_module_and_marks(figure):
    (legend,) = figure.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert set(model_spec()["modules"]) <= set(labels)
    assert {"phenotype", "drug (library)", "activates", "inhibits"} <= set(labels)


def test_without_drugs_no_drug_is_drawn():
    figure = draw_network(drugs=False)
    assert gids(figure, "drug:") == []
    assert len(gids(figure, "edge:")) == len(edges())
