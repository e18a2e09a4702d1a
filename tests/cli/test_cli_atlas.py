"""`soraresist atlas ...` on the fixture atlas: through click's runner and the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from soraresist.cli import cli
from soraresist.errors import UnknownNameError

FIXTURE_DATA = Path(__file__).parents[1] / "atlas" / "data"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SORARESIST_ATLAS_DATA": str(FIXTURE_DATA),
            "SORARESIST_CACHE": str(tmp_path / "cache")}


def _run(env: dict[str, str], *args: str):
    return CliRunner().invoke(cli, ["atlas", *args], env=env, catch_exceptions=True)


def test_search_prints_one_line_per_record_starting_with_its_id(env):
    result = _run(env, "search", "hif2a")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["T4-05", "T4-08", "TXT-HYPOXIA-01"]


def test_search_options_and_json(env):
    result = _run(env, "search", "--category", "hypoxia", "--effect", "sensitises", "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["evidence_id"] for r in records] == ["T4-08"]
    assert records[0]["references"] == [108]


def test_search_with_unknown_category_raises_unknown_name(env):
    result = _run(env, "search", "AKT", "--category", "hypoxa")
    assert isinstance(result.exception, UnknownNameError)
    assert "hypoxia" in str(result.exception)


def test_show_lists_entities_and_doi_links(env):
    result = _run(env, "show", "T1-01")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("T1-01  (table row; Table 1 / Non-coding RNAs / row 1)")
    assert "https://doi.org/10.1186/s13046-019-1177-0" in result.output
    assert "hsa-miR-21 activates SNHG1" in result.output
    assert "AKT1: AKT1, gene; synonyms AKT, Akt" in result.output


def test_stats_counts_tables_sections_kinds_and_references(env):
    result = _run(env, "stats")
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    for expected in ("Table 1 2", "Non-coding RNAs 2", "text-only finding 1", "strategy 1",
                     "clinical 1", "references 10", "with DOI 9", "records: 8"):
        assert expected in lines


def test_export_writes_files_and_refuses_a_missing_folder(env, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = _run(env, "export", "--format", "tsv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["entities.tsv", "evidence.tsv",
                                                     "interactions.tsv", "references.tsv"]
    result = _run(env, "export", "--format", "json", "--out", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert "missing" in result.output and "does not exist" in result.output


def test_installed_entry_point_searches_and_reports_errors(env):
    script = shutil.which("soraresist", path=str(Path(sys.executable).parent))
    assert script, "the soraresist entry point is not installed in this environment"
    run_env = {**os.environ, **env}
    found = subprocess.run([script, "atlas", "search", "HIF-2α"], env=run_env,
                           capture_output=True, text=True, timeout=120, check=False)
    assert found.returncode == 0, found.stderr
    assert [line.split("\t")[0] for line in found.stdout.splitlines()] == [
        "T4-05", "T4-08", "TXT-HYPOXIA-01"]
    bad = subprocess.run([script, "atlas", "show", "T9-99"], env=run_env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: unknown record id 'T9-99'")
