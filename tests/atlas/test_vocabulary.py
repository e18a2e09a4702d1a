"""Lookups in the offline vocabulary resolve the names the review uses, and only those."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

import pytest

from soraresist.atlas._vocabulary import (
    chebi_lookup,
    hgnc_ambiguous,
    hgnc_lookup,
    mirbase_lookup,
    read_table,
)

VOCABULARY = files("soraresist.atlas").joinpath("data", "vocabulary")


@pytest.mark.parametrize(("name", "symbol", "hgnc_id"), [
    ("HIF2A", "EPAS1", "HGNC:3374"),
    ("hif2a", "EPAS1", "HGNC:3374"),
    ("PD-L1", "CD274", "HGNC:17635"),
    ("PDL1", "CD274", "HGNC:17635"),
    ("YB-1", "YBX1", "HGNC:8014"),
    ("YB1", "YBX1", "HGNC:8014"),
    ("BECN1", "BECN1", "HGNC:1034"),
    ("GRP78", "HSPA5", "HGNC:5238"),
    ("CSN5", "COPS5", "HGNC:2240"),
    ("MET", "MET", "HGNC:7029"),
])
def test_hgnc_lookup_resolves_review_spellings(name, symbol, hgnc_id):
    gene = hgnc_lookup(name)
    assert gene is not None
    assert (gene.symbol, gene.hgnc_id) == (symbol, hgnc_id)


@pytest.mark.parametrize("name", ["c-Met", "Beclin 1", "HIF-2α", "no-such-gene"])
def test_hgnc_lookup_leaves_spellings_hgnc_does_not_list_unresolved(name):
    # HGNC lists none of these as a symbol, previous symbol or alias; the atlas keeps
    # them as synonyms of its own entities instead.
    assert hgnc_lookup(name) is None
    assert hgnc_ambiguous(name) == []


def test_approved_symbol_wins_over_another_genes_alias():
    # HLF is an alias of EPAS1 but the approved symbol of another gene.
    assert "HLF" in hgnc_lookup("EPAS1").alias_symbols
    assert hgnc_lookup("HLF").symbol == "HLF"


def test_alias_of_several_genes_is_reported_ambiguous():
    assert hgnc_lookup("NRF2") is None
    assert {gene.symbol for gene in hgnc_ambiguous("NRF2")} == {"NFE2L2", "GABPA"}


@pytest.mark.parametrize("name", ["miR-622", "hsa-miR-622", "hsa-mir-622", "MicroRNA-622"])
def test_mirbase_lookup_resolves_mir622_spellings(name):
    mirna = mirbase_lookup(name)
    assert mirna is not None
    assert (mirna.name, mirna.level, mirna.stem_loop_ids) == ("hsa-miR-622", "mature",
                                                               ("MI0003636",))


@pytest.mark.parametrize(("name", "mature"), [
    ("miR-140-5p", "hsa-miR-140-5p"),
    ("miR-125a-5p", "hsa-miR-125a-5p"),
    ("hsa-miR-520f-3p", "hsa-miR-520f-3p"),
])
def test_mirbase_lookup_resolves_mature_arms(name, mature):
    mirna = mirbase_lookup(name)
    assert (mirna.name, mirna.level) == (mature, "mature")


def test_mirbase_lookup_without_arm_returns_stem_loop_and_its_arms():
    mirna = mirbase_lookup("miR-140")
    assert (mirna.name, mirna.level, mirna.stem_loop_ids) == ("hsa-mir-140", "stem-loop",
                                                              ("MI0000456",))
    assert mirna.arms == ("hsa-miR-140-3p", "hsa-miR-140-5p")


@pytest.mark.parametrize("name", ["miR-622-5p", "mmu-miR-21", "miR-9999", "SNHG1"])
def test_mirbase_lookup_leaves_unknown_names_unresolved(name):
    assert mirbase_lookup(name) is None


def test_chebi_lookup_matches_exact_names_only():
    assert chebi_lookup("Sorafenib").chebi_id == "CHEBI:50924"
    # The review writes "rapamycin"; the table holds ChEBI names only, without synonyms.
    assert chebi_lookup("rapamycin") is None


def test_tables_have_unique_ids_and_consistent_stem_loops():
    genes = read_table("hgnc.tsv")
    assert len({row["hgnc_id"] for row in genes}) == len(genes)
    loops = {row["mirbase_id"] for row in read_table("mirbase.tsv")}
    linked = {mi for row in read_table("mirna_mature.tsv")
              for mi in row["stem_loop_ids"].split("|") if mi}
    assert linked <= loops


def test_readme_checksums_match_the_generated_files():
    readme = VOCABULARY.joinpath("README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `(\w+\.tsv)` \| \d+ \| `([0-9a-f]{64})` \|$", readme, re.M))
    assert set(listed) == {"hgnc.tsv", "mirbase.tsv", "mirna_mature.tsv", "chebi.tsv"}
    for name, digest in listed.items():
        assert hashlib.sha256(VOCABULARY.joinpath(name).read_bytes()).hexdigest() == digest
