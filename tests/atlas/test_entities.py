"""The curated entities: identifiers from the offline vocabulary, the review's names resolving."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from soraresist import atlas
from soraresist.atlas import _schema as S
from soraresist.atlas import fold_name
from soraresist.atlas._records import default_data_dir, vocabulary_ids
from soraresist.atlas._vocabulary import (
    chebi_lookup,
    hgnc_ambiguous,
    hgnc_lookup,
    mirbase_lookup,
    read_table,
)

ENTITIES = [record.values for record in atlas.load_atlas().entities]

SHARED_SPELLINGS = {
    "erk": "the review's ERK means ERK1 and ERK2 together: records draw it to MAPK3 and MAPK1",
    "erk12": "ERK1/2 names both MAPK3 and MAPK1",
    "perk": "pERK, phosphorylated ERK1/2 (MAPK3 and MAPK1)",
    "abcc13": "the text's ABCC1-3 names ABCC1, ABCC2 and ABCC3 at once",
    "atg5atg12atg16": "the Atg5-Atg12-Atg16 complex, named only through its three members",
    "ulk1atg13fip200": "the ULK1-Atg13-FIP200 complex, named only through its three members",
}
"""Spellings that name several entities on purpose, each with why."""

HGNC_OTHER_GENE = {
    ("AKT", "Akt"): "HGNC alias of AKT1; the review means the AKT family",
    ("AKT", "PKB"): "HGNC alias of AKT1; the family's other name",
    ("KHSRP", "FBP2"): "the review's far upstream element binding protein 2, not HGNC FBP2",
    ("lipoxygenase", "LOX"): "the Fig. 4 legend's abbreviation; HGNC LOX is lysyl oxidase",
    ("MAPK1", "ERK"): "HGNC alias of EPHB2; the review's ERK",
    ("MAPK1", "Erk"): "HGNC alias of EPHB2; the review's ERK",
    ("MAPK1", "pERK"): "folds to PERK (EIF2AK3); the review's phosphorylated ERK",
    ("MAPK3", "ERK"): "HGNC alias of EPHB2; the review's ERK",
    ("MAPK3", "pERK"): "folds to PERK (EIF2AK3); the review's phosphorylated ERK",
    ("VLDLR-AS1", "VLDLR"): "the table's VLDLR(lncRNA); HGNC VLDLR is the protein-coding gene",
    ("reactive_oxygen_species", "ROS"): "HGNC alias of ROS1; the review's reactive oxygen species",
    ("ABCC2", "MRP2"): "the review's spelling; HGNC lists it for three genes",
    ("HGF", "SF"): "the review's scatter factor; HGNC also lists it for KITLG",
    ("MAPK14", "p38"): "the review's spelling; HGNC lists it for three genes",
    ("NFE2L2", "NRF2"): "the usual name of NFE2L2; HGNC also lists it for GABPA",
    ("ZFP36", "TTP"): "the review's tristetraprolin; HGNC also lists it for ADAMTS13",
    ("epithelial_mesenchymal_transition", "EMT"): "the process; HGNC lists EMT for two genes",
}
"""Synonyms that an HGNC lookup would send to another gene (or call ambiguous), kept on purpose."""


def _by_id(entity_id: str) -> dict:
    return next(e for e in ENTITIES if e["id"] == entity_id)


def _hgnc_rows() -> dict[str, dict[str, str]]:
    return {row["hgnc_id"]: row for row in read_table("hgnc.tsv")}


def test_every_xref_is_in_the_vocabulary_and_names_its_entity():
    genes, wrong = _hgnc_rows(), []
    for e in ENTITIES:
        xrefs = e.get("xrefs") or {}
        if "hgnc" in xrefs:
            row = genes[xrefs["hgnc"]]
            if not row["symbol"] == e["id"] == e["symbol"] or row["name"] != e.get("name"):
                wrong.append((e["id"], row["symbol"], row["name"]))
        if "mirbase" in xrefs:
            loops = xrefs["mirbase"] if isinstance(xrefs["mirbase"], list) else [xrefs["mirbase"]]
            found = mirbase_lookup(e["symbol"])
            if found is None or list(found.stem_loop_ids) != loops:
                wrong.append((e["id"], e["symbol"], loops))
        if "mirbase_mature" in xrefs and not (
                xrefs["mirbase_mature"] == e["symbol"]
                and xrefs["mirbase_mature"] in vocabulary_ids("mirbase_mature")):
            wrong.append((e["id"], e["symbol"], xrefs["mirbase_mature"]))
        if "chebi" in xrefs:
            names = {n.casefold() for n in [e["symbol"], e.get("name") or "", *e["synonyms"]]}
            chebi = {c.chebi_id: c.name for c in map(chebi_lookup, names) if c}
            if xrefs["chebi"] not in chebi:
                wrong.append((e["id"], xrefs["chebi"], sorted(names)))
    assert wrong == []


def test_the_issues_normalisations_hold_through_the_api(cache):
    expected = {"HIF-2α": "EPAS1", "c-Met": "MET", "YB-1": "YBX1", "PD-L1": "CD274",
                "Beclin 1": "BECN1", "GRP78": "HSPA5", "CSN5": "COPS5", "miR-622": "hsa-miR-622",
                "hif2a": "EPAS1", "FBP2": "KHSRP", "TUC338": "PCBP2-OT1"}
    assert {name: atlas.resolve_entity(name) for name in expected} == {
        name: [entity_id] for name, entity_id in expected.items()}
    table = atlas.entities().set_index("id")
    assert table.loc["EPAS1", "xrefs"] == {"hgnc": "HGNC:3374"}
    assert table.loc["hsa-miR-622", "symbol"] == "hsa-miR-622"
    assert table.loc["hsa-miR-622", "xrefs"] == {"mirbase": "MI0003636",
                                                 "mirbase_mature": "hsa-miR-622"}
    assert table.loc["sorafenib", "xrefs"] == {"chebi": "CHEBI:50924"}


def test_a_mature_arm_finds_the_stem_loop_but_never_the_other_arm(cache):
    assert atlas.resolve_entity("hsa-miR-21-5p") == atlas.resolve_entity("miR-21-3p") == [
        "hsa-miR-21"]  # the review names no arm of miR-21
    assert atlas.resolve_entity("miR-125a-5p") == ["hsa-miR-125a-5p"]
    assert atlas.resolve_entity("miR-125a-3p") == []  # the other arm of an armed entity


def test_family_names_stay_families_instead_of_the_gene_an_hgnc_alias_names(cache):
    # A blind lookup narrows these names to one gene; the atlas keeps the review's meaning.
    assert (hgnc_lookup("AKT").symbol, hgnc_lookup("LC3").symbol) == ("AKT1", "MAP1LC3A")
    assert (atlas.resolve_entity("AKT"), atlas.resolve_entity("LC3")) == (["AKT"], ["LC3"])
    assert atlas.resolve_entity("ERK") == ["MAPK1", "MAPK3"]
    for family in ("AKT", "LC3", "lipoxygenase", "NFkappaB", "AMPK", "PP2A", "mTORC1"):
        assert _by_id(family)["xrefs"] == {}


def test_a_spelling_names_one_entity_unless_listed():
    owners: dict[str, set[str]] = defaultdict(set)
    for e in ENTITIES:
        for name in [e["id"], e["symbol"], *e["synonyms"], *([e["name"]] if e.get("name") else [])]:
            owners[fold_name(name)].add(e["id"])
    assert {name for name, ids in owners.items() if len(ids) > 1} == set(SHARED_SPELLINGS)


def test_no_synonym_is_an_hgnc_name_of_another_gene_unless_listed():
    found = set()
    for e in ENTITIES:
        if e["type"] == "miRNA":  # HGNC names miRNA genes MIR21 etc.; miRBase decides there
            continue
        for synonym in e["synonyms"]:
            gene = hgnc_lookup(synonym)
            if (gene and gene.symbol != e["id"]) or hgnc_ambiguous(synonym):
                found.add((e["id"], synonym))
    assert found == set(HGNC_OTHER_GENE)


@pytest.mark.parametrize(("types", "kind"), [
    (("gene", "lncRNA"), "hgnc"), (("miRNA",), "mirbase"), (("compound", "biologic"), "chebi")])
def test_each_identifiable_entity_has_its_identifier_or_says_why_not(types, kind):
    silent = [e["id"] for e in ENTITIES if e["type"] in types and kind not in e["xrefs"]
              and not e.get("unresolved") and "family" not in (e.get("note") or "").lower()]
    assert silent == []


def test_entities_are_sorted_by_type_then_id():
    ids = [(S.SUBJECT_TYPES.index(e["type"]), e["id"].casefold()) for e in ENTITIES]
    assert ids == sorted(ids)


def test_the_drafts_are_gone():
    assert not (default_data_dir() / "entities").exists()


def _entities_file(data_copy: Path) -> tuple[Path, list[dict]]:
    path = data_copy / "entities.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_loader_accepts_vocabulary_xrefs_and_a_reason_left_unresolved(data_copy):
    path, entities = _entities_file(data_copy)
    by_id = {e["id"]: e for e in entities}
    by_id["EPAS1"]["xrefs"] = {"hgnc": "HGNC:3374"}
    by_id["hsa-miR-21"]["xrefs"] = {"mirbase": ["MI0000077"]}
    by_id["sorafenib"]["xrefs"] = {"chebi": "CHEBI:50924"}
    by_id["pt2385"]["unresolved"] = "a development code that ChEBI does not name"
    path.write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    assert atlas.check_atlas(data_copy)[1] == []


@pytest.mark.parametrize(("xrefs", "unresolved", "message"), [
    ({"hgnc": "HGNC:99999999"}, None, "hgnc 'HGNC:99999999' is not in vocabulary/hgnc.tsv"),
    ({"uniprot": "Q99814"}, None, "unknown identifier kind 'uniprot'"),
    ({"mirbase": []}, None, "mirbase '[]' is not in vocabulary/mirbase.tsv"),
    ({"chebi": "CHEBI:50924", "hgnc": 3374}, None, "hgnc '3374' is not in vocabulary"),
    ({}, "", "expected non-empty text"),
])
def test_loader_rejects_identifiers_not_in_the_vocabulary(data_copy, xrefs, unresolved, message):
    path, entities = _entities_file(data_copy)
    epas1 = next(e for e in entities if e["id"] == "EPAS1")
    epas1["xrefs"] = xrefs
    if unresolved is not None:
        epas1["unresolved"] = unresolved
    path.write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    problems = atlas.check_atlas(data_copy)[1]
    assert [(p.path, p.field) for p in problems] == [
        (str(path), "unresolved" if unresolved is not None else "xrefs")]
    assert message in str(problems[0])


def test_loader_reports_a_missing_entities_file(data_copy):
    (data_copy / "entities.yaml").unlink()
    problems = atlas.check_atlas(data_copy)[1]
    assert str(problems[0]).startswith(str(data_copy / "entities.yaml"))
    assert "file is missing" in str(problems[0])
