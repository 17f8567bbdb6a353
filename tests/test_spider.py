"""The spider's arguments: parsed strictly, defaults that match the public contract."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.items import PageFailure
from newscrawler.spiders.sana import LIVE_HOSTS, LIVE_START_URLS, SanaSpider, parse_bool

TESTS = Path(__file__).parent


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


def crawled_spider(**settings: object) -> SanaSpider:
    crawler = get_crawler(SanaSpider, {"NEWSCRAWLER_MAX_LINKS_PER_PAGE": 500, **settings})
    spider: SanaSpider = SanaSpider.from_crawler(crawler, start_urls=SITE + "/en/?cat=3")
    return spider


SITE = "http://127.0.0.1:8123"


def listing_page(url: str, post_ids: list[int], next_page: int | None = None) -> HtmlResponse:
    items = "".join(
        f'<h2 class="post-box-title"><a href="/en/?p={post_id}">Item {post_id}</a></h2>'
        for post_id in post_ids
    )
    following = (
        f'<div class="pagination"><span id="tie-next-page"><a href="/en/?cat=3&paged={next_page}">'
        "&raquo;</a></span></div>"
        if next_page
        else ""
    )
    html = f'<html><body><div class="archive-box">{items}</div>{following}</body></html>'
    return HtmlResponse(url, body=html.encode(), encoding="utf-8")


def listing_requests(spider: SanaSpider, response: HtmlResponse) -> list[str]:
    return [
        output.url
        for output in spider.parse(response)
        if isinstance(output, Request) and output.meta["role"] == "listing"
    ]


def test_a_listing_page_that_lists_nothing_new_ends_its_walk() -> None:
    spider = crawled_spider()
    first = listing_page(SITE + "/en/?cat=3", [1, 2, 3], next_page=2)
    assert listing_requests(spider, first) == [SITE + "/en/?cat=3&paged=2"]
    repeat = listing_page(SITE + "/en/?cat=3&paged=2", [2, 3], next_page=3)
    assert listing_requests(spider, repeat) == []
    assert spider.crawler.stats is not None
    stops = spider.crawler.stats.get_value("newscrawler/stop_reasons")
    assert stops == {"nothing_new": {"count": 1, "first_url": SITE + "/en/?cat=3&paged=2"}}


def test_an_empty_listing_page_ends_its_walk() -> None:
    spider = crawled_spider()
    empty = listing_page(SITE + "/en/?cat=3&paged=7", [], next_page=8)
    assert listing_requests(spider, empty) == []


def test_an_article_served_by_an_untrusted_host_is_a_failure_not_an_article() -> None:
    spider = crawled_spider()
    html = (TESTS / "pages" / "fixtures" / "seed_archive.html").read_bytes()
    response = HtmlResponse("http://127.0.0.2:8123/en/?p=101234", body=html, encoding="utf-8")
    [output] = list(spider.parse(response))
    assert isinstance(output, PageFailure)
    assert output.stage == "download" and "not trusted" in output.reason


def test_links_to_untrusted_hosts_are_recorded_not_requested() -> None:
    spider = crawled_spider()
    [output] = list(spider.follow_article("http://127.0.0.2:8123/en/?p=5"))
    assert isinstance(output, PageFailure)
    assert "127.0.0.2" in output.reason


def test_trusted_hosts_setting_adds_mirrors() -> None:
    spider = crawled_spider(NEWSCRAWLER_TRUSTED_HOSTS="mirror.example, Other.Example")
    assert {"mirror.example", "other.example", "127.0.0.1"} <= set(spider.allowed_domains)
