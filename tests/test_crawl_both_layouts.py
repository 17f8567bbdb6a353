"""End to end: one crawl over both SANA layouts, host aliases, redirects and feeds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
import sqlite_utils

from newscrawler.normalize.urls import canonical_link
from newscrawler.snapshot.process import running_snapshot
from tests.support import (
    ROW_FIELDS,
    CrawlResult,
    archived_rows,
    expected_articles,
    load_content,
    parametrize_fields,
    run_crawl,
)

pytestmark = pytest.mark.crawl

SECTIONS = ("politics", "economy", "society")
SEED_ID = 101234


@pytest.fixture(scope="module")
def moved_archive() -> Iterator[tuple[str, str]]:
    """The snapshot with the archive layout moved to `localhost` (old addresses redirect),
    plus a second copy of the site on another port: a mirror."""
    with running_snapshot("--archive-host", "localhost") as site, running_snapshot() as mirror:
        yield site, mirror


def localhost(base_url: str) -> str:
    return base_url.replace("127.0.0.1", "localhost")


@pytest.fixture(scope="module")
def both_layouts(
    tmp_path_factory: pytest.TempPathFactory,
    moved_archive: tuple[str, str],
    categories: dict[str, Any],
) -> CrawlResult:
    site, _ = moved_archive
    start_urls = [f"{site}/en/{section}/" for section in SECTIONS]
    start_urls += [f"{localhost(site)}/en/?cat={category}" for category in categories]
    return run_crawl(tmp_path_factory.mktemp("both") / "archive.db", start_urls, "-a", "mode=full")


def all_expected() -> dict[str, dict[str, Any]]:
    return expected_articles(load_content("archive") + load_content("relaunch"))


def test_both_layouts_crawl_exits_cleanly(both_layouts: CrawlResult) -> None:
    assert both_layouts.returncode == 0, both_layouts.log[-3000:]


def test_every_article_of_both_layouts_is_archived_once(both_layouts: CrawlResult) -> None:
    rows = archived_rows(both_layouts.archive_path)
    assert sorted(rows) == sorted(all_expected())
    layouts = {row["layout"] for row in rows.values()}
    assert layouts == {"archive", "relaunch"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "relaunch_field" in metafunc.fixturenames:
        parametrize_fields(metafunc, "relaunch", ("relaunch_row", "relaunch_field"))


def test_relaunch_field_equals_expected(
    both_layouts: CrawlResult, relaunch_row: dict[str, Any], relaunch_field: str
) -> None:
    row = archived_rows(both_layouts.archive_path)[relaunch_row["url"]]
    assert row[relaunch_field] == relaunch_row[relaunch_field]


def test_archive_rows_survive_the_move_to_another_host(both_layouts: CrawlResult) -> None:
    rows = archived_rows(both_layouts.archive_path)
    for url, expected in expected_articles(load_content("archive")).items():
        assert {field: rows[url][field] for field in ROW_FIELDS} == {
            field: expected[field] for field in ROW_FIELDS
        }


def test_inline_links_are_recorded(both_layouts: CrawlResult) -> None:
    db = sqlite_utils.Database(both_layouts.archive_path)
    archived = sorted(
        (row["from_url"], row["to_url"], row["anchor_text"])
        for row in db["links"].rows_where("kind = 'inline'")
    )
    expected = sorted(
        (row["url"], link["to_url"], link["anchor_text"])
        for row in expected_articles(load_content("relaunch")).values()
        for link in row["links"]
        if link["kind"] == "inline"
    )
    assert expected and archived == expected


def test_relaunch_bodies_hold_no_page_furniture(both_layouts: CrawlResult) -> None:
    relaunch = [
        row for row in archived_rows(both_layouts.archive_path).values()
        if row["layout"] == "relaunch"
    ]  # fmt: skip
    anchors = {
        link["anchor_text"]
        for row in expected_articles(load_content("relaunch")).values()
        for link in row["links"]
    }
    for row in relaunch:
        for furniture in ("TAGGED:", "Share This Article", "Published:", "Updated:"):
            assert furniture not in row["body"], row["url"]
        for anchor in anchors:
            assert anchor not in row["body"], row["url"]
        for tag in row["tags"]:
            assert not row["body"].endswith(tag), row["url"]


def addresses(archive_path: Path, article_url: str) -> dict[str, str | None]:
    db = sqlite_utils.Database(archive_path)
    return {
        row["url"]: row["redirected_to"]
        for row in db["article_urls"].rows_where("article_url = ?", [article_url])
    }


def test_one_article_through_two_hosts_and_a_redirect_is_one_row(
    tmp_path: Path, moved_archive: tuple[str, str]
) -> None:
    site, mirror = moved_archive
    old_address = f"{site}/en/?p={SEED_ID}"
    mirror_address = f"{mirror}/en/?p={SEED_ID}"
    result = run_crawl(
        tmp_path / "aliases.db",
        [old_address, mirror_address],
        "-a",
        "follow_check_also=false",
        # The crawl starts on neither `localhost` nor a live host: trusted as a mirror.
        "-s",
        "NEWSCRAWLER_TRUSTED_HOSTS=localhost",
    )
    assert result.returncode == 0, result.log[-3000:]
    rows = archived_rows(result.archive_path)
    canonical = f"https://archive.sana.sy/en/?p={SEED_ID}"
    assert list(rows) == [canonical]
    moved_address = f"{localhost(site)}/en/?p={SEED_ID}"
    assert addresses(result.archive_path, canonical) == {
        old_address: moved_address,
        moved_address: None,
        mirror_address: None,
    }


def feed_article_urls(feed_xml: str) -> list[str]:
    channel = ElementTree.fromstring(feed_xml).find("channel")
    assert channel is not None
    return [item.findtext("link") or "" for item in channel.findall("item")]


@pytest.mark.parametrize("feed_path", ["/en/feed/", "/en/economy/feed/", "/en/?feed=rss2"])
def test_feed_alone_discovers_articles_read_from_their_pages(
    tmp_path: Path, feed_path: str
) -> None:
    log_path = tmp_path / "requests.jsonl"
    with running_snapshot("--request-log", str(log_path)) as site:
        with urlopen(site + feed_path) as response:
            feed_urls = feed_article_urls(response.read().decode("utf-8"))
        result = run_crawl(tmp_path / "feed.db", [site + feed_path])
        requested = {json.loads(line)["path"] for line in log_path.read_text().splitlines()}
    assert result.returncode == 0, result.log[-3000:]
    assert feed_urls
    for url in feed_urls:
        parts = urlsplit(url)
        assert parts.path + (f"?{parts.query}" if parts.query else "") in requested
    rows = archived_rows(result.archive_path)
    expected = all_expected()
    # Articles the snapshot serves broken on purpose become failures, not rows.
    feed_articles = {canonical_link(url) for url in feed_urls} & set(expected)
    assert feed_articles <= set(rows)
    for url in feed_articles:
        assert rows[url]["body"] == expected[url]["body"]


def relaunch_link_rows(archive_path: Path) -> set[tuple[str, str, str]]:
    db = sqlite_utils.Database(archive_path)
    relaunch = set(expected_articles(load_content("relaunch")))
    return {
        (row["from_url"], row["kind"], row["to_url"])
        for row in db["links"].rows
        if row["from_url"] in relaunch
    }


def test_no_foxiz_chrome_link_becomes_an_edge(both_layouts: CrawlResult) -> None:
    """Mega menus, related blocks, prev/next, sidebars: none of their links is recorded."""
    expected = {
        (row["url"], link["kind"], link["to_url"])
        for row in expected_articles(load_content("relaunch")).values()
        for link in row["links"]
    }
    assert relaunch_link_rows(both_layouts.archive_path) == expected


def test_no_next_post_address_is_archived(both_layouts: CrawlResult) -> None:
    db = sqlite_utils.Database(both_layouts.archive_path)
    addresses = [row["url"] for row in db["articles"].rows]
    addresses += [value for row in db["article_urls"].rows for value in row.values()]
    addresses += [row[key] for row in db["links"].rows for key in ("from_url", "to_url")]
    assert addresses
    assert not [value for value in addresses if isinstance(value, str) and "rbsnp" in value]


def test_each_relaunched_article_is_one_row(both_layouts: CrawlResult) -> None:
    db = sqlite_utils.Database(both_layouts.archive_path)
    post_ids = [row["post_id"] for row in db["articles"].rows_where("layout = 'relaunch'")]
    assert sorted(post_ids) == sorted(
        row["post_id"] for row in expected_articles(load_content("relaunch")).values()
    )
