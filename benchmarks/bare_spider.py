"""A bare Scrapy spider for the crawl-overhead benchmark: same pages as `sana`, no processing.

Run with `scrapy runspider benchmarks/bare_spider.py -a start_urls=URL` from a folder without
`scrapy.cfg`, so that stock Scrapy settings apply and none of the project's middlewares,
extensions or pipelines run. It follows archive listing pages (`?paged=N`) and article pages
(`?p=N`) found by one regular expression over the raw body, and yields no items.
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
        for href in FOLLOWED_HREF.findall(response.body):
            yield scrapy.Request(response.urljoin(href.decode("ascii").replace("&amp;", "&")))
