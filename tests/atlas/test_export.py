"""Exports: JSON with a schema version, TSV tables, GraphML network; no half-written output."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

from soraresist.atlas import SCHEMA_VERSION, _export, export
from soraresist.errors import UnknownNameError


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_json_export_is_one_versioned_file(con, out):
    written = export(out, "json", con=con)
    assert written == [out / "atlas.json"]
    document = json.loads(written[0].read_text(encoding="utf-8"))
    assert document["schema_version"] == SCHEMA_VERSION
    assert [r["id"] for r in document["evidence"]][:2] == ["T1-01", "T1-02"]
    assert {r["number"] for r in document["references"]} >= {5, 16, 21}
    assert next(r for r in document["references"] if r["number"] == 16)["doi"] is None
    assert next(e for e in document["entities"] if e["id"] == "EPAS1")["synonyms"][0] == "HIF-2α"


def test_tsv_export_writes_four_tables(con, out):
    written = export(out, "tsv", con=con)
    assert sorted(p.name for p in written) == ["entities.tsv", "evidence.tsv",
                                               "interactions.tsv", "references.tsv"]
    evidence = pd.read_csv(out / "evidence.tsv", sep="\t")
    assert {"id", "subject", "subject_type", "category", "effect_on_sorafenib",
            "change_in_resistance", "pathway", "source", "references"} <= set(evidence.columns)
    row = evidence.set_index("id").loc["TXT-HYPOXIA-01"]
    assert (row["source"], row["references"]) == ("Section: Hypoxia", "105; 127")
    entities = pd.read_csv(out / "entities.tsv", sep="\t").set_index("id")
    assert entities.loc["EPAS1", "synonyms"] == "HIF-2α; HIF -2α; HIF2A"
    refs = pd.read_csv(out / "references.tsv", sep="\t")
    assert list(refs.columns[:4]) == ["number", "doi", "title", "year"]
    assert len(refs) == 10


def test_graphml_export_has_signed_edges_with_evidence(con, out):
    (path,) = export(out, "graphml", con=con)
    graph = nx.read_graphml(path)
    assert graph.nodes["EPAS1"]["type"] == "gene"
    edges = {(s, t): d for s, t, d in graph.edges(data=True)}
    assert edges[("HIF1A", "EPAS1")]["sign"] == -1
    assert edges[("HIF1A", "EPAS1")]["evidence_ids"] == "TXT-HYPOXIA-01"
    assert edges[("SNHG1", "AKT1")]["sign"] == 1


def test_missing_output_folder_is_named(con, tmp_path):
    missing = tmp_path / "no" / "such"
    with pytest.raises(FileNotFoundError, match=str(missing)):
        export(missing, "tsv", con=con)


def test_unknown_format(con, out):
    with pytest.raises(UnknownNameError, match="closest: json"):
        export(out, "jsn", con=con)


def test_failed_export_leaves_folder_untouched(con, out, monkeypatch):
    (out / "evidence.tsv").write_text("old\n")

    def broken(db, folder):
        (folder / "evidence.tsv").write_text("half")
        raise OSError("disk full")

    monkeypatch.setitem(_export._WRITERS, "tsv", broken)
    with pytest.raises(OSError, match="disk full"):
        export(out, "tsv", con=con)
    assert [p.name for p in out.iterdir()] == ["evidence.tsv"]
    assert (out / "evidence.tsv").read_text() == "old\n"
