"""Takedowns end to end: archived articles answered with 404 or 410, then served again."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from newscrawler.snapshot.process import running_snapshot
from tests.support import ROOT, CrawlResult, free_port, run_crawl

pytestmark = pytest.mark.crawl

START_PATH = "/en/?cat=6"
LISTED_ONLY = ("-a", "follow_check_also=false")
# Every archived article counts as recent, so every run re-checks each of them (conditional
# requests): the hand-written articles date from 2017, past every age tier.
ALL_RECENT = ("-s", "NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS=100000")
STATE = "url, title, body, content_hash, revision, removed_at, last_seen, last_checked"


@dataclass(frozen=True)
class Takedown:
    archive_path: Path
    gone_404: str
    gone_410: str
    online: str
    before: dict[str, dict[str, Any]]  # article rows after the first crawl
    removed: dict[str, dict[str, Any]]  # ... after the run that found them gone
    missed_again: dict[str, dict[str, Any]]  # ... after a second run that found them gone
    removals_while_gone: list[dict[str, Any]]
    runs: list[CrawlResult]


def articles(archive_path: Path) -> dict[str, dict[str, Any]]:
    db = sqlite_utils.Database(archive_path)
    return {row["url"]: row for row in db.query(f"SELECT {STATE} FROM articles")}


def removals(archive_path: Path) -> list[dict[str, Any]]:
    db = sqlite_utils.Database(archive_path)
    return list(db.query("SELECT * FROM removals ORDER BY url"))


def post_query(url: str) -> str:
    """The snapshot path's `p=` query of an archived article's URL, as a fault regex."""
    return "p=" + url.rsplit("p=", 1)[1] + "$"


def crawled(result: CrawlResult) -> CrawlResult:
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def takedown(tmp_path_factory: pytest.TempPathFactory) -> Takedown:
    """Archived; two articles taken down (404, 410), missed by a re-check and then by a full
    walk of the listing; then served again and re-checked."""
    folder = tmp_path_factory.mktemp("takedowns")
    archive_path = folder / "archive.db"
    # One port throughout: the archive re-checks articles at the address it fetched them from.
    port = ("--port", str(free_port()))
    runs = []
    with running_snapshot(*port) as site:
        runs.append(crawled(run_crawl(archive_path, [site + START_PATH], *LISTED_ONLY)))
    before = articles(archive_path)
    gone_404, gone_410, online = sorted(before)[:3]
    faults = (
        "--fault",
        f"gone:{post_query(gone_404)}",
        "--fault",
        f"gone:{post_query(gone_410)}:410",
    )
    with running_snapshot(*port, *faults) as site:
        start = [site + START_PATH]
        runs.append(crawled(run_crawl(archive_path, start, *LISTED_ONLY, *ALL_RECENT)))
        removed = articles(archive_path)
        # A full walk, re-checks as configured: the listing itself leads to the missing pages.
        runs.append(crawled(run_crawl(archive_path, start, *LISTED_ONLY, "-a", "mode=full")))
        missed_again = articles(archive_path)
        removals_while_gone = removals(archive_path)
    with running_snapshot(*port) as site:
        runs.append(
            crawled(run_crawl(archive_path, [site + START_PATH], *LISTED_ONLY, *ALL_RECENT))
        )
    return Takedown(
        archive_path, gone_404, gone_410, online, before, removed, missed_again,
        removals_while_gone, runs,
    )  # fmt: skip


def test_a_taken_down_article_is_marked_removed_and_keeps_its_content(takedown: Takedown) -> None:
    for url in (takedown.gone_404, takedown.gone_410):
        before, after = takedown.before[url], takedown.removed[url]
        assert after["removed_at"] is not None
        assert after["removed_at"] > before["last_checked"]
        for column in ("title", "body", "content_hash", "revision"):
            assert after[column] == before[column], column
        # A page that is missing was not seen: last_seen stays, last_checked moves.
        assert after["last_seen"] == before["last_seen"]
        assert after["last_checked"] == after["removed_at"]
    assert takedown.removed[takedown.online]["removed_at"] is None


def test_each_removal_records_its_status_and_first_missed_time(takedown: Takedown) -> None:
    by_url = {row["url"]: row for row in takedown.removals_while_gone}
    assert set(by_url) == {takedown.gone_404, takedown.gone_410}
    assert by_url[takedown.gone_404]["status"] == 404
    assert by_url[takedown.gone_410]["status"] == 410
    for url, row in by_url.items():
        first_miss = takedown.removed[url]["removed_at"]
        assert row["missing_since"] == first_miss
        # Missed again by the next run: the first-missed time stays, the last miss moves.
        assert takedown.missed_again[url]["removed_at"] == first_miss
        assert row["last_missed"] == takedown.missed_again[url]["last_checked"] > first_miss
        assert row["restored_at"] is None


def test_a_takedown_is_no_failure_and_no_false_alarm(takedown: Takedown) -> None:
    db = sqlite_utils.Database(takedown.archive_path)
    gone = (takedown.gone_404, takedown.gone_410)
    failed = [row["url"] for row in db.query("SELECT url FROM failures")]
    assert not [url for url in failed if any(post_query(g).rstrip("$") in url for g in gone)]
    runs = list(db.query("SELECT id, healthy, health_problems FROM crawl_runs ORDER BY id"))
    assert [run["healthy"] for run in runs] == [1, 1, 1, 1], runs
    for result in takedown.runs[1:3]:
        assert result.log.count("recorded as removed") == 2


def test_an_article_served_again_is_restored_with_its_history(takedown: Takedown) -> None:
    after = articles(takedown.archive_path)
    rows = {row["url"]: row for row in removals(takedown.archive_path)}
    assert set(rows) == {takedown.gone_404, takedown.gone_410}
    for url in (takedown.gone_404, takedown.gone_410):
        assert after[url]["removed_at"] is None
        assert after[url]["revision"] == takedown.before[url]["revision"]
        assert rows[url]["missing_since"] == takedown.removed[url]["removed_at"]
        assert rows[url]["restored_at"] is not None
        assert rows[url]["restored_at"] > rows[url]["last_missed"]
    assert takedown.runs[3].log.count("is back on the site") == 2


def test_the_removals_query_lists_the_takedowns(takedown: Takedown) -> None:
    metadata = yaml.safe_load((ROOT / "exports" / "metadata.yml").read_text(encoding="utf-8"))

    async def get() -> list[dict[str, Any]]:
        datasette = Datasette([str(takedown.archive_path)], metadata=metadata)
        response = await datasette.client.get(
            "/archive/removals_recent.json", params={"_shape": "array"}
        )
        assert response.status_code == 200, response.text
        rows: list[dict[str, Any]] = response.json()
        return rows

    listed = {row["url"]: row for row in asyncio.run(get())}
    assert set(listed) == {takedown.gone_404, takedown.gone_410}
    assert listed[takedown.gone_404]["status"] == 404
    assert listed[takedown.gone_410]["status"] == 410
    for url, row in listed.items():
        assert row["title"] == takedown.before[url]["title"]
        assert row["missing_since"] == takedown.removed[url]["removed_at"]
        assert row["restored_at"] is not None
