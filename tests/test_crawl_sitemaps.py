"""End to end: discovery through robots.txt sitemaps, and re-checks only where lastmod moved."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newscrawler.normalize.dates import to_utc
from newscrawler.snapshot.process import running_snapshot
from tests.support import CrawlResult, expected_articles, free_port, load_content, run_crawl

pytestmark = pytest.mark.crawl

SITEMAP_PATHS = re.compile(r"^/(robots\.txt|en/[a-z_-]*sitemap[a-z_-]*\d*\.xml)$")
ARTICLE_PATH = re.compile(r"^/en/(\?p=\d+|[a-z-]+/\d+/)$")
ONLY_SITEMAPS = ("-a", "discovery=sitemaps", "-a", "follow_check_also=false")
# Were the age schedule on, every article would be re-checked on every run.
ALL_RECENT = ("-s", "NEWSCRAWLER_RECHECK_EVERY_RUN_DAYS=100000")


def requests_in(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def checked(result: CrawlResult) -> CrawlResult:
    assert result.returncode == 0, result.log[-3000:]
    return result


def content() -> list[dict[str, Any]]:
    return load_content("archive") + load_content("relaunch")


def listed_expected() -> dict[str, dict[str, Any]]:
    return expected_articles([item for item in content() if item["listed"]])


def edited() -> list[dict[str, Any]]:
    return [
        item
        for item in content()
        if item["versions"] and item["listed"] and "failure" not in item["expected"]
    ]


def page_path(item: dict[str, Any]) -> str:
    if item["layout"] == "archive":
        return f"/en/?p={item['post_id']}"
    return f"/en/{item['section']}/{item['post_id']}/"


def article_requests(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [record for record in records if ARTICLE_PATH.match(record["path"])]


@dataclass(frozen=True)
class Runs:
    archive_path: Path
    first: list[dict[str, Any]]
    after_edit: list[dict[str, Any]]
    again: list[dict[str, Any]]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """Three sitemap-only incremental runs: first, after edits, and once more unchanged."""
    folder = tmp_path_factory.mktemp("sitemaps")
    archive_path = folder / "archive.db"
    port = str(free_port())
    logs = [folder / f"requests-{n}.jsonl" for n in (1, 2, 3)]
    with running_snapshot("--port", port, "--request-log", str(logs[0])) as url:
        checked(run_crawl(archive_path, [f"{url}/en/?paged=1"], *ONLY_SITEMAPS))
    versions = [arg for item in edited() for arg in ("--serve-version", f"{item['post_id']}:1")]
    for log in logs[1:]:
        with running_snapshot("--port", port, "--request-log", str(log), *versions) as url:
            result = run_crawl(archive_path, [f"{url}/en/?paged=1"], *ONLY_SITEMAPS, *ALL_RECENT)
            checked(result)
    return Runs(archive_path, *(requests_in(log) for log in logs))


def test_sitemaps_alone_discover_every_listed_article_of_both_layouts(runs: Runs) -> None:
    archived = {row["url"] for row in sqlite_utils.Database(runs.archive_path)["articles"].rows}
    # Unlisted articles come only through an inline link of one listed.
    assert set(listed_expected()) <= archived <= set(expected_articles(content()))
    assert {item["layout"] for item in edited()} == {"archive", "relaunch"}


def test_the_run_records_its_discovery(runs: Runs) -> None:
    db = sqlite_utils.Database(runs.archive_path)
    args = [json.loads(row["args"]) for row in db.query("select args from crawl_runs")]
    assert [arg["discovery"] for arg in args] == ["sitemaps"] * 3


def test_a_sitemap_run_requests_no_listing_or_feed_page(runs: Runs) -> None:
    others = [
        r["path"]
        for r in runs.first
        if not SITEMAP_PATHS.match(r["path"]) and not ARTICLE_PATH.match(r["path"])
    ]
    assert others == []
    sitemaps = {r["path"] for r in runs.first if r["path"].endswith(".xml")}
    assert sitemaps == {
        "/en/wp-sitemap.xml",
        "/en/wp-sitemap-posts-post-1.xml",
        "/en/sitemap_index.xml",
        "/en/post-sitemap.xml",
        "/en/news-sitemap.xml",
    }


def test_each_article_keeps_the_lastmod_that_led_to_it(runs: Runs) -> None:
    db = sqlite_utils.Database(runs.archive_path)
    rows = {
        row["url"]: row for row in db.query("select url, modified, sitemap_lastmod from articles")
    }
    by_lastmod = [row for row in rows.values() if row["sitemap_lastmod"]]
    # The news sitemap gives no lastmod; an article it led to first has none yet.
    assert len(by_lastmod) >= len(rows) - 2
    for item in edited():
        version = item["versions"][0]
        row = rows[item["expected"]["url"]]
        assert row["sitemap_lastmod"] == to_utc(version["modified"], "Asia/Damascus")


def test_after_edits_only_the_articles_whose_lastmod_moved_are_fetched(runs: Runs) -> None:
    fetched = article_requests(runs.after_edit)
    assert sorted(r["path"] for r in fetched) == sorted(page_path(item) for item in edited())
    # Conditional re-checks of the archived pages, answered with the edited page.
    assert all(r["if_none_match"] and r["status"] == 200 for r in fetched)
    db = sqlite_utils.Database(runs.archive_path)
    for item in edited():
        assert db["articles"].get(item["expected"]["url"])["revision"] == 2


def test_an_unchanged_site_costs_no_article_request(runs: Runs) -> None:
    assert article_requests(runs.again) == []
    assert len(runs.again) == 7  # robots.txt twice (Scrapy's and the spider's), 5 sitemaps


def test_hostile_sitemaps_are_recorded_failures_with_the_raw_body(tmp_path: Path) -> None:
    """A truncated sitemap is followed as far as it reads; an HTML page is no sitemap."""
    archive_path = tmp_path / "archive.db"
    faults = ("--fault", r"broken:post-sitemap\.xml$", "--fault", r"huge:news-sitemap\.xml$:5")
    log = tmp_path / "requests.jsonl"
    with running_snapshot("--request-log", str(log), *faults) as url:
        start = [f"{url}/en/?cat=3"]
        result = checked(run_crawl(archive_path, start, "-a", "discovery=both"))
        db = sqlite_utils.Database(archive_path)
        failures = {
            row["url"].removeprefix(url): row
            for row in db.query("select url, stage, reason, raw from failures")
        }
    assert "spider_exceptions" not in result.log
    broken, not_xml = failures["/en/post-sitemap.xml"], failures["/en/news-sitemap.xml"]
    assert (broken["stage"], not_xml["stage"]) == ("parse", "parse")
    assert "broken XML" in broken["reason"] and broken["raw"].startswith(b"<?xml")
    assert "<html>" in not_xml["reason"] and b"<html" in not_xml["raw"]
    archived = {row["url"] for row in db["articles"].rows}
    assert archived >= set(listed_expected())
    # `both`: the listing start URL is walked too.
    assert any(r["path"] == "/en/?cat=3" for r in requests_in(log))


def test_an_archive_made_from_listings_is_judged_by_its_pages_modified_dates(
    tmp_path: Path,
) -> None:
    """No sitemap lastmod is recorded yet: the pages' own dates say which lastmods moved."""
    archive_path = tmp_path / "archive.db"
    port = str(free_port())
    starts = ["/en/?paged=1", "/en/politics/", "/en/economy/", "/en/society/"]
    with running_snapshot("--port", port) as url:
        listed = ("-a", "follow_check_also=false")
        checked(run_crawl(archive_path, [url + start for start in starts], *listed))
    db = sqlite_utils.Database(archive_path)
    assert [row["n"] for row in db.query("select count(sitemap_lastmod) n from articles")] == [0]
    log = tmp_path / "requests.jsonl"
    versions = [arg for item in edited() for arg in ("--serve-version", f"{item['post_id']}:1")]
    with running_snapshot("--port", port, "--request-log", str(log), *versions) as url:
        checked(run_crawl(archive_path, [f"{url}/en/?paged=1"], *ONLY_SITEMAPS))
    # Everything listed was archived by the listings (pages failing for good are backed off):
    # exactly the edited articles are fetched again.
    fetched = sorted(r["path"] for r in article_requests(requests_in(log)))
    assert fetched == sorted(page_path(item) for item in edited())
    for item in edited():
        assert db["articles"].get(item["expected"]["url"])["revision"] == 2
