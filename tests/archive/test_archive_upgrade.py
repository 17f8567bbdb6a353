"""An archive made by the first schema (m001 alone) is upgraded in place and keeps its rows."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from newscrawler.archive import Archive
from newscrawler.archive.migrations import migrations
from newscrawler.archive.rows import ROWIDS_PER_SECOND
from tests.archive.conftest import make_article

SCHEMA_V1 = Path(__file__).with_name("data") / "schema_v1.db"


def read(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_the_fixture_is_the_first_schema() -> None:
    assert read(SCHEMA_V1, "SELECT name FROM _sqlite_migrations") == [("m001_initial_schema",)]


def test_opening_an_old_archive_upgrades_it_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copy(SCHEMA_V1, path)
    before = {
        table: read(path, f"SELECT * FROM {table} ORDER BY 1, 2")
        for table in ("articles", "links", "revisions", "crawl_runs")
    }

    Archive(path).close()

    applied = [row[0] for row in read(path, "SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [migration.name for migration in migrations.pending(Database(memory=True))]
    for table, rows in before.items():
        upgraded = read(path, f"SELECT * FROM {table} ORDER BY 1, 2")
        assert [row[: len(rows[0])] for row in upgraded] == rows, table
    assert read(path, "SELECT article_url, place FROM article_places ORDER BY 1") == [
        ("https://archive.sana.sy/en/?p=900", "Damascus"),
        ("https://archive.sana.sy/en/?p=901", "Damascus"),
    ]
    assert read(path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'bakeries'") == [
        (2,)
    ]
    # m011: rowids in publication order, the full-text index rebuilt on them.
    assert read(path, "SELECT rowid, post_id FROM articles ORDER BY rowid") == [
        (1489305600 * ROWIDS_PER_SECOND, 900),
        (1489395600 * ROWIDS_PER_SECOND, 901),
    ]
    assert read(path, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") == []


def test_an_upgraded_archive_takes_new_articles(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copy(SCHEMA_V1, path)
    with Archive(path) as archive:
        new = make_article(902, staff=["Manar al-Freih", "Mazen", "Hazem Sabbagh"])
        assert archive.save_article(new, [new["url"]], "2024-01-01T00:00:00+00:00") == "new"
    assert read(path, "SELECT count(*) FROM articles") == [(3,)]
    assert read(path, "SELECT count(*) FROM article_staff") == [(3,)]


def test_upgrading_fills_the_title_key_of_archived_articles(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    shutil.copy(SCHEMA_V1, path)
    Archive(path).close()
    rows = read(path, "SELECT title, title_key FROM articles")
    assert rows and all(key == title.casefold() for title, key in rows)
