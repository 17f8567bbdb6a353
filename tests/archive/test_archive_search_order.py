"""The full-text index lists matches newest published first, whatever order they were saved in."""

from __future__ import annotations

from newscrawler.archive import Archive
from newscrawler.archive.rows import ROWIDS_PER_SECOND
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = "2026-12-03T10:00:00+00:00"
# Saved in this order, as a full crawl walking a listing from newest to oldest would not be.
PUBLISHED = {
    1: "2019-05-01T08:00:00+00:00",
    2: "2024-02-10T12:30:00+00:00",
    3: "2014-07-20T06:00:00+00:00",
    4: "2024-02-10T12:30:00+00:00",  # the same second as 2: saved later, so listed first
}


def newest_first(committed: ReadRows, word: str) -> list[int]:
    rows = committed(
        "SELECT articles.post_id FROM articles_fts"
        " JOIN articles ON articles.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY articles_fts.rowid DESC",
        word,
    )
    return [row["post_id"] for row in rows]


def save_all(archive: Archive, article: ArticleFactory) -> None:
    for post_id, published in PUBLISHED.items():
        archive.save_article(article(post_id=post_id, published=published), [], NOW)
    archive.flush()


def test_matches_come_in_publication_order(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save_all(archive, article)
    assert newest_first(committed, "corridor") == [4, 2, 1, 3]


def test_a_corrected_publication_time_keeps_the_article_s_place(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save_all(archive, article)
    moved = article(post_id=3, published="2025-01-01T00:00:00+00:00", body="Grain corridor news.")
    archive.save_article(moved, [], NOW)
    archive.flush()
    assert newest_first(committed, "corridor") == [4, 2, 1, 3]
    assert newest_first(committed, "tartous") == [4, 2, 1]  # the old body's words are gone
    committed("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_rowids_are_the_publication_second_and_a_serial(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save_all(archive, article)
    rows = committed("SELECT post_id, rowid FROM articles ORDER BY post_id")
    second = 1707568200  # 2024-02-10T12:30:00Z
    assert rows[1]["rowid"] == second * ROWIDS_PER_SECOND
    assert rows[3]["rowid"] == second * ROWIDS_PER_SECOND + 1


def test_an_article_without_a_publication_time_sorts_oldest(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    save_all(archive, article)
    archive.save_article(article(post_id=5, published=None), [], NOW)
    archive.flush()
    assert newest_first(committed, "corridor")[-1] == 5
