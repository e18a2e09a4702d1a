"""Queries on the fixture atlas: synonyms, filters, one record, tables, counts and bad names."""

from __future__ import annotations

import pandas as pd
import pytest

from soraresist.atlas import entities, interactions, record, references, search, stats
from soraresist.errors import UnknownNameError


def _ids(frame) -> list[str]:
    return list(frame["evidence_id"])


@pytest.mark.parametrize("spelling", ["HIF-2α", "EPAS1", "hif2a", "HIF -2α", "epas1"])
def test_every_spelling_of_an_entity_finds_the_same_records(con, spelling):
    assert _ids(search(spelling, con=con)) == ["T4-05", "T4-08", "TXT-HYPOXIA-01"]


def test_akt_finds_table_1_table_3_and_strategy_records(con):
    found = search("AKT", con=con)
    assert {"T1-01", "T1-02", "T3-03", "STR-01"} <= set(found["evidence_id"])
    assert {"Table 1", "Table 3", "Section: Targeting PI3K/AKT/mTOR signaling"} <= set(
        found["source"])


def test_words_not_naming_an_entity_must_all_occur(con):
    assert _ids(search("akt signalling", con=con)) == ["T1-01", "T1-02"]
    assert search("signalling nonexistentword", con=con).empty


def test_text_with_fts_syntax_is_taken_literally(con):
    assert search('"AND OR NOT ( *', con=con).empty


def test_filters_combine(con):
    assert _ids(search(category="HYPOXIA", effect="sensitises", con=con)) == ["T4-08"]
    assert _ids(search(pathway="pi3k/akt/mtor", reference=21, con=con)) == ["T1-01"]
    assert _ids(search(entity="c-Met", con=con)) == ["T1-02"]
    assert _ids(search(source="Hypoxia", con=con)) == ["TXT-HYPOXIA-01"]
    assert _ids(search("sorafenib", source="Table 4", con=con)) == ["T4-05", "T4-08"]


def test_result_columns_carry_provenance(con):
    row = search(reference=105, con=con).iloc[0]
    assert row["evidence_id"] == "T4-05"
    assert row["references"] == [105]
    assert row["pathway"] == ["hypoxia/HIF", "Wnt/β-catenin"]
    assert row["table_row"] == 5


@pytest.mark.parametrize(("options", "kind", "closest"), [
    ({"category": "hypoxa"}, "category", "hypoxia"),
    ({"effect": "sensitizes"}, "effect", "sensitises"),
    ({"pathway": "PI3K/AKT"}, "pathway", "PI3K/AKT/mTOR"),
    ({"entity": "EPAS2"}, "entity", "EPAS1"),
    ({"reference": 999}, "reference number", None),
])
def test_unknown_names_list_the_closest_allowed(con, options, kind, closest):
    with pytest.raises(UnknownNameError) as caught:
        search(con=con, **options)
    assert caught.value.kind == kind
    assert closest is None or closest in str(caught.value)


def test_record_resolves_references_and_entities(con):
    rec = record("t1-01", con=con)
    assert rec["id"] == "T1-01" and rec["kind"] == "table row"
    assert rec["file"] == "evidence/table1.yaml" and rec["line"] == 2
    assert [r["url"] for r in rec["references"]] == ["https://doi.org/10.1186/s13046-019-1177-0"]
    assert [e["id"] for e in rec["entities"]] == ["SNHG1", "hsa-miR-21", "AKT1"]
    assert rec["entities"][2]["synonyms"] == ["AKT", "Akt"]


def test_unknown_record_id_names_closest(con):
    with pytest.raises(UnknownNameError, match="T1-01"):
        record("T1-1", con=con)


def test_entities_references_interactions(con):
    ents = entities(con=con).set_index("id")
    assert ents.loc["EPAS1", "n_evidence"] == 3
    assert ents.loc["pt2385", "targets"] == ["EPAS1"]
    refs = references(con=con).set_index("number")
    assert pd.isna(refs.loc[16, "url"]) and pd.isna(refs.loc[16, "doi"])
    assert refs.loc[105, "n_evidence"] == 2
    edges = interactions(con=con)
    sponge = edges[edges["type"] == "sponges"].iloc[0]
    assert (sponge["source"], sponge["target"], sponge["sign"]) == ("NEAT1", "hsa-miR-335", -1)


def test_stats_counts_by_source_kind_and_references(con):
    counts = stats(con=con).set_index(["group", "name"])["count"]
    assert counts[("source", "Table 4")] == 2
    assert counts[("table section", "Table 1 / Non-coding RNAs")] == 2
    assert counts[("kind", "text-only finding")] == 1
    assert counts[("kind", "strategy")] == 1
    assert counts[("category", "hypoxia")] == 3
    assert counts[("effect", "confers resistance")] == 4
    assert counts[("references", "references")] == 10
    assert counts[("references", "with DOI")] == 9


@pytest.fixture
def packaged(cache):
    """A connection to the packaged atlas."""
    from soraresist.atlas import connect

    db = connect()
    yield db
    db.close()


def test_packaged_atlas_finds_hif2a_by_every_spelling(packaged):
    found = [_ids(search(s, con=packaged)) for s in ("HIF-2α", "EPAS1", "hif2a")]
    assert found[0] and found[0] == found[1] == found[2]


def test_packaged_atlas_finds_akt_in_tables_1_3_and_strategies(packaged):
    found = search("AKT", con=packaged)
    kinds = set(found["source"]) | {i.split("-")[0] for i in found["evidence_id"]}
    assert {"Table 1", "Table 3", "STR"} <= kinds
