"""A bare Scrapy spider for the crawl-overhead benchmark: same pages as `sana`, no processing.

Run with `scrapy runspider benchmarks/bare_spider.py -a start_urls=URL` from a folder without
`scrapy.cfg`, so that stock Scrapy settings apply and none of the project's middlewares,
extensions or pipelines run. On listing pages (`?paged=N`) it follows the archive listing and
article addresses (`?paged=N`, `?p=N`) found by one regular expression over the raw body; article
pages it fetches and discards, and it yields no items.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

# Article and home-listing addresses in href attributes, the links the `sana` spider follows.
FOLLOWED_HREF = re.compile(rb'href="([^"]*/en/\?(?:p|paged)=\d+)"')
# Full-chrome article pages link ~50 other articles (menus, sidebar, related posts), which the
# `sana` spider never follows (it follows an article's Check Also link only): a bare spider
# that requested them all would do more work a page than the crawl it is the baseline of.
LISTING_QUERY = "paged="


class BareSpider(scrapy.Spider):
    """Fetches every page the links lead to and discards it."""

    name = "bare"

    def __init__(self, start_urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [url for url in start_urls.split(",") if url]
        # Pages also link the publisher's own hosts (canonical links); stay on the snapshot.
        self.allowed_domains = sorted({urlsplit(url).hostname or "" for url in self.start_urls})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        if LISTING_QUERY not in response.url:
            return
        for href in FOLLOWED_HREF.findall(response.body):
            yield scrapy.Request(response.urljoin(href.decode("ascii").replace("&amp;", "&")))
