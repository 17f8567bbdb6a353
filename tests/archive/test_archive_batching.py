"""Batched transactions: what another connection sees, and what survives a crash."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newscrawler.archive import Archive

ArticleFactory = Callable[..., dict[str, Any]]
ReadRows = Callable[..., list[dict[str, Any]]]

NOW = "2024-01-01T08:00:00+00:00"

# Saves the articles read from stdin, then dies without closing: what a `kill -9` leaves.
CRASHING_WRITER = textwrap.dedent(
    """
    import json, os, sys
    from newscrawler.archive import Archive

    archive = Archive(sys.argv[1], batch_size=int(sys.argv[2]))
    for article in json.load(sys.stdin):
        archive.save_article(article, article["fetched_urls"], sys.argv[3])
    os._exit(0)
    """
)


def article_count(committed: ReadRows) -> int:
    return int(committed("SELECT count(*) AS n FROM articles")[0]["n"])


def test_rows_become_visible_batch_by_batch(
    db_path: Path, article: ArticleFactory, committed: ReadRows
) -> None:
    archive = Archive(db_path, batch_size=3)
    for post_id in range(1, 5):
        archive.save_article(article(post_id=post_id), [], NOW)

    assert article_count(committed) == 3
    assert archive.has_articles(["https://archive.sana.sy/en/?p=4"]) == {
        "https://archive.sana.sy/en/?p=4"
    }

    archive.flush()
    assert article_count(committed) == 4
    archive.close()


def test_failures_count_towards_the_batch(
    db_path: Path, article: ArticleFactory, committed: ReadRows
) -> None:
    archive = Archive(db_path, batch_size=2)
    archive.save_article(article(), [], NOW)
    assert article_count(committed) == 0
    archive.record_failure(None, "https://archive.sana.sy/en/?p=9", "parse", "empty", b"", NOW)
    assert article_count(committed) == 1
    assert len(committed("SELECT * FROM failures")) == 1
    archive.close()


def test_close_commits_the_open_batch(
    db_path: Path, article: ArticleFactory, committed: ReadRows
) -> None:
    with Archive(db_path, batch_size=50) as archive:
        archive.save_article(article(post_id=1), [], NOW)
        archive.save_article(article(post_id=2), [], NOW)
    assert article_count(committed) == 2
    archive.close()


def test_a_crash_loses_only_the_uncommitted_batch(
    db_path: Path, article: ArticleFactory, committed: ReadRows
) -> None:
    articles = [article(post_id=post_id) for post_id in range(1, 8)]
    subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(db_path), "5", NOW],
        input=json.dumps(articles),
        text=True,
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert article_count(committed) == 5
    with Archive(db_path) as reopened:
        assert reopened.save_article(articles[0], [], NOW) == "unchanged"
        assert reopened.save_article(articles[6], [], NOW) == "new"
    assert article_count(committed) == 6
    assert len(committed("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'wheat'")) == 6
