"""The atlas record schema of docs/atlas.md, stated once: controlled values and field rules.

Validation (`_records`), the database (`_db`), queries and exports all read these names, so a
vocabulary change is made here and nowhere else.
"""

from __future__ import annotations

import re

SCHEMA_VERSION = 1
"""Version of the record schema and of the database/JSON layout built from it."""

SUBJECT_TYPES = (
    "gene", "lncRNA", "miRNA", "protein complex", "compound", "biologic", "construct",
    "cell type", "process", "viral gene",
)
CHANGES = ("up", "down", "not stated")
EFFECTS = ("confers resistance", "sensitises", "no effect", "context-dependent", "not stated")
CATEGORIES = (
    "ncRNA", "methylation", "ABC transporter", "exosome", "autophagy", "ferroptosis", "hypoxia",
    "immune", "viral", "EMT", "stemness", "other", "strategy", "clinical",
)
PATHWAYS = (
    "RAS/RAF/MEK/ERK", "PI3K/AKT/mTOR", "HGF/MET", "EGFR", "IGF1R", "TAM receptors", "JAK/STAT3",
    "NF-κB", "JNK/c-Jun", "p38 MAPK", "Wnt/β-catenin", "Hippo", "TGF-β/SMAD", "Notch",
    "hypoxia/HIF", "VEGF/angiogenesis", "glycolysis", "apoptosis", "autophagy", "ferroptosis",
    "ER stress/UPR", "AMPK", "immune checkpoint", "chemokine signalling", "EMT", "stemness",
    "drug efflux", "exosome transfer", "DNA/histone methylation", "cell cycle", "p53",
)
INTERACTION_TYPES = ("activates", "inhibits", "sponges", "transports", "secretes")
INTERACTION_SIGNS = {"activates": 1, "inhibits": -1, "sponges": -1, "transports": 1, "secretes": 1}
"""Sign of each interaction type: a sponge sequesters its target, so it acts as an inhibitor."""

TABLES = ("Table 1", "Table 2", "Table 3", "Table 4", "Table 5")
SECTION_PREFIX = "Section: "

ID_PATTERN = re.compile(r"^(?:T[1-5]-\d{2,3}|TXT-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{2,3}|STR-\d{2,3}"
                        r"|CLN-\d{2,3})$")
"""`T<table>-<row>`, `TXT-<SECTION>-<nn>`, `STR-<nn>` or `CLN-<nn>`."""

RECORD_KINDS = {"T": "table row", "TXT": "text-only finding", "STR": "strategy", "CLN": "clinical"}
"""What an id prefix says about a record; `stats` counts by these."""

EVIDENCE_REQUIRED = (
    "id", "source", "subject", "subject_as_written", "subject_type", "change_in_resistance",
    "effect_on_sorafenib", "mechanism", "pathway", "category",
    "model_system", "references", "interactions",
)
"""Fields every evidence record states, with `null`/`[]` where the review says nothing."""

EVIDENCE_TABLE_FIELDS = ("table_section", "table_row", "pathway_as_written")
"""Fields a table row states (the pathway column may be null); other records need not."""

EVIDENCE_OPTIONAL = ("note", "pathway_as_written")

INTERACTION_REQUIRED = ("source", "target", "type")
INTERACTION_OPTIONAL = ("canonical", "xref", "note")

ENTITY_REQUIRED = ("id", "symbol", "type")
ENTITY_OPTIONAL = ("name", "synonyms", "xrefs", "drug_class", "targets", "targets_source", "note",
                   "unresolved")
ENTITY_DRUG_FIELDS = ("drug_class", "targets", "targets_source")
DRUG_TYPES = ("compound", "biologic")

XREF_SOURCES = {
    "hgnc": ("hgnc.tsv", "hgnc_id"),
    "mirbase": ("mirbase.tsv", "mirbase_id"),
    "mirbase_mature": ("mirna_mature.tsv", "mature_name"),
    "chebi": ("chebi.tsv", "chebi_id"),
}
"""Each kind of entity identifier, with the vocabulary table and column that must hold it."""
XREF_LISTS = ("mirbase",)
"""Kinds that may hold a list: a mature miRNA can come from several paralogous stem-loops."""

REFERENCE_COLUMNS = (
    "number", "authors", "title", "journal", "year", "volume", "pages", "doi", "pmid", "citation",
)

CONTROLLED = {
    "subject_type": SUBJECT_TYPES,
    "change_in_resistance": CHANGES,
    "effect_on_sorafenib": EFFECTS,
    "category": CATEGORIES,
}
"""Evidence fields holding one controlled value, with the values allowed."""


def record_kind(record_id: str) -> str:
    """Say whether an id names a table row, a text-only finding, a strategy or a clinical record.

    Examples
    --------
    >>> record_kind("TXT-FERROPTOSIS-01")
    'text-only finding'
    """
    return RECORD_KINDS[record_id.split("-", 1)[0].rstrip("0123456789")]
