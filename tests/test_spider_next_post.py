"""Foxiz's `?rbsnp=1` next-post fragments: never requested, never archived, never a lost post."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.items import PageFailure, RawArticle
from newscrawler.spiders.sana import ROLE_ARTICLE, SanaSpider
from tests.support import ROOT

FIXTURES = ROOT / "tests" / "pages" / "fixtures"
ARTICLE = "https://sana.sy/en/economy/2271614/"


def spider() -> SanaSpider:
    crawler = get_crawler(SanaSpider)
    return SanaSpider.from_crawler(crawler, start_urls=ARTICLE)


def parsed(url: str, body: bytes) -> list[object]:
    return list(spider().parse(HtmlResponse(url, body=body, encoding="utf-8")))


def test_next_post_addresses_are_requested_as_the_post_itself() -> None:
    for address in (f"{ARTICLE}?rbsnp=1", f"{ARTICLE}rbsnp/", f"{ARTICLE}rbsnp/1/"):
        assert spider().request(address, ROLE_ARTICLE).url == ARTICLE


def test_a_fetched_fragment_yields_its_article_request_and_no_record() -> None:
    body = (FIXTURES / "relaunch_next_post.html").read_bytes()
    results = parsed(f"{ARTICLE}?rbsnp=1", body)
    assert not [r for r in results if isinstance(r, RawArticle | PageFailure)]
    assert [(r.url, r.meta["role"]) for r in results if isinstance(r, Request)] == [
        (ARTICLE, ROLE_ARTICLE)
    ]


def test_a_fragment_is_recognized_by_its_markup_under_a_plain_address() -> None:
    body = (FIXTURES / "relaunch_next_post.html").read_bytes()
    results = parsed(ARTICLE, body)
    assert [type(r) for r in results] == [Request]


def test_a_fragment_naming_no_article_is_a_recorded_failure() -> None:
    body = b'<html><body><div class="single-post-outer" data-postid="1"></div></body></html>'
    results = parsed(f"{ARTICLE}?rbsnp=1", body)
    assert [(type(r), getattr(r, "stage", None)) for r in results] == [(PageFailure, "parse")]
