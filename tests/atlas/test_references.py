"""The committed bibliography table matches the review's printed bibliography."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "extract_references.py"
TABLE = files("soraresist.atlas").joinpath("data", "references.tsv")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    text = TABLE.read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


def test_all_172_references_are_numbered_in_order(rows):
    assert [int(row["number"]) for row in rows] == list(range(1, 173))


def test_dois_are_well_formed_and_pmids_stay_empty(rows):
    dois = [row["doi"] for row in rows if row["doi"]]
    assert all(re.fullmatch(r"10\.\d{4,9}/\S+", doi) for doi in dois)
    repeated = {doi for doi in dois if dois.count(doi) > 1}
    assert repeated == {"10.1016/j.canlet.2019.02.040"}  # printed as both ref. 47 and 144
    assert all(row["pmid"] == "" for row in rows)


def test_citations_drop_the_link_labels(rows):
    assert not any(row["citation"].endswith("]") for row in rows)
    assert rows[0]["citation"].startswith("Torre LA, et al. Global cancer statistics")


def test_irregular_entries_are_parsed_as_printed(rows):
    by_number = {int(row["number"]): row for row in rows}
    imbrave = by_number[15]
    assert (imbrave["authors"], imbrave["journal"], imbrave["year"], imbrave["volume"],
            imbrave["pages"], imbrave["doi"]) == ("Cheng, A. L.", "Ann. Oncol.", "2019", "30",
                                                  "ix186–ix187", "")
    assert by_number[16]["doi"] == ""
    assert by_number[16]["journal"] == "China Pharm."
    assert by_number[169]["title"].endswith("(SAKK 77/08 and SASL 29)")
    assert by_number[169]["doi"] == "10.1093/annonc/mdw054"


def test_doi_count_matches_the_printed_bibliography(rows, seed):
    text = seed.read_text(encoding="utf-8")
    bibliography = text[text.index("\nReferences\n"):]
    assert sum(1 for row in rows if row["doi"]) == bibliography.count("doi:")


def test_script_reproduces_the_committed_table(tmp_path, seed):
    out = tmp_path / "references.tsv"
    subprocess.run([sys.executable, str(SCRIPT), str(seed), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == TABLE.read_bytes()
