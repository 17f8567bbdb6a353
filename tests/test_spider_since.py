"""`-a since=` on archive listings: items dated by `.tie-date`, paging stops past the bound."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.pages.detect import PageKind
from newscrawler.spiders.sana import ROLE_ARTICLE, ROLE_LISTING, SanaSpider, response_selector
from tests.support import ROOT

LISTING = ROOT / "tests" / "pages" / "fixtures" / "archive_listing.html"
URL = "https://archive.sana.sy/en/?cat=3"  # items dated August 20, 20 and 19, 2025


def follow(since: str) -> list[Request]:
    response = HtmlResponse(URL, body=LISTING.read_bytes(), encoding="utf-8")
    spider = SanaSpider.from_crawler(get_crawler(SanaSpider), start_urls=URL, since=since)
    return list(
        spider.follow_listing(response, PageKind.ARCHIVE_LISTING, response_selector(response))
    )


def roles(requests: list[Request]) -> list[str]:
    return [request.meta["role"] for request in requests]


def test_items_before_since_are_skipped_and_paging_goes_on() -> None:
    requests = follow("2025-08-20")
    assert roles(requests) == [ROLE_ARTICLE, ROLE_ARTICLE, ROLE_LISTING]
    assert [r.url for r in requests[:2]] == [
        "https://archive.sana.sy/en/?p=244090",
        "https://archive.sana.sy/en/?p=244071",
    ]


def test_a_page_dated_wholly_before_since_ends_the_walk() -> None:
    assert follow("2025-08-21") == []


def test_since_before_every_item_keeps_them_all() -> None:
    assert roles(follow("2025-01-01")) == [ROLE_ARTICLE] * 3 + [ROLE_LISTING]


FOXIZ_LISTING = ROOT / "tests" / "pages" / "fixtures" / "relaunch_foxiz_listing.html"
FOXIZ_URL = "https://sana.sy/en/economy/"


def follow_foxiz(since: str, body: bytes | None = None) -> list[Request]:
    response = HtmlResponse(FOXIZ_URL, body=body or FOXIZ_LISTING.read_bytes(), encoding="utf-8")
    spider = SanaSpider.from_crawler(get_crawler(SanaSpider), start_urls=FOXIZ_URL, since=since)
    return list(
        spider.follow_listing(response, PageKind.RELAUNCH_LISTING, response_selector(response))
    )


def test_foxiz_cards_are_dated_by_publication_not_by_their_modified_date() -> None:
    # 2270249 was published 2025-12-16; its card shows its 2026-04-02 modified date first.
    articles = [r.url for r in follow_foxiz("2026-01-01") if r.meta["role"] == ROLE_ARTICLE]
    assert "https://sana.sy/en/economy/2270249/" not in articles
    assert articles[-1] == "https://sana.sy/en/economy/2270270/"


def test_foxiz_cards_with_only_a_modified_date_are_undated() -> None:
    only_updated = FOXIZ_LISTING.read_text(encoding="utf-8").replace(
        '<span class="meta-el meta-date"><time class="date published"', "<span><time"
    )
    requests = follow_foxiz("2030-01-01", only_updated.encode("utf-8"))
    assert roles(requests) == [ROLE_ARTICLE] * 10 + [ROLE_LISTING]
