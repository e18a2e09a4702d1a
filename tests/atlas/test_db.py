"""The SQLite database: built once per data checksum, atomically, with its tables and index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from soraresist.atlas import SCHEMA_VERSION, connect, database_path, fold_name
from soraresist.atlas._db import cache_dir
from soraresist.errors import RecordFileError

FIXTURE_DATA = Path(__file__).parent / "data"


def test_database_is_built_once_in_the_cache_and_read_only(cache):
    path = database_path(FIXTURE_DATA)
    assert path.parent == cache and path.name.startswith("atlas-")
    connect(FIXTURE_DATA).close()
    built = path.stat().st_mtime_ns
    con = connect(FIXTURE_DATA)
    assert path.stat().st_mtime_ns == built
    assert [p.name for p in cache.iterdir()] == [path.name]  # no temporary file left
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        con.execute("DELETE FROM evidence")
    con.close()


def test_tables_meta_and_counts(con):
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"evidence", "entities", "synonyms", "references", "evidence_references",
            "interactions", "evidence_fts", "meta"} <= tables
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert con.execute("SELECT count(*) FROM evidence").fetchone()[0] == 8
    assert con.execute('SELECT count(*) FROM "references"').fetchone()[0] == 10
    assert con.execute("SELECT count(*) FROM interactions").fetchone()[0] == 6
    assert con.execute("SELECT group_concat(number) FROM evidence_references "
                       "WHERE evidence_id = 'TXT-HYPOXIA-01'").fetchone()[0] == "105,127"


def test_full_text_index_holds_folded_synonyms(con):
    hits = con.execute("SELECT id FROM evidence_fts WHERE evidence_fts MATCH 'hif2a' "
                       "ORDER BY rowid").fetchall()
    assert [h[0] for h in hits] == ["T4-05", "T4-08", "TXT-HYPOXIA-01"]


def test_changed_records_give_a_new_database(cache, data_copy):
    before = database_path(data_copy)
    path = data_copy / "evidence" / "clinical.yaml"
    path.write_text(path.read_text().replace("SHARP trial", "SHARP phase III trial"))
    assert database_path(data_copy) != before
    con = connect(data_copy)
    assert "phase III" in con.execute("SELECT mechanism FROM evidence WHERE id = 'CLN-01'"
                                      ).fetchone()[0]
    con.close()


def test_malformed_records_build_nothing(cache, data_copy):
    path = data_copy / "evidence" / "table1.yaml"
    path.write_text(path.read_text().replace("category: ncRNA", "category: lncRNA", 1))
    with pytest.raises(RecordFileError, match="'lncRNA' is not allowed"):
        connect(data_copy)
    assert not cache.exists() or not list(cache.iterdir())


def test_cache_dir_follows_xdg_when_not_overridden(monkeypatch, tmp_path):
    monkeypatch.delenv("SORARESIST_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "soraresist"


@pytest.mark.parametrize("spelling", ["HIF-2α", "hif2a", "HIF2A", "HIF -2α", "hif-2A"])
def test_fold_name_ignores_case_greek_hyphens_and_spaces(spelling):
    assert fold_name(spelling) == "hif2a"


def test_fold_name_keeps_distinct_names_distinct():
    assert fold_name("HIF-1α") != fold_name("HIF-2α")
    assert fold_name("TGF-β") == "tgfb"
