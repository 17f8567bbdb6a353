"""`-a since=` over Foxiz listings: cards are dated by publication, never by modification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawler.snapshot.common import parse_time
from newscrawler.snapshot.process import running_snapshot
from tests.support import CrawlResult, archived_rows, expected_articles, load_content, run_crawl

pytestmark = pytest.mark.crawl

SINCE = "2026-01-01"
# Published 2025-12-16, modified 2026-04-02: its economy card prints the modified date first.
OLD_BUT_EDITED = 2270249


@pytest.fixture(scope="module")
def since_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, list[str]]:
    folder = tmp_path_factory.mktemp("since")
    log_path = folder / "requests.jsonl"
    with running_snapshot("--request-log", str(log_path)) as site:
        result = run_crawl(folder / "archive.db", [f"{site}/en/economy/"], "-a", f"since={SINCE}")
    requested = [json.loads(line)["path"] for line in log_path.read_text().splitlines()]
    return result, requested


def economy() -> list[dict[str, object]]:
    return [item for item in load_content("relaunch") if item["section"] == "economy"]


def test_since_crawl_exits_cleanly(since_crawl: tuple[CrawlResult, list[str]]) -> None:
    result, _ = since_crawl
    assert result.returncode == 0, result.log[-3000:]


def test_article_published_before_since_is_skipped_though_modified_after(
    since_crawl: tuple[CrawlResult, list[str]],
) -> None:
    result, requested = since_crawl
    assert f"/en/economy/{OLD_BUT_EDITED}/" not in requested
    assert f"https://sana.sy/en/economy/{OLD_BUT_EDITED}/" not in archived_rows(result.archive_path)


def test_articles_published_since_are_all_archived(
    since_crawl: tuple[CrawlResult, list[str]],
) -> None:
    result, _ = since_crawl
    recent = {
        url
        for url, row in expected_articles(economy()).items()
        if parse_time(str(row["published"])).date().isoformat() >= SINCE
    }
    assert recent and recent <= set(archived_rows(result.archive_path))


def test_no_next_post_fragment_is_requested(since_crawl: tuple[CrawlResult, list[str]]) -> None:
    _, requested = since_crawl
    assert requested and not [path for path in requested if "rbsnp" in path]


def test_a_next_post_start_address_is_crawled_as_its_article(tmp_path: Path) -> None:
    log_path = tmp_path / "requests.jsonl"
    with running_snapshot("--request-log", str(log_path)) as site:
        start = f"{site}/en/economy/2270352/?rbsnp=1"
        result = run_crawl(tmp_path / "archive.db", [start], "-a", "follow_check_also=false")
    assert result.returncode == 0, result.log[-3000:]
    requested = [json.loads(line)["path"] for line in log_path.read_text().splitlines()]
    assert "/en/economy/2270352/" in requested
    assert not [path for path in requested if "rbsnp" in path]
    assert list(archived_rows(result.archive_path)) == ["https://sana.sy/en/economy/2270352/"]
