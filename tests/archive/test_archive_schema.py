"""The archive file: tables, indexes, WAL, full-text search wiring and repeatable migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette.utils import detect_fts

from newscrawler.archive import Archive
from newscrawler.archive.rows import ARTICLE_COLUMNS
from tests.support import METADATA_PATH

EXPECTED_COLUMNS = {
    "articles": set(ARTICLE_COLUMNS)
    | {"last_checked", "etag", "last_modified", "removed_at", "staff", "sitemap_lastmod"},
    "links": {"from_url", "to_url", "kind", "anchor_text", "teaser", "first_seen", "last_seen"},
    "article_urls": {"url", "article_url", "redirected_to", "first_seen", "last_seen"},
    "revisions": {
        "article_url",
        "revision",
        "captured",
        "content_hash",
        "row",
        "warc_file",
        "warc_offset",
        "warc_record_id",
    },
    "crawl_runs": {
        "id",
        "spider",
        "args",
        "started",
        "finished",
        "finish_reason",
        "requests",
        "pages_fetched",
        "article_pages",
        "articles_new",
        "articles_changed",
        "articles_unchanged",
        "failures",
        "field_coverage",
        "requests_per_new_article",
        "healthy",
        "health_problems",
        "stop_reasons",
    },
    "failures": {"id", "run_id", "url", "stage", "reason", "time", "raw", "raw_size", "raw_sha256"},
    "staff": {"id", "name", "variants"},
    "article_staff": {"article_url", "staff_id", "position", "name_as_written"},
    "places": {"name", "kind", "country", "latitude", "longitude"}
    | {f"name_{language}" for language in ("ar", "fr", "es", "ru", "tr", "fa", "he")},
    "article_places": {"article_url", "position", "place"},
}
PRIMARY_KEYS = {
    "articles": ["url"],
    "links": ["from_url", "to_url", "kind"],
    "article_urls": ["url"],
    "revisions": ["article_url", "revision"],
    "crawl_runs": ["id"],
    "failures": ["id"],
    "staff": ["id"],
    "article_staff": ["article_url", "position"],
    "places": ["name"],
    "article_places": ["article_url", "position"],
}

ReadRows = Callable[..., list[dict[str, Any]]]


def test_opening_creates_the_folder_and_every_table(archive: Archive, committed: ReadRows) -> None:
    assert archive.path.parent.is_dir()
    for table, columns in EXPECTED_COLUMNS.items():
        info = committed(f"PRAGMA table_info({table})")
        assert {column["name"] for column in info} == columns, table
        keyed = sorted((c for c in info if c["pk"]), key=lambda c: c["pk"])
        assert [c["name"] for c in keyed] == PRIMARY_KEYS[table], table


def test_articles_are_indexed_for_lookups_and_facets(archive: Archive, committed: ReadRows) -> None:
    indexed = {
        row["name"]
        for index in committed("PRAGMA index_list(articles)")
        for row in committed(f"PRAGMA index_info({index['name']})")
    }
    assert {"post_id", "dateline_place", "published"} <= indexed


def test_file_is_in_wal_mode(archive: Archive, committed: ReadRows) -> None:
    assert committed("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_datasette_finds_the_full_text_index(archive: Archive, db_path: Path) -> None:
    # Its content is the view of the search form (m015), which Datasette's guess by content
    # table misses: the metadata names the index, as `python -m newscrawler browse` serves it.
    connection = sqlite3.connect(db_path)
    try:
        assert detect_fts(connection, "articles_search_text") == "articles_fts"
    finally:
        connection.close()
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    articles = metadata["databases"]["archive"]["tables"]["articles"]
    assert (articles["fts_table"], articles["fts_pk"]) == ("articles_fts", "rowid")


def test_opening_twice_applies_migrations_once_and_keeps_data(
    db_path: Path, article: Callable[..., dict[str, Any]], committed: ReadRows
) -> None:
    with Archive(db_path) as first:
        first.save_article(article(), [article()["url"]], "2024-01-01T00:00:00+00:00")
    with Archive(db_path) as second:
        assert second.has_articles([article()["url"]]) == {article()["url"]}
    applied = committed("SELECT name FROM _sqlite_migrations WHERE migration_set = 'newscrawler'")
    names = [row["name"] for row in applied]
    assert names == sorted(set(names)), "each migration once, in numeric order"
    assert {"m001_initial_schema", "m003_people_and_places"} <= set(names)


def test_batch_size_must_be_positive(db_path: Path) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        Archive(db_path, batch_size=0)
