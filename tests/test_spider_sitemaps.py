"""The spider's sitemap discovery: where it starts, and what it follows from an index."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.items import PageFailure
from newscrawler.spiders.sana import SanaSpider

SITE = "http://127.0.0.1:8123"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def spider(discovery: str, start_urls: str, **settings: Any) -> SanaSpider:
    crawler = get_crawler(SanaSpider, {"NEWSCRAWLER_MAX_SITEMAP_URLS": 50000, **settings})
    made: SanaSpider = SanaSpider.from_crawler(crawler, start_urls=start_urls, discovery=discovery)
    return made


def start_requests(made: SanaSpider) -> list[tuple[str, str | None]]:
    async def collect() -> list[Request]:
        return [request async for request in made.start()]

    return [(r.url, r.meta["role"]) for r in asyncio.run(collect())]


def sitemap_response(url: str, body: str, **meta: Any) -> XmlResponse:
    request = Request(url, meta={"role": "sitemap", **meta})
    return XmlResponse(url, body=body.encode(), request=request)


@pytest.mark.parametrize(
    ("discovery", "expected"),
    [
        ("listings", [(f"{SITE}/en/?paged=1", None)]),
        ("sitemaps", [(f"{SITE}/robots.txt", "robots")]),
        ("both", [(f"{SITE}/en/?paged=1", None), (f"{SITE}/robots.txt", "robots")]),
    ],
)
def test_discovery_picks_the_start_requests(
    discovery: str, expected: list[tuple[str, str | None]]
) -> None:
    assert start_requests(spider(discovery, f"{SITE}/en/?paged=1")) == expected


def test_a_sitemap_start_url_is_read_as_a_sitemap() -> None:
    made = spider("sitemaps", f"{SITE}/en/sitemap_index.xml")
    assert start_requests(made) == [(f"{SITE}/en/sitemap_index.xml", "sitemap")]


@pytest.mark.parametrize("bad", ["maps", "", "Sitemaps"])
def test_unknown_discovery_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="discovery must be one of"):
        SanaSpider(discovery=bad)


def test_a_sitemap_gives_article_requests_with_their_lastmod() -> None:
    made = spider("sitemaps", f"{SITE}/en/?paged=1")
    body = (
        f"<urlset {NS}><url><loc>{SITE}/en/?p=7</loc><lastmod>2025-03-01T12:00:00+03:00"
        f"</lastmod></url><url><loc>https://elsewhere.example/en/?p=8</loc></url></urlset>"
    )
    [article, offsite] = list(made.parse(sitemap_response(f"{SITE}/en/post-sitemap.xml", body)))
    assert isinstance(article, Request) and article.url == f"{SITE}/en/?p=7"
    assert article.meta["role"] == "article"
    assert article.meta["sitemap_lastmod"] == "2025-03-01T12:00:00+03:00"
    assert article.meta["listing_url"] == f"{SITE}/en/post-sitemap.xml"
    assert isinstance(offsite, PageFailure) and "not one of the publisher's" in offsite.reason


def test_an_index_inside_an_index_is_not_followed() -> None:
    made = spider("sitemaps", f"{SITE}/en/?paged=1")
    body = f"<sitemapindex {NS}><sitemap><loc>{SITE}/en/deeper.xml</loc></sitemap></sitemapindex>"
    first = list(made.parse(sitemap_response(f"{SITE}/en/sitemap_index.xml", body)))
    assert [(r.url, r.meta["role"]) for r in first] == [(f"{SITE}/en/deeper.xml", "sitemap")]
    nested = list(made.parse(sitemap_response(f"{SITE}/en/deeper.xml", body, from_index=True)))
    assert [type(output) for output in nested] == [PageFailure]
    assert "inside a sitemap index" in nested[0].reason


def test_entries_past_the_cap_are_left_out_and_recorded() -> None:
    made = spider("sitemaps", f"{SITE}/en/?paged=1", NEWSCRAWLER_MAX_SITEMAP_URLS=2)
    entries = "".join(f"<url><loc>{SITE}/en/?p={n}</loc></url>" for n in range(5))
    outputs = list(
        made.parse(sitemap_response(f"{SITE}/s.xml", f"<urlset {NS}>{entries}</urlset>"))
    )
    failures = [o for o in outputs if isinstance(o, PageFailure)]
    assert len(failures) == 1 and "NEWSCRAWLER_MAX_SITEMAP_URLS=2" in failures[0].reason
    assert [o.url for o in outputs if isinstance(o, Request)] == [
        f"{SITE}/en/?p=0",
        f"{SITE}/en/?p=1",
    ]


def test_since_skips_entries_last_modified_before_it() -> None:
    crawler = get_crawler(SanaSpider, {"NEWSCRAWLER_MAX_SITEMAP_URLS": 50000})
    made: SanaSpider = SanaSpider.from_crawler(
        crawler, start_urls=f"{SITE}/en/?paged=1", discovery="sitemaps", since="2025-03-01"
    )
    body = (
        f"<urlset {NS}>"
        f"<url><loc>{SITE}/en/?p=1</loc><lastmod>2025-02-28T23:00:00+03:00</lastmod></url>"
        f"<url><loc>{SITE}/en/?p=2</loc><lastmod>2025-03-01T08:00:00+03:00</lastmod></url>"
        f"<url><loc>{SITE}/en/?p=3</loc></url></urlset>"
    )
    outputs = list(made.parse(sitemap_response(f"{SITE}/en/post-sitemap.xml", body)))
    assert [o.url for o in outputs] == [f"{SITE}/en/?p=2", f"{SITE}/en/?p=3"]
