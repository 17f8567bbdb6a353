"""End to end: an incremental run on an empty or partial archive reaches every listed article."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlite_utils

from newscrawler.snapshot.process import running_snapshot
from tests.support import CrawlResult, free_port, generated_only_content, run_crawl

# Thousands of generated articles crawled three times: longer than the suite's 300 s default.
pytestmark = [pytest.mark.crawl, pytest.mark.timeout(1200)]

ARTICLES = 2000
# Priority order honoured (one request at a time) and every save committed at once: the Check
# Also chains of the first listing pages archive most of the pages below before the walk gets
# there, the order in which the walk used to stop early on every run.
CHECK_ALSO_AHEAD = ("-s", "CONCURRENT_REQUESTS=1", "-s", "ARCHIVE_BATCH_SIZE=1")


@dataclass(frozen=True)
class Crawls:
    full: set[str]
    from_empty: set[str]
    from_partial: set[str]
    partial_before: int
    results: list[CrawlResult]


def archived_urls(path: Path) -> set[str]:
    return {row["url"] for row in sqlite_utils.Database(path).query("select url from articles")}


def checked(result: CrawlResult) -> CrawlResult:
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Crawls:
    """A full crawl; an incremental run on an empty archive; one on an archive of the oldest
    half (a finished run of a snapshot that had only those), all of `ARTICLES` generated."""
    folder = tmp_path_factory.mktemp("first-incremental")
    content = ("--content", str(generated_only_content(folder / "content")), "--port")
    port = str(free_port())
    full, empty, partial = (folder / name for name in ("full.db", "empty.db", "partial.db"))
    with running_snapshot(*content, port, "--generate", str(ARTICLES // 2)) as url:
        older_half = checked(run_crawl(partial, [f"{url}/en/?paged=1"], *CHECK_ALSO_AHEAD))
    partial_before = len(archived_urls(partial))
    with running_snapshot(*content, port, "--generate", str(ARTICLES)) as url:
        start = [f"{url}/en/?paged=1"]
        results = [older_half, checked(run_crawl(full, start, "-a", "mode=full"))]
        results.append(checked(run_crawl(empty, start, *CHECK_ALSO_AHEAD)))
        results.append(checked(run_crawl(partial, start, *CHECK_ALSO_AHEAD)))
    return Crawls(
        archived_urls(full), archived_urls(empty), archived_urls(partial), partial_before, results
    )


def test_an_incremental_run_on_an_empty_archive_archives_what_a_full_crawl_does(
    crawls: Crawls,
) -> None:
    assert len(crawls.full) == ARTICLES
    assert crawls.from_empty == crawls.full


def test_an_incremental_run_on_a_partial_archive_archives_what_a_full_crawl_does(
    crawls: Crawls,
) -> None:
    assert crawls.partial_before == ARTICLES // 2
    assert crawls.from_partial == crawls.full


def test_no_crawl_ends_with_a_traceback_or_a_locked_database(crawls: Crawls) -> None:
    for result in crawls.results:
        assert "Traceback" not in result.log
        assert "database is locked" not in result.log
