"""The spider's arguments: parsed strictly, defaults that match the public contract."""

from __future__ import annotations

from datetime import date

import pytest

from newscrawler.spiders.sana import LIVE_HOSTS, LIVE_START_URLS, SanaSpider, parse_bool


def test_defaults_to_the_live_site_incrementally() -> None:
    spider = SanaSpider()
    assert spider.start_urls == list(LIVE_START_URLS)
    assert spider.mode == "incremental"
    assert spider.follow_check_also is True
    assert spider.since is None


def test_start_urls_argument_replaces_the_live_start_points() -> None:
    spider = SanaSpider(start_urls="http://127.0.0.1:8123/en/?cat=3, http://localhost:8123/en/")
    assert spider.start_urls == ["http://127.0.0.1:8123/en/?cat=3", "http://localhost:8123/en/"]


def test_allowed_hosts_follow_the_start_urls() -> None:
    spider = SanaSpider(start_urls="http://127.0.0.1:8123/en/?cat=3,http://mirror.example/en/")
    assert {"127.0.0.1", "mirror.example"} <= set(spider.allowed_domains)
    assert set(LIVE_HOSTS) <= set(spider.allowed_domains)


def test_since_and_follow_check_also_are_parsed() -> None:
    spider = SanaSpider(since="2024-02-29", follow_check_also="false")
    assert spider.since == date(2024, 2, 29)
    assert spider.follow_check_also is False


@pytest.mark.parametrize("mode", ["everything", "", "FULL"])
def test_unknown_mode_is_refused(mode: str) -> None:
    with pytest.raises(ValueError, match="mode must be one of"):
        SanaSpider(mode=mode)


def test_bad_since_is_refused() -> None:
    with pytest.raises(ValueError):
        SanaSpider(since="29/02/2024")


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("Yes", True), ("1", True), ("false", False), ("off", False), ("0", False)],
)
def test_parse_bool(text: str, value: bool) -> None:
    assert parse_bool(text) is value


def test_parse_bool_refuses_other_words() -> None:
    with pytest.raises(ValueError):
        parse_bool("maybe")


def test_articles_are_fetched_before_further_listing_pages() -> None:
    # Otherwise a full walk runs ahead and queues a request per unfetched article.
    spider = SanaSpider()
    article = spider.request("https://archive.sana.sy/en/?p=1", "article")
    listing = spider.request("https://archive.sana.sy/en/?paged=2", "listing")
    assert article.priority > listing.priority
