"""The full-text index is written per batch: saves queue, `flush()` indexes, nothing is lost."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from newscrawler.archive.store import Archive
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = "2026-11-28T10:00:00+00:00"
LATER = "2026-11-28T11:00:00+00:00"


def matches(committed: ReadRows, word: str) -> list[int]:
    rows = committed("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", word)
    return [row["rowid"] for row in rows]


def test_a_batch_is_indexed_when_it_commits(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    archive.save_article(article(post_id=1, title="Olive harvest in Idleb"), [], NOW)
    archive.save_article(article(post_id=2, title="Olive oil exports rise"), [], NOW)
    assert matches(committed, "olive") == []
    archive.flush()
    assert len(matches(committed, "olive")) == 2
    assert committed("SELECT count(*) AS n FROM search_index_queue")[0]["n"] == 0


def test_an_article_changed_before_its_batch_commits_is_indexed_once_with_its_new_words(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    archive.save_article(article(post_id=1, title="Citrus season opens"), [], NOW)
    archive.save_article(article(post_id=1, title="Citrus season opens in Tartous"), [], LATER)
    archive.flush()
    assert len(matches(committed, "tartous")) == 1
    assert len(matches(committed, "citrus")) == 1
    integrity = committed("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert integrity == []


def test_rows_written_by_another_tool_are_indexed_on_the_next_open(
    db_path: Path, article: ArticleFactory, committed: ReadRows
) -> None:
    with Archive(db_path) as archive:
        archive.save_article(article(post_id=1, title="Bakeries in Homs"), [], NOW)
    sqlite_utils.Database(db_path)["articles"].update(
        "https://archive.sana.sy/en/?p=1", {"title": "Bakeries in Hama"}
    )
    assert matches(committed, "hama") == []
    with Archive(db_path):
        pass
    assert len(matches(committed, "hama")) == 1
    assert matches(committed, "homs") == []
